"""What every view shares: the running services, the devices, and app-wide signals."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from desktop_app.services.runtime import Runtime
from desktop_app.services.sso import SsoCheckout
from desktop_app.settings import Settings
from desktop_app.ui.checkout.card_source import CardSource, DeviceCardSource
from desktop_app.ui.device_hub import DeviceHub
from desktop_app.ui.errors import ErrorPresenter


class AppContext(QObject):
    journal_changed = Signal()           # a payment was written: history and totals refresh
    settings_changed = Signal()

    def __init__(self, runtime: Runtime, presenter: ErrorPresenter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.presenter = presenter
        self.devices = DeviceHub(runtime.settings, runtime.sandbox is not None, self)
        self.card_source: CardSource = DeviceCardSource(self.devices)
        self.sso_poll_interval: float | None = None  # tests poll faster than the setting
        # a payment settled in the background (Reconciler.watch): History shows it now
        runtime.reconciler.add_listener(lambda _outcome: self.journal_changed.emit())

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def is_production(self) -> bool:
        return self.settings.environment == "production"

    def start_devices(self) -> asyncio.Task[object]:
        """Bind the devices in the background: the window never waits for a slow port."""
        async def start() -> object:
            try:
                return await self.devices.start()
            except Exception as exc:  # a device problem must not stop the desk taking checks
                self.presenter.present(exc, "devices")
                return None
        self._devices_task = asyncio.ensure_future(start())
        return self._devices_task

    async def close(self) -> None:
        task = getattr(self, "_devices_task", None)
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.devices.close()

    def sso(self) -> SsoCheckout:
        s = self.settings
        poll = self.sso_poll_interval or float(s.sso_poll_seconds)
        return SsoCheckout(self.runtime.payments, poll_interval=poll,
                           lifetime=float(s.sso_timeout_minutes * 60))

    def apply_settings(self, settings: Settings) -> None:
        """Kept for the session. What the runtime opened with (the gateway, its timeouts, the
        databases) stays until the next start; texts, IDs and hosted-page timing apply now."""
        running = self.runtime.settings
        self.runtime.settings = replace(
            settings, gateway_url=running.gateway_url if self.runtime.sandbox
            else settings.gateway_url, journal_url=running.journal_url,
            webhook_store_url=running.webhook_store_url,
            read_timeout_seconds=running.read_timeout_seconds)
        self.settings_changed.emit()
