"""The one shared HTTP transport: a single httpx.AsyncClient per gateway configuration.

Keep-alive, TLS verification always on (the OS trust store via truststore), explicit connect
and read timeouts. NVP, REST and zeep's SOAP all post through ``SharedTransport.post``, so the
rules below hold for every protocol. Whether money may have moved is decided by which error
is raised (see ``errors.py``), and this class decides it for everything below the codecs:

- connection refused / connect timeout / no free connection, or the exchange's deadline
  passing before the first byte of the request was written: the request never left, so it
  is retried (bounded) and then reported as ``GatewayUnreachable``;
- anything after the request may have been written: ``OutcomeUnknown``, never retried here.
  That includes a dropped connection, a reply that does not finish within
  ``GatewayConfig.exchange_deadline`` (one deadline for the whole exchange: httpx's read
  timeout is per chunk, so a dripping reply would never end; a gap longer than that read
  timeout is told to staff the same way: "did not finish answering in time"), a reply larger
  than ``GatewayConfig.max_reply_bytes`` (streamed and abandoned at the bound, never read whole,
  decompression bounded too: ``reply_body.py``) and a body that fails to decode
  (``Content-Encoding: gzip`` with garbage).

The transport hands back the status, headers and complete body; the codecs and
``verdict.py`` decide what the body means.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import dataclass
from typing import Any

import httpx

from desktop_app import __version__, tlspolicy
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import GatewayUnreachable, OutcomeUnknown
from desktop_app.gateway.reply_body import ACCEPT_ENCODING, read_bounded

log = logging.getLogger(__name__)

CONNECT_ATTEMPTS = 3
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def _tls_context() -> ssl.SSLContext:
    """The OS trust store, under the one transport policy (TLS 1.2+, RSA >= 2048 bits)."""
    return tlspolicy.client_context()


@dataclass(frozen=True)
class Reply:
    """A complete gateway reply: everything the codecs may look at."""

    status_code: int
    headers: httpx.Headers
    content: bytes


class _NotSent(Exception):
    """The request certainly did not leave: safe to try again."""


class _Progress:
    """Learns from httpcore's trace events whether the request started to leave this PC."""

    def __init__(self) -> None:
        self.sent = False

    async def trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith(".send_request_headers.started"):
            self.sent = True


class SharedTransport:
    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        self.client = httpx.AsyncClient(
            auth=httpx.BasicAuth(config.account_id, config.password),
            timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            limits=httpx.Limits(max_connections=10, max_keepalive_connections=5,
                                keepalive_expiry=60),
            verify=_tls_context(),
            headers={"User-Agent": f"FrontDeskPay/{__version__}",
                     "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False,
        )

    async def post(self, url: str, **kwargs: Any) -> Reply:
        delay = 0.2
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                return await self._exchange(url, kwargs)
            except _NotSent as exc:
                if attempt == CONNECT_ATTEMPTS:
                    raise GatewayUnreachable(
                        "Could not reach the payment gateway. Nothing was charged; check the "
                        "network and try again.", detail=str(exc)) from None
                log.warning("gateway connect failed (%s), attempt %d", exc, attempt)
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    async def _exchange(self, url: str, kwargs: dict[str, Any]) -> Reply:
        """One attempt under one deadline; only a request that never left is retried."""
        progress = _Progress()
        deadline = self.config.exchange_deadline
        try:
            async with asyncio.timeout(deadline):
                async with self.client.stream("POST", url, extensions={"trace": progress.trace},
                                              **kwargs) as response:
                    body = await read_bounded(response, self.config.max_reply_bytes)
        except TimeoutError:
            if not progress.sent:
                raise _NotSent("deadline passed before sending") from None
            raise _late(f"no complete reply within {deadline:g} s") from None
        except _NOT_SENT as exc:
            if progress.sent:  # never expected after the headers left; be safe if it is
                raise _lost(exc) from None
            raise _NotSent(_why(exc)) from None
        except httpx.ReadTimeout:  # a quiet gap longer than the read timeout, mid-reply
            raise _late(f"no byte of the reply for {self.config.read_timeout:g} s") from None
        except httpx.HTTPError as exc:  # dropped connection, protocol errors, anything else
            raise _lost(exc) from None
        except (OutcomeUnknown, _NotSent):
            raise
        except Exception as exc:  # not httpx's (a bad port in the address, a socket error)
            if not progress.sent:
                raise _NotSent(type(exc).__name__) from None
            raise _lost(exc) from None
        return Reply(response.status_code, response.headers, body)

    async def aclose(self) -> None:
        await self.client.aclose()


def _why(exc: Exception) -> str:
    """The exception's name, or what IT must change when TLS policy refused the server."""
    cause = exc.__context__ or exc.__cause__
    while cause is not None and not isinstance(cause, ssl.SSLError):
        cause = cause.__context__ or cause.__cause__
    return f"TLS refused: {tlspolicy.explain(cause)}" if cause else type(exc).__name__


def _late(detail: str) -> OutcomeUnknown:
    """The gateway went quiet or slow after the request left: whichever timer ran out first
    (the whole exchange's deadline, or httpx's per-read timeout when a gap is longer), staff
    are told the same thing, because it means the same: the answer did not come in time."""
    return OutcomeUnknown("The gateway did not finish answering in time.", detail=detail)


def _lost(exc: Exception) -> OutcomeUnknown:
    return OutcomeUnknown("The connection to the gateway broke before its answer arrived.",
                          detail=type(exc).__name__)
