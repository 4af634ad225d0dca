"""Devices: what is bound, its state, and IT's tools (discover, add/remove, simulate, test).

Addresses are saved in the settings (``device_addresses``) and the device manager is
rebuilt at once; no restart. A test capture reads one card and charges nothing. Each row says
what the device is, where it is plugged in (its address in the tooltip, for IT), its model and
serial number, so two of a kind can be told apart; Remove asks first.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.bridge_setup import pair_with_bridge
from desktop_app.domain import FrontDeskError, Money
from desktop_app.services.device_plan import device_plan
from desktop_app.settings import load_settings, save_settings
from desktop_app.ui.context import AppContext
from desktop_app.ui.device_hub import CARD_SCENARIOS, CHECK_SCENARIOS, short_name
from desktop_app.ui.device_words import place_words, scenario_words
from desktop_app.ui.dialogs import confirm
from desktop_app.ui.panel import Panel
from drivers.errors import AddressError
from drivers.transports.address import parse_address


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setAccessibleName(name)
    return button


class DevicesPage(Panel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("devices table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        # Every column as wide as its words ("Escáner de cheques" whole); the model, the
        # longest, takes the room left and is the one elided on a narrow screen.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.address = QLineEdit()
        self.address.setAccessibleName("device address")
        self.address.setPlaceholderText("serial:COM3  tcp:10.0.0.5:12000  hid:0801:0011  wedge:")
        self.scenario = QComboBox()
        self.scenario.setAccessibleName("simulator scenario")
        self.scenario.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario.setMinimumContentsLength(24)  # long scenario words never widen the page
        self.buttons = {n: _button(n) for n in ("discover devices", "add device",
                                                "remove device", "add simulator",
                                                "test capture", "pair bridge")}
        self.pair_code = QLineEdit()  # the Citrix bridge's one-time code (#15)
        self.pair_code.setAccessibleName("bridge pairing code")
        self.message = QLabel()
        self.message.setAccessibleName("devices message")
        self.message.setWordWrap(True)
        self._layout()
        b = self.buttons
        b["discover devices"].clicked.connect(self._discover)
        b["add device"].clicked.connect(lambda: self._add(self.address.text().strip()))
        b["add simulator"].clicked.connect(lambda: self._add(self.scenario.currentData()))
        b["remove device"].clicked.connect(self._remove)
        b["test capture"].clicked.connect(self._test_capture)
        self.address.returnPressed.connect(b["add device"].click)
        b["pair bridge"].clicked.connect(self._pair_bridge)
        self.pair_code.returnPressed.connect(b["pair bridge"].click)
        ctx.devices.devices_changed.connect(self._fill)
        ctx.devices.device_event.connect(self._fill)
        self.retranslate()

    def _layout(self) -> None:
        b = self.buttons
        tools = QHBoxLayout()
        for name in ("discover devices", "remove device", "test capture"):
            tools.addWidget(b[name])
        tools.addStretch(1)
        add = QHBoxLayout()
        add.addWidget(self.address, 2)
        add.addWidget(b["add device"])
        add.addSpacing(16)
        add.addWidget(self.scenario, 1)
        add.addWidget(b["add simulator"])
        pair = QHBoxLayout()
        pair.addWidget(self.pair_code, 1)
        pair.addWidget(b["pair bridge"])
        pair.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.table, 1)
        box.addLayout(tools)
        box.addLayout(add)
        box.addLayout(pair)
        box.addWidget(self.message)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Devices"))
        self.table.setHorizontalHeaderLabels([self.tr("Device"), self.tr("Plugged in"),
                                              self.tr("Model"), self.tr("Serial number"),
                                              self.tr("State")])
        current = self.scenario.currentData()
        self.scenario.clear()
        for name in (*CARD_SCENARIOS, *CHECK_SCENARIOS):
            self.scenario.addItem(scenario_words(name), f"sim:{name}")
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(current)))
        texts = {"discover devices": self.tr("&Discover devices"),
                 "add device": self.tr("&Add address"), "remove device": self.tr("&Remove"),
                 "add simulator": self.tr("Add &simulator"),
                 "test capture": self.tr("&Test card read"),
                 "pair bridge": self.tr("Pair with the thin client's bridge")}
        self.pair_code.setPlaceholderText(self.tr("Pairing code the bridge shows"))
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self._fill()

    def _fill(self, *_event: str) -> None:
        hub = self.ctx.devices
        devices = hub.devices()
        self.table.setRowCount(len(devices))
        for r, d in enumerate(devices):
            model = d.model if getattr(d, "encrypting", True) else d.model + self.tr(
                " — does not encrypt: card data crosses the network (use an encrypting reader)")
            values = (_tr("MainWindow", short_name(d)), place_words(d.address), model,
                      str(getattr(d, "serial", "") or "-"),
                      _tr("MainWindow", hub.states.get(d.address, "ready")))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(256, d.address)  # Qt.UserRole: the address Remove acts on
                item.setToolTip(d.address)
                self.table.setItem(r, c, item)

    @asyncSlot()
    async def _discover(self) -> None:
        self.message.setText(self.tr("Looking for devices…"))
        infos = await self.ctx.devices.rescan()
        self._fill()
        self.message.setText(self.tr("{0} device(s) found.").format(len(infos)))

    def _configured(self) -> list[str]:
        return device_plan(self.ctx.settings).configured

    def _add(self, address: str) -> None:
        if address and not address.startswith("sim:"):
            try:
                parse_address(address)
            except AddressError:  # its text may be a swipe's track data: never echoed
                self.address.clear()
                self.message.setText(self.tr(
                    "That is not a device address. Addresses start with serial:, tcp:, "
                    "hid:, usb:, wedge: or bridge:, like serial:COM3 or tcp:10.0.0.5:12000."))
                return
        if address and address not in self._configured():
            self._apply([*self._configured(), address])
            self.address.clear()

    @asyncSlot()
    async def _remove(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            self.message.setText(self.tr("Select the device to remove first."))
            return
        address = str(item.data(256))
        model = self.table.item(row, 2)
        name = self.tr("{0} ({1}, {2})").format(item.text(), place_words(address),
                                                model.text() if model is not None else "-")
        if not await confirm(self, self.tr("Remove device"),
                             self.tr("Remove the {0}? It is no longer used for payments until "
                                     "it is added again.").format(name),
                             accept_label=self.tr("Remove")):
            return
        self._apply([a for a in self._configured() if a != address])

    @asyncSlot()
    async def _apply(self, addresses: list[str]) -> None:
        paths = self.ctx.runtime.paths
        try:  # the file as it is: settings saved for the next start stay as they were saved
            settings = replace(load_settings(paths), device_addresses=tuple(addresses))
            save_settings(paths, settings)
        except (FrontDeskError, OSError) as exc:
            self.message.setText(str(exc))
            return
        self.ctx.apply_settings(settings)
        self.message.setText(self.tr("Connecting the devices…"))
        infos = await self.ctx.devices.reconfigure(self.ctx.settings)
        self.message.setText(self.tr("{0} device(s) found.").format(len(infos)))

    @asyncSlot()
    async def _pair_bridge(self) -> None:
        """Once per user and thin client: the code the bridge shows pins both certificates."""
        code = self.pair_code.text().strip()
        self.pair_code.clear()
        if not code:
            self.message.setText(self.tr("Type the code the bridge shows on the thin client."))
            return
        self.message.setText(self.tr("Pairing with the device bridge…"))
        try:
            host = await pair_with_bridge(self.ctx.runtime.paths, self.ctx.settings, code)
        except FrontDeskError as exc:
            self.message.setText(self.tr("Not paired: {0}").format(exc))
            return
        infos = await self.ctx.devices.reconfigure(self.ctx.settings)
        self.message.setText(self.tr("Paired with the device bridge on {0}. {1} device(s) "
                                     "found.").format(host, len(infos)))

    @asyncSlot()
    async def _test_capture(self) -> None:
        """Reads one card and shows its masked number; nothing is sent to the gateway."""
        self.message.setText(self.tr("Present a card on the reader now…"))
        try:
            tender = await self.ctx.capture_card(
                Money.parse("0.01"), lambda text: self.message.setText(_tr("CheckoutPage", text)))
            self.message.setText(self.tr("Read OK: {0}").format(tender.describe()))
        except FrontDeskError as exc:  # a failed test read is the answer
            self.message.setText(self.tr("No card read: {0}").format(exc))
