"""What every view shares: the running services, the card source, and app-wide signals."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from desktop_app.services.runtime import Runtime
from desktop_app.services.sso import SsoCheckout
from desktop_app.settings import Settings
from desktop_app.ui.checkout.card_source import CardSource, WedgeCardSource
from desktop_app.ui.errors import ErrorPresenter


class AppContext(QObject):
    journal_changed = Signal()           # a payment was written: history and totals refresh
    settings_changed = Signal()
    device_status = Signal(str, str)     # device name, state text ("connected", "waiting"...)

    def __init__(self, runtime: Runtime, presenter: ErrorPresenter,
                 card_source: CardSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.presenter = presenter
        self.card_source: CardSource = card_source or WedgeCardSource(
            simulated=runtime.sandbox is not None)
        self.sso_poll_interval: float | None = None  # tests poll faster than the setting
        self.card_source.set_status_listener(lambda s: self.device_status.emit(
            self.card_source.name, s))

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def is_production(self) -> bool:
        return self.settings.environment == "production"

    def sso(self) -> SsoCheckout:
        s = self.settings
        poll = self.sso_poll_interval or float(s.sso_poll_seconds)
        return SsoCheckout(self.runtime.payments, poll_interval=poll,
                           lifetime=float(s.sso_timeout_minutes * 60))

    def apply_settings(self, settings: Settings) -> None:
        """Kept for the session; a changed gateway takes effect at the next start."""
        self.runtime.settings = replace(settings, gateway_url=self.runtime.settings.gateway_url
                                        if self.runtime.sandbox else settings.gateway_url)
        self.settings_changed.emit()
