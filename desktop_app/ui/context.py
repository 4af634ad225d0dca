"""What every view shares: the running services, the devices, and app-wide signals."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.domain import Money, Tender
from desktop_app.gateway.config import Environment
from desktop_app.services.runtime import Runtime
from desktop_app.services.sso import SsoCheckout
from desktop_app.settings import Settings, declared, read_settings, save_settings
from desktop_app.ui.checkout.card_source import CardSource, DeviceCardSource
from desktop_app.ui.checkout.wedge_filter import WedgeKeyFilter, WedgeSink
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
        self.devices = DeviceHub(runtime.settings, self)
        self.card_source: CardSource = DeviceCardSource(self.devices)
        # keyboard-wedge swipes: captured while a card is awaited, thrown away otherwise
        self.wedge_filter = WedgeKeyFilter(self)
        self.wedge_filter.stray_swipe.connect(self._stray_swipe)
        self.devices.devices_changed.connect(self._guard_wedge)
        self.sso_poll_interval: float | None = None  # tests poll faster than the setting
        # a payment settled in the background (Reconciler.watch): History shows it now
        runtime.reconciler.add_listener(lambda _outcome: self.journal_changed.emit())

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def is_production(self) -> bool:
        return self.settings.environment is Environment.PRODUCTION

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
        self._guard_wedge()  # no reader left: the key filter comes off the application

    async def capture_card(self, amount: Money, on_status: Callable[[str], None]) -> Tender:
        """One card from the reader (checkout, or the Devices page's test read)."""
        source = self.card_source
        with self.keys_to(self.devices.wedge() if source.uses_wedge else None):
            return await source.capture(amount, on_status)

    @contextlib.contextmanager
    def keys_to(self, sink: WedgeSink | None) -> Iterator[None]:
        """While a keyboard reader waits (a card wedge, a Mini MICR typing its line), every
        key goes to it and none to a widget."""
        if sink is not None:
            self.wedge_filter.arm(sink)
            self._guard_wedge()
        try:
            yield
        finally:
            if sink is not None:
                self.wedge_filter.disarm()
                self._guard_wedge()

    def _guard_wedge(self) -> None:
        """The key filter sits on the application only while a wedge reader is bound."""
        app = QApplication.instance()
        if app is None or not shiboken6.isValid(self.wedge_filter):
            return  # gone with the window: Qt took it off the application itself
        wanted = self.devices.wedge() is not None or self.wedge_filter.armed
        if wanted == self.wedge_filter.guard:
            return
        self.wedge_filter.guard = wanted
        if wanted:
            app.installEventFilter(self.wedge_filter)
        else:
            app.removeEventFilter(self.wedge_filter)

    def _stray_swipe(self) -> None:
        self.presenter.present_text(self.tr(
            "A card was swiped while no payment was waiting for it: nothing was read or "
            "kept. Press Take payment first, then swipe."))

    def sso(self) -> SsoCheckout:
        s = self.settings
        poll = self.sso_poll_interval or float(s.sso_poll_seconds)
        return SsoCheckout(self.runtime.payments, poll_interval=poll,
                           lifetime=float(s.sso_timeout_minutes * 60))

    def remember(self, **changes: Any) -> None:
        """A setting the app keeps for staff (the last receipt folder, the test-card panel
        seen): into the settings file and the running settings, nothing else touched."""
        paths = self.runtime.paths
        saved, _problems = read_settings(paths)
        with contextlib.suppress(OSError, ValueError):  # not worth an error box: asked again
            save_settings(paths, replace(saved, **changes))
        self.runtime.settings = replace(self.runtime.settings, **changes)

    def apply_settings(self, settings: Settings) -> None:
        """Saved settings, as far as they apply to the running app. What the runtime opened
        with stays until the next start: the gateway (environment, protocol, account, merchant,
        store and terminal IDs, timeouts) and the databases. So the banner and status bar keep
        telling the truth: a production PC switched to sandbox still says production (and
        charges real cards) until it restarts. Receipt header, language and hosted-page timing
        apply at once."""
        running = self.runtime.settings
        self.runtime.settings = replace(running, **{
            f.name: getattr(settings, f.name) for f, how in declared() if not how.restart})
        self.settings_changed.emit()
