"""Devices: what is connected, its state, and a test read that charges nothing.

Until ``drivers.DeviceManager`` is wired in, the only reader is the keyboard-wedge one that
``CardSource`` wraps; the page shows its live state from ``AppContext.device_status``.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.domain import FrontDeskError, Money
from desktop_app.ui.checkout.wedge_filter import WedgeKeyFilter
from desktop_app.ui.context import AppContext


class DevicesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.states: dict[str, str] = {ctx.card_source.name: "connected"}
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("devices table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.discover = QPushButton()
        self.discover.setAccessibleName("discover devices")
        self.test = QPushButton()
        self.test.setAccessibleName("test reader")
        self.message = QLabel()
        self.message.setAccessibleName("devices message")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.discover)
        row.addWidget(self.test)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.table, 1)
        box.addLayout(row)
        box.addWidget(self.message)
        self.discover.clicked.connect(self._discover)
        self.test.clicked.connect(self._test_read)
        ctx.device_status.connect(self._on_status)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Devices"))
        self.table.setHorizontalHeaderLabels([self.tr("Device"), self.tr("Connection"),
                                              self.tr("State")])
        self.discover.setText(self.tr("&Discover devices"))
        self.test.setText(self.tr("&Test card read"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_status(self, device: str, state: str) -> None:
        self.states[device] = state
        self._fill()

    def _fill(self) -> None:
        source = self.ctx.card_source
        address = "sim:wedge" if source.simulated else "wedge:"
        rows = [(name, address, state) for name, state in self.states.items()]
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def _discover(self) -> None:
        self._fill()
        self.message.setText(self.tr("{0} device(s) found.").format(len(self.states)))

    @asyncSlot()
    async def _test_read(self) -> None:
        """Reads one card and shows its masked number; nothing is sent to the gateway."""
        app = QApplication.instance()
        wedge = WedgeKeyFilter(getattr(self.ctx.card_source, "on_wedge", lambda _d: None), self)
        self.message.setText(self.tr("Swipe a card now (or wait 15 s)…"))
        wedge.arm()
        if app is not None:
            app.installEventFilter(wedge)
        try:
            tender = await asyncio.wait_for(
                self.ctx.card_source.capture(Money(0), self.message.setText), 15)
            self.message.setText(self.tr("Read OK: {0}").format(tender.describe()))
        except (TimeoutError, FrontDeskError) as exc:  # a failed test read is the answer
            self.message.setText(self.tr("No card read: {0}").format(exc or "timeout"))
        finally:
            wedge.disarm()
            if app is not None:
                app.removeEventFilter(wedge)
