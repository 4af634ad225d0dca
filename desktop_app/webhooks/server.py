"""WebhookServer: store, application and listener started and stopped as one.

``stop()`` closes the listener first, then gives in-flight requests ``shutdown_timeout`` to
finish (each one's commit included), and only then closes the store: a SIGTERM never turns a
committed message into a missing 200 or an answered message into a lost row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path

from aiohttp import web

from desktop_app.webhooks.app import build_app, new_guard
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.guard import GuardedSite
from desktop_app.webhooks.logsafe import ClientErrorFilter
from desktop_app.webhooks.oauth import BearerValidator
from desktop_app.webhooks.store import WebhookStore, open_webhook_store

log = logging.getLogger(__name__)


class WebhookServer:
    def __init__(self, config: ReceiverConfig, store: WebhookStore) -> None:
        self.config = config
        self.store = store
        self.bearer = BearerValidator(config.oauth) if config.oauth else None
        self.guard = new_guard(config)
        self.url = ""
        self._runner: web.AppRunner | None = None

    @classmethod
    def with_sqlite(cls, config: ReceiverConfig, path: Path) -> WebhookServer:
        return cls(config, open_webhook_store(path))

    async def start(self) -> str:
        _quiet_client_errors(self.config)
        await self.store.open()
        runner = web.AppRunner(
            build_app(self.config, self.store, self.guard, self.bearer), access_log=None,
            shutdown_timeout=self.config.shutdown_timeout, max_line_size=self.config.max_line_size,
            max_field_size=self.config.max_field_size, max_headers=self.config.max_headers,
            keepalive_timeout=2 * self.config.header_timeout,  # the guard acts first
            lingering_time=min(1.0, self.config.body_timeout))  # a refused body's tail
        await runner.setup()
        try:
            site = GuardedSite(runner, self.config.host, self.config.port, self.guard,
                               ssl_context=self.config.ssl_context())
            await site.start()
        except BaseException:
            await runner.cleanup()
            await self.store.close()
            raise
        self._runner = runner
        host, port = runner.addresses[0][:2]
        shown = f"[{host}]" if ":" in str(host) else host
        self.url = f"{self.config.scheme}://{shown}:{port}/webhook"
        log.info("webhook receiver listening on %s", self.url)
        return self.url

    async def stop(self) -> None:
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        await runner.cleanup()
        if self.bearer is not None:
            await self.bearer.close()
        await self.store.close()
        log.info("webhook receiver stopped")

    async def serve_until_signalled(self) -> None:
        """Run until SIGINT/SIGTERM (Ctrl+C on Windows), then stop gracefully."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        try:
            with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
                await stop.wait()
        finally:
            await self.stop()


def _quiet_client_errors(config: ReceiverConfig) -> None:
    """aiohttp logs a request its parser refused with a traceback: one short line instead."""
    server_log = logging.getLogger("aiohttp.server")
    for old in [f for f in server_log.filters if isinstance(f, ClientErrorFilter)]:
        server_log.removeFilter(old)
    server_log.addFilter(ClientErrorFilter(config.client_error_burst,
                                           config.client_error_per_second))
