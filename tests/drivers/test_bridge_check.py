"""Check readers through the Citrix bridge, over loopback with real TLS: the production Mini
MICR driver in the app, the bridge's serial port a real pty with the Mini MICR simulator on
its far end. Pairing then a check read, a reader whose USB-serial adapter moved (its port
renamed), a link cut mid-read and recovered, serial probing, and the address grammar."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop_app.domain import TenderKind
from drivers.bridge import client
from drivers.bridge.remote import BridgedCheckReader, BridgedReader
from drivers.bridge.serial_inventory import SerialInventory, identity_of
from drivers.capture import DeviceKind, DeviceState
from drivers.discovery import device_for, kind_guess
from drivers.errors import DeviceNotFound
from drivers.events import DeviceEvent, DeviceEventKind
from drivers.manager import DeviceManager
from drivers.micr.simulator import GOOD, SCENARIOS, MiniMicrSimulator
from drivers.transports.address import parse_address
from drivers.transports.hid import FakeHidBackend
from drivers.transports.pty import PtyPort
from tests.drivers.bridge_parts import HOST, Bridge, Proxy, app_config, paired, start_bridge
from tests.drivers.test_bridge import swipe_reader

E = DeviceEventKind
ADAPTER = (0x0403, 0x6001, "MICR0042")  # an FTDI USB-serial adapter's IDs and serial
ADAPTER_ID = "usbserial:0403:6001:MICR0042"


@dataclass
class Port:
    """A port as pyserial's ``list_ports`` describes it (its ``ListPortInfo`` attributes)."""

    device: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    description: str = "n/a"


@dataclass
class ThinClient:
    """The thin client's serial side: Mini MICR simulators on ptys and what ``list_ports``
    shows (the ptys, named with the adapter's USB identity where it has one)."""

    ports: list[Port] = field(default_factory=list)
    sims: list[MiniMicrSimulator] = field(default_factory=list)

    def plug(self, usb: tuple[int, int, str] | None = ADAPTER, *, feed_ticks: int = 3,
             ) -> MiniMicrSimulator:
        sim = MiniMicrSimulator(SCENARIOS["check"], PtyPort(), feed_ticks=feed_ticks).start()
        vid, pid, serial = usb or (None, None, None)
        self.ports.append(Port(sim.port.slave_path, vid, pid, serial, "FT232R USB UART"))
        self.sims.append(sim)
        return sim

    async def unplug(self, sim: MiniMicrSimulator) -> None:
        self.ports = [p for p in self.ports if p.device != sim.port.slave_path]
        await sim.stop()

    def list_ports(self) -> list[Port]:
        return list(self.ports)

    async def close(self) -> None:
        for sim in self.sims:
            await sim.stop()


@pytest.fixture
async def desk() -> AsyncIterator[ThinClient]:
    thin = ThinClient()
    yield thin
    await thin.close()


async def bridge_with(tmp_path: Path, inventory: SerialInventory) -> Bridge:
    running = await start_bridge(tmp_path, [swipe_reader()], serial=inventory)
    await paired(running, app_config(tmp_path))
    return running


async def manager_for(address: str, tmp_path: Path) -> DeviceManager:
    client.configure(app_config(tmp_path))  # the identity and pins pairing just wrote
    manager = DeviceManager([address], hid_backend=FakeHidBackend([]))
    await manager.initialize()
    return manager


@pytest.fixture(autouse=True)
def unconfigured() -> Iterator[None]:
    yield None
    client.configure(None)


