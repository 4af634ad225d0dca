"""The device layer as the UI sees it: ``DeviceManager`` events become Qt signals.

Device code never touches widgets (Electrum's ``QtHandlerBase`` split): the manager calls our
listener on the asyncio loop, which under qasync is the Qt thread, and the listener only
emits signals. Which devices to bind is the device plan (services/device_plan.py), the same
one ``main.py devices list`` shows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from desktop_app.bridge_setup import paired_bridge
from desktop_app.services.device_plan import device_plan
from desktop_app.settings import Settings
from drivers.capture import DeviceInfo, DeviceKind, DeviceState
from drivers.events import DeviceEvent, DeviceEventKind
from drivers.manager import DeviceManager
from drivers.simulated import CHECK_SCENARIOS as SIM_CHECK_SCENARIOS
from drivers.wedge_reader import WedgeReader

log = logging.getLogger(__name__)
E = DeviceEventKind
CARD_SCENARIOS = ("approved_chip", "swipe", "contactless", "chip_failure_fallback",
                  "card_removed_early", "device_unplugged", "bad_read", "timeout")
CHECK_SCENARIOS = tuple(SIM_CHECK_SCENARIOS)  # the simulators' own list, not a copy

# What the status bar says a device is doing, by event (translated in MainWindow).
STATE_WORDS: dict[DeviceEventKind, str] = {
    E.CONNECTED: str(QT_TRANSLATE_NOOP("MainWindow", "ready")),
    E.REMOVED: str(QT_TRANSLATE_NOOP("MainWindow", "disconnected")),
    E.WAITING_FOR_CARD: str(QT_TRANSLATE_NOOP("MainWindow", "waiting for card")),
    E.CARD_INSERTED: str(QT_TRANSLATE_NOOP("MainWindow", "reading card")),
    E.READING: str(QT_TRANSLATE_NOOP("MainWindow", "reading card")),
    E.PIN_ENTRY: str(QT_TRANSLATE_NOOP("MainWindow", "PIN entry")),
    E.BAD_READ: str(QT_TRANSLATE_NOOP("MainWindow", "bad read")),
    E.CARD_REMOVED: str(QT_TRANSLATE_NOOP("MainWindow", "card removed")),
    E.CANCELLED: str(QT_TRANSLATE_NOOP("MainWindow", "ready")),
    E.ERROR: str(QT_TRANSLATE_NOOP("MainWindow", "error")),
}
READY = STATE_WORDS[E.CONNECTED]


def short_name(info: DeviceInfo) -> str:
    names = {DeviceKind.PIN_PAD: str(QT_TRANSLATE_NOOP("MainWindow", "PIN pad")),
             DeviceKind.CARD_READER: str(QT_TRANSLATE_NOOP("MainWindow", "Card reader")),
             DeviceKind.CHECK_SCANNER: str(QT_TRANSLATE_NOOP("MainWindow", "Check scanner"))}
    return names[info.kind]


class DeviceHub(QObject):
    device_event = Signal(str, str, str)   # event kind value, device address, message for staff
    devices_changed = Signal()      # bound, removed or re-bound: the status bar and table refresh

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.states: dict[str, str] = {}
        self.ready = False
        self.manager = self._new_manager(settings)

    def _new_manager(self, settings: Settings) -> DeviceManager:
        plan = device_plan(settings)
        addresses = [*plan.addresses, *paired_bridge(settings)]  # the thin client's (#15)
        manager = DeviceManager(addresses, simulators=list(plan.simulators),
                                probe_serial=settings.probe_serial_ports)
        manager.add_listener(self._on_event)
        return manager

    async def start(self, watch: bool = True) -> list[DeviceInfo]:
        infos = await self.manager.initialize()
        for info in infos:
            self.states.setdefault(info.address, READY if info.state is not DeviceState.REMOVED
                                   else STATE_WORDS[E.REMOVED])
        if watch:
            self.manager.watch()
        self.ready = True
        self.devices_changed.emit()
        return infos

    async def reconfigure(self, settings: Settings) -> list[DeviceInfo]:
        """New addresses from the Devices page: close every device, bind the new list."""
        await self.manager.close()
        self.states.clear()
        self.manager = self._new_manager(settings)
        return await self.start()

    async def rescan(self) -> list[DeviceInfo]:
        infos = await self.manager.rescan()
        self.devices_changed.emit()
        return infos

    async def close(self) -> None:
        self.ready = False
        await self.manager.close()

    def _on_event(self, event: DeviceEvent) -> None:
        gone = self.states.get(event.device) == STATE_WORDS[E.REMOVED]
        if not (gone and event.kind is E.ERROR):  # "disconnected" says more than "error"
            self.states[event.device] = STATE_WORDS.get(event.kind, READY)
        self.device_event.emit(event.kind.value, event.device, event.message)
        if event.kind in (E.CONNECTED, E.REMOVED):
            self.devices_changed.emit()

    def set_ready(self, address: str) -> None:
        """A capture ended with a card: the manager publishes nothing for that."""
        if self.states.get(address) != STATE_WORDS[E.REMOVED]:
            self.states[address] = READY
            self.devices_changed.emit()

    def devices(self) -> list[DeviceInfo]:
        return self.manager.devices()

    def _first(self, *kinds: DeviceKind) -> str | None:
        idle = [d for d in self.devices() if d.state is DeviceState.IDLE]
        for kind in kinds:
            for info in idle:
                if info.kind is kind:
                    return info.address
        return None

    def card_reader(self) -> str | None:
        """The PIN pad when there is one (chip and PIN), else a swipe reader."""
        return self._first(DeviceKind.PIN_PAD, DeviceKind.CARD_READER)

    def check_scanner(self) -> str | None:
        return self._first(DeviceKind.CHECK_SCANNER)

    def wedge(self) -> WedgeReader | None:
        """The keyboard-wedge reader the UI key filter feeds, when one is configured."""
        found = self.manager.device("wedge:")
        return found if isinstance(found, WedgeReader) else None
