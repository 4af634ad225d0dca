"""The composition root: what runs, decided once, beside the command line.

It reads the settings file, applies the command line's overrides, starts the embedded sandbox
gateway (and a loopback webhook receiver for it) when the environment is sandbox and no
gateway address is given, and opens the
runtime (``services/runtime.py``) on the result. Nothing below this module knows the sandbox
exists: the runtime knows its environment and the gateway's address, and an emulator on
loopback looks to it like any gateway.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop_app.gateway import Environment, Protocol
from desktop_app.logs import setup_logging
from desktop_app.paths import AppPaths, app_paths
from desktop_app.services.runtime import Runtime, running
from desktop_app.settings import Settings, load_settings

if TYPE_CHECKING:
    from desktop_app.sandbox import SandboxServer


@dataclass(frozen=True)
class Started:
    runtime: Runtime
    sandbox: SandboxServer | None  # the embedded gateway, when this process runs one


@asynccontextmanager
async def open_app(*, gateway_url: str | None = None, protocol: Protocol | None = None,
                   reconcile: bool = True, watch_interval: float | None = None
                   ) -> AsyncIterator[Started]:
    paths = app_paths().ensure()
    setup_logging(paths)
    settings = load_settings(paths)
    if gateway_url:
        settings = replace(settings, gateway_url=gateway_url)
    if protocol:
        settings = replace(settings, protocol=protocol)
    async with AsyncExitStack() as stack:
        sandbox = None
        if settings.environment is Environment.SANDBOX and not settings.gateway_url:
            from desktop_app.sandbox import SandboxServer, SandboxSettings

            hooks = await stack.enter_async_context(_embedded_receiver(paths, settings))
            sandbox = await stack.enter_async_context(SandboxServer(SandboxSettings(
                webhook_url=hooks)))
            settings = replace(settings, gateway_url=sandbox.url)
        # entered last, closed first: the runtime stops before the gateway it talks to
        runtime = await stack.enter_async_context(running(
            paths, settings, reconcile=reconcile, watch_interval=watch_interval))
        yield Started(runtime, sandbox)


@asynccontextmanager
async def _embedded_receiver(paths: AppPaths, settings: Settings) -> AsyncIterator[str]:
    """The embedded sandbox's webhooks land where the app reads them, as the real gateway's
    reach a clinic's ``main.py webhook-server``: reconciliation's first channel works in the
    trainer too. Loopback only, any free port; yields its URL."""
    from desktop_app.settings import webhook_store_target
    from desktop_app.webhooks.config import ReceiverConfig
    from desktop_app.webhooks.server import WebhookServer
    from desktop_app.webhooks.store import open_webhook_store

    receiver = WebhookServer(
        ReceiverConfig(port=0, sandbox=True, shutdown_timeout=2.0,
                       reference_slot=settings.reference_slot),
        open_webhook_store(webhook_store_target(paths, settings)))
    url = await receiver.start()
    try:
        yield url
    finally:
        await receiver.stop()


@asynccontextmanager
async def open_runtime(*, gateway_url: str | None = None, protocol: Protocol | None = None,
                       reconcile: bool = True, watch_interval: float | None = None
                       ) -> AsyncIterator[Runtime]:
    """What the commands and the app use: the runtime alone."""
    async with open_app(gateway_url=gateway_url, protocol=protocol, reconcile=reconcile,
                        watch_interval=watch_interval) as started:
        yield started.runtime
