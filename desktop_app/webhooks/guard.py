"""The door of the receiver: who may connect, how many at once, and for how long (issue 14).

aiohttp has neither a header read timeout nor a connection cap, and checks nothing before a
request is parsed: five slow-drip connections were never closed, and 300 half-open ones from
a host off the allowlist made the gateway's real posts time out. So every connection passes
through ``GuardedConnection``, a thin protocol in front of aiohttp's own:

- at accept, a peer that is neither allowed nor one of our trusted proxies is answered 403
  and closed before a byte of it is read; past ``max_connections`` a new one gets 503;
- between requests (from accept, and after each response) the next request's headers must
  be complete within ``header_timeout``, else 408 and closed; the body has its own
  deadline in the handler (``app.receive``).
With TLS the handshake comes first, bounded by the same timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from aiohttp import web

from desktop_app.webhooks.logsafe import ClientErrorLog
from desktop_app.webhooks.security import Network, source_allowed

_CLOSE = "HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class Guard:
    def __init__(self, admitted: Sequence[Network], max_connections: int,
                 header_timeout: float, refused: ClientErrorLog) -> None:
        self.admitted = tuple(admitted)
        self.max_connections = max_connections
        self.header_timeout = header_timeout
        self.refused = refused
        self.open: dict[asyncio.BaseTransport, GuardedConnection] = {}

    def factory(self, inner: Callable[[], asyncio.Protocol]) -> Callable[[], asyncio.Protocol]:
        return lambda: GuardedConnection(self, inner)

    def request_started(self, transport: asyncio.BaseTransport | None) -> None:
        connection = self.open.get(transport) if transport is not None else None
        if connection is not None:
            connection.disarm()

    def request_finished(self, transport: asyncio.BaseTransport | None) -> None:
        connection = self.open.get(transport) if transport is not None else None
        if connection is not None:
            connection.arm()


class GuardedConnection(asyncio.Protocol):
    """Delegates to aiohttp's request handler once the peer is admitted."""

    def __init__(self, guard: Guard, make_inner: Callable[[], asyncio.Protocol]) -> None:
        self.guard = guard
        self.make_inner = make_inner
        self.inner: asyncio.Protocol | None = None
        self.transport: asyncio.Transport | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._partial = False   # bytes of a request arrived since the clock started
        self._draining = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername")
        ip = str(peer[0]) if peer else ""
        if not source_allowed(ip, self.guard.admitted):
            self._refuse(403, "Source not allowed", ip)
            return
        if len(self.guard.open) >= self.guard.max_connections:
            self._refuse(503, "Too many connections", ip)
            return
        self.guard.open[transport] = self
        self.inner = self.make_inner()
        self.inner.connection_made(transport)
        self.arm()

    def _refuse(self, status: int, reason: str, ip: str) -> None:
        self.guard.refused(status, reason, ip)
        self._answer_and_close(status, reason)

    def _answer_and_close(self, status: int, reason: str) -> None:
        """Answer, stop writing, and drop whatever the peer still sends for at most a
        second: closing on unread data would reset the connection before the answer is
        read. The connection no longer counts against the cap meanwhile."""
        transport = self.transport
        assert transport is not None
        self.guard.open.pop(transport, None)
        self._draining = True   # aiohttp hears nothing more; it learns of the close at the end
        transport.write(_CLOSE.format(status=status, reason=reason).encode("ascii"))
        if transport.can_write_eof():
            transport.write_eof()
            self.disarm()
            self._timer = asyncio.get_running_loop().call_later(
                min(1.0, self.guard.header_timeout), transport.abort)
        else:
            transport.close()

    def arm(self) -> None:
        self.disarm()
        self._partial = False
        self._timer = asyncio.get_running_loop().call_later(self.guard.header_timeout,
                                                            self._too_slow)

    def disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _too_slow(self) -> None:
        self._timer = None
        if self.transport is None or self.transport.is_closing():
            return
        if not self._partial:  # an idle keep-alive connection just ends
            self.transport.close()
            return
        peer = self.transport.get_extra_info("peername")
        self.guard.refused(408, "Request headers too slow", str(peer[0]) if peer else "")
        self._answer_and_close(408, "Request Timeout")

    def data_received(self, data: bytes) -> None:
        self._partial = True
        if self.inner is not None and not self._draining:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        if self.inner is None or self._draining:
            return None
        return self.inner.eof_received()

    def pause_writing(self) -> None:
        if self.inner is not None:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.inner is not None:
            self.inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.disarm()
        if self.transport is not None:
            self.guard.open.pop(self.transport, None)
        if self.inner is not None:
            self.inner.connection_lost(exc)
            self.inner = None


class GuardedSite(web.TCPSite):
    """``TCPSite`` whose listener hands every connection to the guard first."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int, guard: Guard,
                 **kwargs: object) -> None:
        super().__init__(runner, host, port, **kwargs)  # type: ignore[arg-type]
        self.guard = guard

    async def start(self) -> None:
        await web.BaseSite.start(self)
        server = self._runner.server
        assert server is not None
        self._server = await asyncio.get_running_loop().create_server(
            self.guard.factory(server), self._host, self._port, ssl=self._ssl_context,
            backlog=self._backlog, reuse_address=self._reuse_address,
            reuse_port=self._reuse_port,
            ssl_handshake_timeout=self.guard.header_timeout if self._ssl_context else None)
        sockets = self._server.sockets
        self._bound_port = sockets[0].getsockname()[1] if sockets else self._port
