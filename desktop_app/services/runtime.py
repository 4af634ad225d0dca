"""The app's running parts, opened and closed in one place (CLI, Qt app and tests).

Shutdown order as Electrum does it: stop taking work, close the gateway client, close the
webhook store and the journal, stop the embedded sandbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from desktop_app.gateway import Environment, GatewayClient, Protocol
from desktop_app.logs import setup_logging
from desktop_app.paths import AppPaths, app_paths
from desktop_app.services.history import GatewayUpdates
from desktop_app.services.payments import PaymentService
from desktop_app.services.reconcile import Reconciler
from desktop_app.settings import Settings, journal_target, load_settings, webhook_store_target
from desktop_app.store import Journal

if TYPE_CHECKING:
    from desktop_app.sandbox import SandboxServer

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    paths: AppPaths
    settings: Settings
    journal: Journal
    gateway: GatewayClient
    reconciler: Reconciler
    payments: PaymentService
    sandbox: SandboxServer | None
    updates: GatewayUpdates  # the gateway's later word on payments (webhooks), for History


@asynccontextmanager
async def open_runtime(*, gateway_url: str | None = None, protocol: Protocol | None = None,
                       reconcile: bool = True, watch_interval: float | None = None
                       ) -> AsyncIterator[Runtime]:
    """``watch_interval``: for long-running callers (the Qt app), keep settling unknown
    payments in the background every so many seconds."""
    paths = app_paths().ensure()
    setup_logging(paths)
    settings = load_settings(paths)
    if gateway_url:
        settings = replace(settings, gateway_url=gateway_url)
    if protocol:
        settings = replace(settings, protocol=protocol)
    sandbox = None
    if settings.environment == Environment.SANDBOX.value and not settings.gateway_url:
        from desktop_app.sandbox import SandboxServer, SandboxSettings
        sandbox = SandboxServer(SandboxSettings())
        await sandbox.start(host="127.0.0.1", port=0)
        settings = replace(settings, gateway_url=sandbox.url)
    journal = await Journal(journal_target(paths, settings)).open()
    gateway = GatewayClient(settings.gateway_config())
    reconciler = Reconciler(gateway, journal,
                            timedelta(seconds=settings.reconcile_settle_seconds))
    runtime = Runtime(paths, settings, journal, gateway, reconciler,
                      PaymentService(gateway, journal, reconciler), sandbox,
                      GatewayUpdates(webhook_store_target(paths, settings)))
    watcher = None
    try:
        if reconcile:
            await reconciler.run_once()
        if watch_interval:
            watcher = asyncio.create_task(reconciler.watch(watch_interval))
        yield runtime
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await gateway.aclose()
        await runtime.updates.close()
        await journal.close()
        if sandbox is not None:
            await sandbox.stop()
