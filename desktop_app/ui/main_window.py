"""The main window: navigation, the four pages, the environment banner and the status bar.

It is shown before the app's services exist (``attach`` brings them): the checkout form is up
and takes typing while the journal opens, the sandbox starts and the devices bind, with Take
payment disabled until then. Only Qt, the settings and the form are imported before the window
is shown; the pages, which pull in the gateway, the store and the drivers, load in ``attach``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.paths import AppPaths
from desktop_app.settings import Settings
from desktop_app.ui.checkout.form import CheckoutForm
from desktop_app.ui.i18n import Translations

if TYPE_CHECKING:
    from desktop_app.domain import Money
    from desktop_app.ui.checkout.page import CheckoutPage
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.devices_page import DevicesPage
    from desktop_app.ui.history.page import HistoryPage
    from desktop_app.ui.settings_page import SettingsPage


class MainWindow(QMainWindow):
    closed = Signal()  # the app ends with this window (dialogs and message boxes are its own)

    # set by attach(): the services, and the pages built on them
    ctx: AppContext
    checkout: CheckoutPage
    history: HistoryPage
    devices: DevicesPage
    settings: SettingsPage

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._settings = settings
        self.attached = False
        self.startup_error = ""
        self.translations: Translations | None = None
        self.setObjectName("mainWindow")
        self.setAccessibleName("Front Desk Pay")
        # The banner's text is centred by stretches, not setAlignment: no Qt namespace before
        # the first paint (see desktop_app/ui/panel.py). The frame carries the colour.
        self.banner = QLabel()
        self.banner.setAccessibleName("environment banner")
        self.banner_bar = QFrame()
        self.banner_bar.setObjectName("environmentBanner")
        centred = QHBoxLayout(self.banner_bar)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)
        centred.addWidget(self.banner)
        centred.addStretch(1)
        self.nav = QListWidget()
        self.nav.setAccessibleName("navigation")
        self.nav.setObjectName("navigation")
        self.form = CheckoutForm()
        self.form.set_connecting(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner_bar)
        box.addLayout(body, 1)
        self.setCentralWidget(central)
        self.device_label = QLabel()
        self.device_label.setAccessibleName("device status")
        self.env_label = QLabel()
        self.env_label.setAccessibleName("environment status")
        self.statusBar().addWidget(self.device_label, 1)
        self.statusBar().addPermanentWidget(self.env_label)
        self.nav.currentRowChanged.connect(self._show_row)
        for i in range(4):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self,
                      lambda i=i: self.nav.setCurrentRow(i))
        self.resize(1024, 700)
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.form.patient.setFocus()

    def attach(self, ctx: AppContext) -> None:
        """The services are open: build the pages on them and let the form take payments.

        The form the desk may already be typing in moves into the checkout page with its
        text and keyboard focus."""
        from desktop_app.ui.checkout.page import CheckoutPage
        from desktop_app.ui.devices_page import DevicesPage
        from desktop_app.ui.history.page import HistoryPage
        from desktop_app.ui.settings_page import SettingsPage

        focus = QApplication.focusWidget()
        self.ctx = ctx
        self.pages.removeWidget(self.form)
        self.checkout = CheckoutPage(ctx, self.form)
        self.history = HistoryPage(ctx)
        self.devices = DevicesPage(ctx)
        self.settings = SettingsPage(
            ctx.runtime.paths, lambda: ctx.settings, ctx.apply_settings,
            lambda exc, show: ctx.presenter.present(exc, "settings", show))
        for page in (self.checkout, self.history, self.devices, self.settings):
            self.pages.addWidget(page)
        self.history.take_payment.connect(self._take_payment)  # issue 16: after coverage
        ctx.devices.devices_changed.connect(self._device_status)
        ctx.devices.device_event.connect(self._device_status)
        ctx.settings_changed.connect(self._environment)
        self.attached = True
        self.form.set_connecting(False)
        self._show_row(self.nav.currentRow())
        self._environment()
        self._device_status()
        if focus is not None and self.isAncestorOf(focus):
            focus.setFocus()

    def startup_failed(self, text: str, paths: AppPaths) -> None:
        """The journal or the sandbox could not open: say so where the desk is looking, and
        keep Settings reachable (Ctrl+4), since a setting is often what is wrong (a protocol
        or database the app cannot use, no gateway password for staging)."""
        from desktop_app.ui.settings_page import SettingsPage

        self.startup_error = text
        if "Ctrl+4" not in text:  # a settings problem already says where to fix it
            text += "\n" + self.tr(
                "Open Settings (Ctrl+4) to put it right, then restart Front Desk Pay.")
        self.form.say_problem(text, sticky=True)
        self.device_label.setText(self.tr("Not connected: payments cannot be taken"))
        self.settings = SettingsPage(paths, lambda: self._settings)
        self.pages.addWidget(self.settings)

    def _show_row(self, row: int) -> None:
        """Before ``attach`` only the checkout form exists (and Settings, if the start failed):
        anything else keeps the form on screen."""
        if self.attached:
            coming_back = row == 0 and self.pages.currentIndex() not in (0, -1)
            self.pages.setCurrentIndex(row)
            if coming_back:
                self.checkout.come_back()
        elif row == 3 and self.startup_error:
            self.pages.setCurrentWidget(self.settings)
        else:
            self.pages.setCurrentIndex(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Front Desk Pay {0}").format(__version__))
        row = max(self.nav.currentRow(), 0)
        self.nav.clear()
        self.nav.addItems([self.tr("Checkout  Ctrl+1"), self.tr("History  Ctrl+2"),
                           self.tr("Devices  Ctrl+3"), self.tr("Settings  Ctrl+4")])
        self.nav.setCurrentRow(row)
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 16))  # fits Spanish
        self._environment()
        self._device_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def environment_name(self, env: str) -> str:
        return {"sandbox": self.tr("sandbox"), "staging": self.tr("staging"),
                "production": self.tr("production")}.get(env, env)

    def _environment(self) -> None:
        """Three environments, three banners (their colours are in the QSS): a test one says
        no real money moves; production says it does, so nobody mistakes one for another."""
        settings = self.ctx.settings if self.attached else self._settings
        env = str(settings.environment)
        name = self.environment_name(env)
        self.env_label.setText(self.tr("Environment: {0}  ·  Terminal {1}").format(
            name, settings.terminal_id))
        self.banner_bar.setProperty("environment", env)
        self.banner.setText(self.tr("PRODUCTION: real payments, real money") if
                            env == "production" else
                            self.tr("{0}: TEST PAYMENTS ONLY, no real money moves").format(
                                name.upper()))
        if self.isVisible():  # restyle for the new property; before the first show Qt will
            # (and QStyle.polish from Python builds the Qt namespace: see ui/panel.py)
            self.banner_bar.style().unpolish(self.banner_bar)
            self.banner_bar.style().polish(self.banner_bar)
            self.banner.style().unpolish(self.banner)
            self.banner.style().polish(self.banner)

    def _device_status(self, *_event: str) -> None:
        """Every device and what it is doing: "PIN pad: waiting for card · Check scanner: ready"."""
        if self.startup_error:
            return
        if not self.attached or not self.ctx.devices.ready:
            self.device_label.setText(self.tr("Devices: connecting…"))
            return
        from desktop_app.ui.device_hub import short_name
        from desktop_app.ui.device_words import place_words

        hub = self.ctx.devices
        devices = hub.devices()
        kinds = [d.kind for d in devices]
        parts = []
        for d in devices:  # two of a kind: each says where it is plugged in
            name = self.tr(short_name(d))
            if kinds.count(d.kind) > 1:
                name = self.tr("{0} ({1})").format(name, place_words(d.address))
            parts.append(self.tr("{0}: {1}").format(name,
                                                   self.tr(hub.states.get(d.address, "ready"))))
        self.device_label.setText("  ·  ".join(parts) or self.tr("No devices connected"))

    def _take_payment(self, patient_id: str, copay: Money | None) -> None:
        self.show_page(0)
        if not self.checkout.take_payment(patient_id, copay):
            self.ctx.presenter.present_text(self.tr(
                "A payment is under way in Checkout. Finish it, then take this patient's."))

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def raise_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        working = self.attached and (self.history.ops.busy or (
            self.checkout.busy and not self.checkout.hosted.waiting))
        if working:
            event.ignore()  # closing now would close the journal under the running payment
            self.ctx.presenter.present_text(self.tr(
                "A payment is being processed. Wait for its result, then close Front Desk "
                "Pay."))
            return
        if self.attached:
            self.checkout.hosted.close()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