async def test_a_paired_app_reads_a_check_through_the_bridge(
        tmp_path: Path, desk: ThinClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sim = desk.plug()
    running = await bridge_with(tmp_path, SerialInventory([sim.port.slave_path],
                                                          lister=desk.list_ports))
    manager = await manager_for(f"bridge:{HOST}:{running.port}/check", tmp_path)
    try:
        info = manager.devices()[0]
        tender, scanned = await manager.scan_check()
    finally:
        await manager.close()
        await running.server.close()
    assert info.kind is DeviceKind.CHECK_SCANNER and info.state is DeviceState.IDLE
    assert info.identity == ADAPTER_ID  # type: ignore[attr-defined]
    assert info.model == f"MagTek Mini MICR on {HOST}"
    assert tender.kind is TenderKind.CHECK_PRESENT and scanned.micr == GOOD
    assert tender.bank_account == GOOD.bank_account()
    assert sim.commands == ["FC0002"]  # the production driver's format command, once
    assert GOOD.account_number not in caplog.text, "an account number in the logs"


async def test_the_listing_names_each_device_and_its_kind_and_addresses_pick_one(
        tmp_path: Path, desk: ThinClient) -> None:
    sim = desk.plug(usb=None)  # a built-in COM port: known by its name
    running = await bridge_with(tmp_path, SerialInventory([sim.port.slave_path],
                                                          lister=desk.list_ports))
    config = app_config(tmp_path)
    try:
        listed = await client.list_devices(HOST, running.port, config)
        by_identity = f"bridge:{HOST}:{running.port}/serial:{sim.port.slave_path}"
        manager = await manager_for(by_identity, tmp_path)
        try:
            tender, _ = await manager.scan_check(device=by_identity)
        finally:
            await manager.close()
        card = await manager_for(f"bridge:{HOST}:{running.port}", tmp_path)
        try:
            card_info = card.devices()[0]
        finally:
            await card.close()
    finally:
        await running.server.close()
    assert [(d["identity"], d["kind"]) for d in listed] == [
        ("hid:0801:0002:SIM0001", "card_reader"),
        (f"serial:{sim.port.slave_path}", "check_scanner")]
    assert tender.kind is TenderKind.CHECK_PRESENT
    assert card_info.kind is DeviceKind.CARD_READER  # no selector: the first card reader


async def test_a_check_reader_whose_adapter_moved_is_found_on_its_new_port(
        tmp_path: Path, desk: ThinClient) -> None:
    first = desk.plug()
    inventory = SerialInventory([first.port.slave_path], lister=desk.list_ports)
    running = await bridge_with(tmp_path, inventory)
    manager = await manager_for(f"bridge:{HOST}:{running.port}/check", tmp_path)
    removed = asyncio.Event()
    manager.add_listener(lambda e: removed.set() if e.kind is E.REMOVED else None)
    try:
        moved = desk.plug()  # the same adapter on another USB port: another port name...
        await desk.unplug(first)  # ...once it is out of the first one
        await asyncio.wait_for(removed.wait(), 3.0)
        assert manager.devices()[0].state is DeviceState.REMOVED
        assert moved.port.slave_path != first.port.slave_path
        await manager.rescan()
        info = manager.devices()[0]
        tender, _ = await manager.scan_check()
    finally:
        await manager.close()
        await running.server.close()
    assert info.state is DeviceState.IDLE and info.identity == ADAPTER_ID  # type: ignore
    assert tender.kind is TenderKind.CHECK_PRESENT
    assert moved.commands == ["FC0002"]


async def test_a_different_adapter_elsewhere_is_not_the_reader(desk: ThinClient) -> None:
    sim = desk.plug()
    inventory = SerialInventory([sim.port.slave_path], lister=desk.list_ports)
    assert [d.identity for d in await inventory.devices()] == [ADAPTER_ID]
    stranger = desk.plug(usb=(0x067B, 0x2303, "OTHER"))  # another adapter, another port
    await desk.unplug(sim)
    served = [d.identity for d in await inventory.devices()]
    assert ADAPTER_ID not in served and "usbserial:067b:2303:OTHER" not in served
    with pytest.raises(DeviceNotFound, match="not plugged into the thin client"):
        await inventory.transport(ADAPTER_ID)
    assert identity_of(desk.ports[0]) == "usbserial:067b:2303:OTHER"
    assert stranger.commands == []  # nothing was written to a port nobody named


async def test_a_link_cut_mid_read_delivers_the_check_once_after_reconnecting(
        tmp_path: Path, desk: ThinClient) -> None:
    sim = desk.plug(feed_ticks=40)  # the check goes through 0.4 s after the format command
    running = await bridge_with(tmp_path, SerialInventory([sim.port.slave_path],
                                                          lister=desk.list_ports))
    proxy = await Proxy(running.port).start()
    address = f"bridge:{HOST}:{proxy.port}/check"
    manager = await manager_for(address, tmp_path)
    events: list[DeviceEvent] = []
    manager.add_listener(events.append)

    async def cut_once_the_reader_has_its_command() -> None:
        while not sim.commands:
            await asyncio.sleep(0.005)
        proxy.refusing = True
        proxy.cut()  # the check line reaches the bridge while the link is down
        await asyncio.sleep(0.8)
        proxy.refusing = False

    cutter = asyncio.create_task(cut_once_the_reader_has_its_command())
    try:
        tender, scanned = await manager.scan_check(timeout_s=10.0)
        reader = manager.device(address)
        await cutter
    finally:
        await manager.close()
        await proxy.close()
        await running.server.close()
    assert isinstance(reader, BridgedCheckReader)
    assert tender.kind is TenderKind.CHECK_PRESENT and scanned.micr == GOOD
    assert sim.commands == ["FC0002"]  # the command reached the reader once, never twice
    assert reader.transport.reconnects == 1  # type: ignore[union-attr]
    texts = [e.message for e in events if e.device == address]
    assert any("lost; reconnecting" in t for t in texts) and any("restored" in t for t in texts)


async def test_probing_serves_only_ports_that_answer_as_a_mini_micr(desk: ThinClient) -> None:
    sim = desk.plug()
    silent = PtyPort()  # something else on a serial port: never answers FC
    desk.ports.append(Port(silent.slave_path, 0x1A86, 0x7523, "PRINTER"))
    try:
        quiet = SerialInventory(lister=desk.list_ports)
        assert await quiet.devices() == []  # opt-in: nothing probed, nothing written
        assert sim.commands == []
        probing = SerialInventory(probe=True, lister=desk.list_ports)
        found = [d.identity for d in await probing.devices()]
        again = [d.identity for d in await probing.devices()]  # answers are remembered
    finally:
        silent.close()
    assert found == again == [ADAPTER_ID]
    assert sim.commands == ["FC"]  # probed once: its answer is remembered


@pytest.mark.parametrize(("text", "device", "kind"), [
    ("bridge:thin-7:47120", "", DeviceKind.PIN_PAD),
    ("bridge:thin-7:47120/check", "check", DeviceKind.CHECK_SCANNER),
    ("bridge:thin-7:47120/usbserial:0403:6001:A1", "usbserial:0403:6001:A1",
     DeviceKind.CHECK_SCANNER),
    ("bridge:thin-7:47120/serial:/dev/ttyUSB0", "serial:/dev/ttyUSB0",
     DeviceKind.CHECK_SCANNER),
    ("bridge:[fe80::1]:47120/hid:0801:0002:B1", "hid:0801:0002:B1", DeviceKind.PIN_PAD),
])
def test_a_bridge_address_names_the_remote_device_after_a_slash(
        text: str, device: str, kind: DeviceKind) -> None:
    address = parse_address(text)
    assert address.device == device and address.port == 47120
    assert str(address) == text and parse_address(str(address)) == address
    assert kind_guess(text) is kind  # what the Devices page shows while it is missing
    bridged = BridgedCheckReader if kind is DeviceKind.CHECK_SCANNER else BridgedReader
    assert isinstance(device_for(address, FakeHidBackend([])), bridged)
