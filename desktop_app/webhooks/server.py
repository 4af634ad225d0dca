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

from desktop_app.webhooks.app import build_app
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.oauth import BearerValidator
from desktop_app.webhooks.store import WebhookStore, open_webhook_store

log = logging.getLogger(__name__)


class WebhookServer:
    def __init__(self, config: ReceiverConfig, store: WebhookStore) -> None:
        self.config = config
        self.store = store
        self.bearer = BearerValidator(config.oauth) if config.oauth else None
        self.url = ""
        self._runner: web.AppRunner | None = None

    @classmethod
    def with_sqlite(cls, config: ReceiverConfig, path: Path) -> WebhookServer:
        return cls(config, open_webhook_store(path))

    async def start(self) -> str:
        await self.store.open()
        runner = web.AppRunner(
            build_app(self.config, self.store, self.bearer), access_log=None,
            shutdown_timeout=self.config.shutdown_timeout, max_line_size=self.config.max_line_size,
            max_field_size=self.config.max_field_size, max_headers=self.config.max_headers)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.config.host, self.config.port,
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
