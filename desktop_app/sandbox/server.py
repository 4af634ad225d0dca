"""SandboxServer: the embedded gateway as a real aiohttp server on loopback.

One object owns the app, its runner and the in-memory state, so the demo, the test suite and
``main.py sandbox`` all start the very same thing. ``stop()`` cancels webhook retries and
gives in-flight requests ``shutdown_timeout`` seconds, so a request sleeping in an injected
fault never holds up shutdown.
"""

from __future__ import annotations

import ipaddress
import logging
from types import TracebackType

from aiohttp import web

from desktop_app.sandbox import (
    admin,
    healthcare,
    nvp_endpoint,
    plans,
    rest_endpoint,
    soap_endpoint,
    sso,
    sso_service,
)
from desktop_app.sandbox.app_state import SERVICES, Services
from desktop_app.sandbox.core import GatewayState, Processor
from desktop_app.sandbox.faults import FaultRegistry
from desktop_app.sandbox.handlers import HANDLERS
from desktop_app.sandbox.ledger import Ledger
from desktop_app.sandbox.settings import SandboxSettings
from desktop_app.sandbox.sso_tokens import SsoTokens
from desktop_app.sandbox.table import table
from desktop_app.sandbox.webhook_sender import WebhookSender

log = logging.getLogger(__name__)


def _url_host(host: str) -> str:
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host
    if ip.is_unspecified:
        return "127.0.0.1" if ip.version == 4 else "[::1]"
    return f"[{host}]" if ip.version == 6 else host


class SandboxServer:
    def __init__(self, settings: SandboxSettings | None = None) -> None:
        self.settings = settings or SandboxSettings()
        self.ledger = Ledger()
        self.state = GatewayState(self.ledger, SsoTokens(self.settings.sso_token_lifetime))
        self.faults = FaultRegistry()
        self.webhooks = WebhookSender(self.settings)
        self.processor = Processor(self.state, HANDLERS, [self.webhooks.notify])
        self.state.plans.notify = self.webhooks.send_plan_update
        self.url = ""
        self._runner: web.AppRunner | None = None

    @property
    def tokens(self) -> SsoTokens:
        return self.state.tokens

    def build_app(self) -> web.Application:
        app = web.Application(middlewares=[admin.loopback_only])
        app[SERVICES] = Services(self.settings, self.state, self.processor, self.faults,
                                 self.webhooks)
        paths = table().paths
        app.router.add_post(paths["nvp"], nvp_endpoint.post_nvp)
        rest_endpoint.add_routes(app)
        app.router.add_post(paths["soap_payment"], soap_endpoint.post_payment)
        app.router.add_get(paths["soap_payment"],
                           soap_endpoint.describe("payment", paths["soap_payment"]))
        sso.add_routes(app)  # the ACS endpoint and the hosted pages (sso.json)
        sso_service.add_routes(app)
        healthcare.add_routes(app)  # eligibility, EDI as one string (healthcare.json)
        admin.add_routes(app)
        plans.add_routes(app)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on host:port (0 picks a free port); returns and sets ``url``."""
        if self._runner is not None:
            raise RuntimeError("the sandbox is already running")
        runner = web.AppRunner(self.build_app(), handler_cancellation=True,
                               shutdown_timeout=self.settings.shutdown_timeout)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        bound_port = runner.addresses[0][1]
        self.url = f"http://{_url_host(host)}:{bound_port}"
        self.state.base_url = self.url
        await self.webhooks.start()
        log.info("sandbox gateway listening on %s", self.url)
        return self.url

    async def stop(self) -> None:
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        await self.webhooks.stop()
        await runner.cleanup()
        log.info("sandbox gateway stopped")

    async def __aenter__(self) -> SandboxServer:
        if self._runner is None:
            await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.stop()
