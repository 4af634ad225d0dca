"""The app's running parts over given settings, opened and closed in one place.

``desktop_app/bootstrap.py`` decides what to run (it reads the settings file and starts the
embedded sandbox in the sandbox environment); this module builds the parts on what it is
given and never knows whether the gateway at the other end is an emulator. Shutdown order as
Electrum does it: stop taking work, close the gateway client, close the webhook store and the
journal.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta

from desktop_app.gateway import GatewayClient
from desktop_app.paths import AppPaths
from desktop_app.services.history import GatewayUpdates
from desktop_app.services.payments import PaymentService
from desktop_app.services.plans import PlanService
from desktop_app.services.reconcile import Reconciler
from desktop_app.settings import Settings, journal_target, webhook_store_target
from desktop_app.store import Journal

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    paths: AppPaths
    settings: Settings
    journal: Journal
    gateway: GatewayClient
    reconciler: Reconciler
    payments: PaymentService
    updates: GatewayUpdates  # the gateway's later word on payments (webhooks), for History
    plans: PlanService


@asynccontextmanager
async def running(paths: AppPaths, settings: Settings, *, reconcile: bool = True,
                  watch_interval: float | None = None) -> AsyncIterator[Runtime]:
    """``watch_interval``: for long-running callers (the Qt app), keep settling unknown
    payments in the background every so many seconds."""
    config = settings.gateway_config()  # no password stored: refused before anything opens
    journal = await Journal(journal_target(paths, settings)).open()
    gateway = GatewayClient(replace(config, desk_user=journal.origin.user,
                                    workstation_id=journal.origin.workstation))
    updates = GatewayUpdates(webhook_store_target(paths, settings))
    reconciler = Reconciler(gateway, journal,
                            timedelta(seconds=settings.reconcile_settle_seconds),
                            webhooks=updates)
    runtime = Runtime(paths, settings, journal, gateway, reconciler,
                      PaymentService(gateway, journal, reconciler,
                                     terminal_shared=settings.terminal_shared),
                      updates, PlanService(gateway, journal, updates))
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
