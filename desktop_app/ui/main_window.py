"""The main window: navigation, the four pages, the environment banner and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.ui.checkout.page import CheckoutPage
from desktop_app.ui.context import AppContext
from desktop_app.ui.device_hub import short_name
from desktop_app.ui.devices_page import DevicesPage
from desktop_app.ui.history.page import HistoryPage
from desktop_app.ui.settings_page import SettingsPage


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.translations: object | None = None
        self.setObjectName("mainWindow")
        self.setAccessibleName("Front Desk Pay")
        self.banner = QLabel()
        self.banner.setObjectName("environmentBanner")
        self.banner.setAccessibleName("environment banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nav = QListWidget()
        self.nav.setAccessibleName("navigation")
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checkout = CheckoutPage(ctx)
        self.history = HistoryPage(ctx)
        self.devices = DevicesPage(ctx)
        self.settings = SettingsPage(ctx)
        self.pages = QStackedWidget()
        for page in (self.checkout, self.history, self.devices, self.settings):
            self.pages.addWidget(page)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addLayout(body, 1)
        self.setCentralWidget(central)
        self.device_label = QLabel()
        self.device_label.setAccessibleName("device status")
        self.env_label = QLabel()
        self.env_label.setAccessibleName("environment status")
        self.statusBar().addWidget(self.device_label, 1)
        self.statusBar().addPermanentWidget(self.env_label)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        for i in range(4):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self,
                      lambda i=i: self.nav.setCurrentRow(i))
        ctx.devices.devices_changed.connect(self._device_status)
        ctx.devices.device_event.connect(self._device_status)
        ctx.settings_changed.connect(self._environment)
        self.resize(1024, 700)
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.checkout.form.patient.setFocus()

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

    def _environment(self) -> None:
        env = self.ctx.settings.environment
        self.env_label.setText(self.tr("Environment: {0}  ·  Terminal {1}").format(
            env, self.ctx.settings.terminal_id))
        self.banner.setVisible(not self.ctx.is_production)
        self.banner.setProperty("environment", env)
        self.banner.setText(self.tr("{0}: TEST PAYMENTS ONLY, no real money moves").format(
            env.upper()))
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    def _device_status(self, *_event: str) -> None:
        """Every device and what it is doing: "PIN pad: waiting for card · Check scanner: ready"."""
        hub = self.ctx.devices
        if not hub.ready:
            self.device_label.setText(self.tr("Devices: connecting…"))
            return
        parts = [self.tr("{0}: {1}").format(self.tr(short_name(d)),
                                            self.tr(hub.states.get(d.address, "ready")))
                 for d in hub.devices()]
        self.device_label.setText("  ·  ".join(parts) or self.tr("No devices connected"))

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def raise_to_front(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.checkout.hosted.close()
        super().closeEvent(event)
