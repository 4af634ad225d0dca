"""``DeviceManager``: the one object the payment service and UI talk to about devices.

Mirrors the partner's .NET ``IDeviceManager``: ``initialize()`` binds configured and
simulated devices and reports them; ``process_transaction()`` drives a reader through card
capture and returns a domain ``Tender``. Events go to async iterators and callbacks.
One transaction at a time; ``cancel()`` stops it and leaves the device idle.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from typing import Any, TypeVar

from desktop_app.domain import Tender
from drivers.bridge.remote import BridgedCheckReader
from drivers.capture import CaptureRequest, CardReader, DeviceInfo, DeviceState
from drivers.check.reader import CheckReader, ScannedCheck, check_tender
from drivers.discovery import (
    Device,
    device_for,
    kind_guess,
    probe_serial_ports,
    serial_ports,
    supported_hid_readers,
)
from drivers.errors import (
    AddressError,
    DeviceBusy,
    DeviceDisconnected,
    DeviceError,
    DeviceNotFound,
    DeviceTimeout,
    MicrError,
    TransactionCancelled,
)
from drivers.events import DeviceEvent, DeviceEventKind, EventHub, Listener
from drivers.simulated import SimulatedDevice, simulated_device
from drivers.transports.address import parse_address
from drivers.transports.hid import HidapiBackend, HidBackend

log = logging.getLogger(__name__)
E = DeviceEventKind
T = TypeVar("T")


class DeviceManager:
    def __init__(self, addresses: Sequence[str] = (), *, simulators: Sequence[str] = (),
                 hid_backend: HidBackend | None = None,
                 sim_tick_s: float = 0.01, probe_serial: bool = False,
                 port_lister: Callable[[], list[str]] | None = None) -> None:
        self.addresses = list(addresses)
        self.simulators = list(simulators)
        self.hid_backend: HidBackend = hid_backend or HidapiBackend()
        self.sim_tick_s = sim_tick_s
        self.probe_serial = probe_serial
        self.port_lister = port_lister or serial_ports
        self.hub = EventHub()
        self._devices: dict[str, Device] = {}
        self._states: dict[str, DeviceState] = {}
        self._problems: dict[str, str] = {}
        self._sims: list[SimulatedDevice] = []
        self._current: asyncio.Task[Any] | None = None
        self._cancel_requested = False
        self._watcher: asyncio.Task[None] | None = None

    # -- discovery ---------------------------------------------------------------------------

    async def initialize(self) -> list[DeviceInfo]:
        """Bind every configured address and simulator; report all, found or not."""
        for text in self.addresses:
            if text not in self._devices:
                await self._bind_address(text)
        for scenario in self.simulators:
            if f"sim:{scenario}" not in self._devices:
                await self._bind_sim(scenario)
        await self._discover_hid()
        if self.probe_serial:
            await self._probe_serial_ports()
        return self.devices()

    async def _bind_address(self, text: str) -> None:
        try:
            device = device_for(parse_address(text), self.hid_backend)
            await self._open(text, device)
        except (DeviceNotFound, DeviceTimeout, AddressError) as exc:
            self._problems[text] = str(exc)
            self._states[text] = DeviceState.REMOVED
            log.info("device %s not bound: %s", text, exc)

    async def _bind_sim(self, scenario: str) -> None:
        key = f"sim:{scenario}"
        try:
            sim = await simulated_device(scenario, tick_s=self.sim_tick_s)
        except KeyError:
            self._problems[key] = f"{key}: unknown simulator scenario"
            self._states[key] = DeviceState.REMOVED
            return
        self._sims.append(sim)
        await self._open(key, sim.device)

    async def _discover_hid(self) -> None:
        for text in await supported_hid_readers(self.hid_backend):
            if not any(k == text or k.startswith(text + ":") for k in self._devices):
                await self._bind_address(text)

    async def _probe_serial_ports(self) -> None:
        for key, pad in await probe_serial_ports(self.port_lister,
                                                 {*self._devices, *self.addresses}):
            self._register(key, pad)

    async def _open(self, key: str, device: Device) -> None:
        await device.open()
        self._register(key, device)

    def _register(self, key: str, device: Device) -> None:
        transport = getattr(device, "transport", None)
        if transport is not None:
            transport.on_lost = lambda: self._lost(key)
        if isinstance(device, BridgedCheckReader):  # its scan has no emit: link events
            device.events = self.hub.emitter(key)
        self._devices[key] = device
        self._states[key] = DeviceState.IDLE
        self._problems.pop(key, None)
        self.hub.publish(DeviceEvent(E.CONNECTED, key, device.info.model))

    def _lost(self, key: str) -> None:
        if self._states.get(key) is not DeviceState.REMOVED:
            self._states[key] = DeviceState.REMOVED
            self.hub.publish(DeviceEvent(E.REMOVED, key, "Device disconnected"))

    def watch(self, interval_s: float = 2.0) -> asyncio.Task[None]:
        """Hot-plug: rescan every ``interval_s`` while no transaction runs. Stopped by close."""
        async def loop() -> None:
            while True:
                await asyncio.sleep(interval_s)
                if self._current is None:
                    await self.rescan()

        if self._watcher is None or self._watcher.done():
            self._watcher = asyncio.create_task(loop(), name="device hot-plug watch")
        return self._watcher

    async def rescan(self) -> list[DeviceInfo]:
        """Hot-plug: re-bind devices that were missing or removed, without a restart."""
        for key in [k for k, s in self._states.items() if s is DeviceState.REMOVED]:
            old = self._devices.pop(key, None)
            if old is not None:
                await _quietly_close(old)
        return await self.initialize()

    def device(self, address: str) -> Device | None:
        """The bound driver at ``address`` (e.g. the ``wedge:`` reader the UI key filter
        feeds), or None when nothing is bound there."""
        return self._devices.get(address)

    def devices(self) -> list[DeviceInfo]:
        infos = [dataclasses.replace(d.info, address=k, state=self._states[k])
                 for k, d in self._devices.items()]
        infos += [DeviceInfo(k, kind_guess(k), self._problems.get(k, "not found"),
                             DeviceState.REMOVED) for k in self._states if k not in self._devices]
        return infos

    # -- events ----------------------------------------------------------------------------

    def events(self) -> AsyncIterator[DeviceEvent]:
        return self.hub.subscribe()

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        return self.hub.add_listener(listener)

    # -- transactions ------------------------------------------------------------------------

    def _pick(self, wanted: type, address: str | None) -> tuple[str, Device]:
        if self._current is not None:
            raise DeviceBusy("A payment is already in progress on the device.")
        for key, device in self._devices.items():
            if (address in (None, key) and isinstance(device, wanted)
                    and self._states[key] is DeviceState.IDLE):
                return key, device
        if address is not None and self._states.get(address) is DeviceState.REMOVED:
            raise DeviceDisconnected(f"The device at {address} is disconnected. Reconnect it; "
                                     "it is picked up again within a few seconds.")
        raise DeviceNotFound("No card reader is connected. Connect one (or check Settings → "
                             "Devices), then try again.")

    async def process_transaction(self, request: CaptureRequest, *,
                                  device: str | None = None) -> Tender:
        """Capture a card for ``request`` and return it as a ``Tender``."""
        key, reader = self._pick(CardReader, device)
        assert isinstance(reader, CardReader)
        return await self._run(key, reader.capture(request, self.hub.emitter(key)))

    async def scan_check(self, *, device: str | None = None, timeout_s: float = 30.0,
                         ) -> tuple[Tender, ScannedCheck]:
        """Patient present: scan the check; the tender is the same one keyed checks give."""
        key, scanner = self._pick(CheckReader, device)
        assert isinstance(scanner, CheckReader)
        scanned = await self._run(key, scanner.scan(timeout_s))
        images = None
        if scanned.images:
            from drivers.imaging.pages import for_gateway  # Pillow only for image scanners

            images = for_gateway(scanned)
        return check_tender(scanned.micr.bank_account(), patient_present=True,
                            images=images), scanned

    async def _run(self, key: str, work: Coroutine[Any, Any, T]) -> T:
        self._states[key] = DeviceState.BUSY
        self._cancel_requested = False
        task = asyncio.create_task(work, name=f"capture on {key}")
        self._current = task
        try:
            return await self._await(key, task)
        finally:
            self._current = None
            if self._states.get(key) is DeviceState.BUSY:
                self._states[key] = DeviceState.IDLE

    async def _await(self, key: str, task: asyncio.Task[T]) -> T:
        emit = self.hub.emitter(key)
        try:
            return await task
        except asyncio.CancelledError:
            if not self._cancel_requested:
                raise
            emit(E.CANCELLED, "Cancelled; the device is ready again")
            raise TransactionCancelled("The payment was cancelled; nothing was charged.") \
                from None
        except DeviceDisconnected as exc:
            self._lost(key)
            emit(E.ERROR, str(exc))
            raise
        except TransactionCancelled:
            emit(E.CANCELLED, "Cancelled on the device")
            raise
        except MicrError as exc:
            emit(E.BAD_READ, str(exc))
            raise
        except DeviceError as exc:
            emit(E.ERROR, str(exc))
            raise

    def cancel(self) -> bool:
        """Staff pressed Cancel. Returns whether there was anything to cancel."""
        if self._current is None or self._current.done():
            return False
        self._cancel_requested = True
        self._current.cancel()
        return True

    async def close(self) -> None:
        self.cancel()
        if self._watcher is not None:
            self._watcher.cancel()
        for device in self._devices.values():
            await _quietly_close(device)
        for sim in self._sims:
            await sim.stop()
        self._devices.clear()
        self.hub.close()


async def _quietly_close(device: Device) -> None:
    try:
        await device.close()
    except (DeviceError, OSError) as exc:
        log.info("closing %s: %s", device.info.address, type(exc).__name__)
