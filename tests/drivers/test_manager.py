"""DeviceManager end to end: simulators over real ptys and fake HID backends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from desktop_app.domain import EntryMode, Money, TenderKind
from drivers.capture import CaptureRequest, DeviceState
from drivers.errors import (
    DeviceBusy,
    DeviceDisconnected,
    DeviceTimeout,
    MicrError,
    TransactionCancelled,
)
from drivers.events import DeviceEvent
from drivers.events import DeviceEventKind as E
from drivers.hid.magtek import MAGTEK_VENDOR_ID, encode_report
from drivers.manager import DeviceManager
from drivers.micr.simulator import start_simulator
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo
from tests.drivers.cards import PAN, TRACK1, TRACK2

REQUEST = CaptureRequest(Money(4500), card_timeout_s=2.0)
NO_HID = FakeHidBackend([])


@pytest.fixture
async def manager_for() -> AsyncIterator[object]:
    made: list[DeviceManager] = []

    def make(*simulators: str, addresses: tuple[str, ...] = (),
             hid: FakeHidBackend = NO_HID) -> DeviceManager:
        manager = DeviceManager(addresses, simulators=simulators, hid_backend=hid)
        made.append(manager)
        return manager

    yield make
    for manager in made:
        await manager.close()


async def test_initialize_reports_found_and_missing_devices(manager_for) -> None:  # type: ignore[no-untyped-def]
    port, micr = await start_simulator("check")
    manager = manager_for("approved_chip", addresses=(
        f"serial:{port}", "serial:/dev/does-not-exist", "tcp:127.0.0.1:9100",
        "bridge:thin-client:7000", "fax:1234"))
    try:
        found = {d.address: d for d in await manager.initialize()}
        assert found[f"serial:{port}"].kind.value == "check_scanner"
        assert found[f"serial:{port}"].state is DeviceState.IDLE
        assert found["sim:approved_chip"].state is DeviceState.IDLE
        assert found["serial:/dev/does-not-exist"].state is DeviceState.REMOVED
        assert "licensed guide" in found["tcp:127.0.0.1:9100"].model
        assert "bridge agent" in found["bridge:thin-client:7000"].model
        assert "unknown device type" in found["fax:1234"].model
        tender, _ = await manager.scan_check(device=f"serial:{port}")
        assert tender.kind is TenderKind.CHECK_PRESENT
        assert (await manager.process_transaction(REQUEST)).kind is TenderKind.CHIP
    finally:
        await manager.close()
        await micr.stop()


async def test_transaction_events_reach_iterators_and_callbacks(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("chip_failure_fallback")
    await manager.initialize()
    seen: list[E] = []
    manager.add_listener(lambda event: seen.append(event.kind))
    streamed: list[DeviceEvent] = []

    async def consume() -> None:
        async for event in manager.events():
            streamed.append(event)

    consumer = asyncio.create_task(consume())
    await asyncio.sleep(0)
    tender = await manager.process_transaction(REQUEST)
    assert tender.entry_mode is EntryMode.FALLBACK_SWIPE and tender.encrypted is not None
    assert tender.encrypted.fallback and tender.encrypted.last_four == PAN[-4:]
    assert seen[:4] == [E.WAITING_FOR_CARD, E.CARD_INSERTED, E.READING, E.BAD_READ]
    await asyncio.sleep(0.01)
    assert [e.kind for e in streamed] == seen
    consumer.cancel()


async def test_cancel_returns_device_to_idle(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("timeout")
    await manager.initialize()
    task = asyncio.create_task(manager.process_transaction(REQUEST))
    await asyncio.sleep(0.1)
    with pytest.raises(DeviceBusy):
        await manager.process_transaction(REQUEST)
    assert manager.cancel()
    with pytest.raises(TransactionCancelled, match="nothing was charged"):
        await task
    assert [d.state for d in manager.devices()] == [DeviceState.IDLE]
    assert any(e.kind is E.CANCELLED for e in manager.hub.history)


async def test_timeout_is_a_device_timeout(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("timeout")
    await manager.initialize()
    with pytest.raises(DeviceTimeout):
        await manager.process_transaction(CaptureRequest(Money(100), card_timeout_s=0.2))
    assert manager.devices()[0].state is DeviceState.IDLE


async def test_unplugged_mid_transaction_marks_device_removed(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("device_unplugged")
    await manager.initialize()
    with pytest.raises(DeviceDisconnected, match="Reconnect"):
        await manager.process_transaction(REQUEST)
    assert manager.devices()[0].state is DeviceState.REMOVED
    assert [e.kind for e in manager.hub.history][-2:] == [E.REMOVED, E.ERROR]


async def test_hid_reader_is_discovered_and_hot_plug_is_noticed(manager_for) -> None:  # type: ignore[no-untyped-def]
    info = HidDeviceInfo(MAGTEK_VENDOR_ID, 0x0002, "B123")
    reader = FakeHidDevice(info, [encode_report(TRACK1, TRACK2)])
    manager = manager_for(hid=FakeHidBackend([reader]))
    found = await manager.initialize()
    assert [d.address for d in found] == ["hid:0801:0002"]
    tender = await manager.process_transaction(REQUEST)
    assert tender.kind is TenderKind.SWIPE and tender.card is not None
    reader.unplugged = True
    with pytest.raises(DeviceDisconnected):
        await manager.process_transaction(REQUEST)
    reader.unplugged = False
    reader.reports.append(encode_report(bad=(1, 2)))
    reader.reports.append(encode_report(TRACK1, TRACK2))
    assert [d.state for d in await manager.rescan()] == [DeviceState.IDLE]
    assert (await manager.process_transaction(REQUEST)).kind is TenderKind.SWIPE
    assert E.BAD_READ in [e.kind for e in manager.hub.history]


async def test_scanned_and_keyed_checks_give_the_same_echeck(manager_for) -> None:  # type: ignore[no-untyped-def]
    from drivers.check.reader import keyed_check

    manager = manager_for("check")
    await manager.initialize()
    tender, scanned = await manager.scan_check()
    assert tender.kind is TenderKind.CHECK_PRESENT
    assert scanned.raw_line == "T021000021T 1234567890O 1001" and scanned.images == ()
    keyed = keyed_check("021000021", "1234567890", "1001")
    assert keyed.kind is TenderKind.CHECK_NOT_PRESENT
    assert keyed.bank_account == tender.bank_account


async def test_damaged_micr_is_a_bad_read_with_positions_and_what_was_read(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("check_damaged_micr")
    await manager.initialize()
    with pytest.raises(MicrError) as info:
        await manager.scan_check()
    assert info.value.positions == (5, 17)
    partial = info.value.partial
    assert partial is not None
    assert (partial.routing_number, partial.account_number, partial.check_number) == (
        "0210?0021", "12345?7890", "1001")
    assert "12345" not in repr(info.value) and "12345" not in str(info.value)
    assert manager.hub.history[-1].kind is E.BAD_READ


async def test_bad_routing_check_digit_keeps_the_line_for_correction(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("check_bad_routing")
    await manager.initialize()
    with pytest.raises(MicrError, match="check digit") as info:
        await manager.scan_check()
    assert info.value.partial is not None and info.value.partial.routing_number == "021000022"


async def test_swiped_chip_card_is_read_from_its_chip(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("chip_card_swiped")
    await manager.initialize()
    tender = await manager.process_transaction(REQUEST)
    assert tender.kind is TenderKind.CHIP
    kinds = [e.kind for e in manager.hub.history]
    assert kinds.index(E.READING) < kinds.index(E.CARD_INSERTED)


async def test_each_capture_plays_its_scenario_from_the_start(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("chip_failure_fallback")
    await manager.initialize()
    for _ in range(2):
        tender = await manager.process_transaction(REQUEST)
        assert tender.entry_mode is EntryMode.FALLBACK_SWIPE


async def test_wedge_reader_turns_keystrokes_into_a_swipe_tender(manager_for) -> None:  # type: ignore[no-untyped-def]
    from drivers.wedge_reader import WedgeReader

    manager = manager_for(addresses=("wedge:",))
    await manager.initialize()
    wedge = manager._devices["wedge:"]
    assert isinstance(wedge, WedgeReader)
    capture = asyncio.create_task(manager.process_transaction(REQUEST))
    await asyncio.sleep(0.01)
    for i, ch in enumerate("%E?;E?\r"):
        wedge.feed(ch, i * 0.002)
    for i, ch in enumerate(TRACK1 + TRACK2 + "\r"):
        wedge.feed(ch, 1 + i * 0.002)
    tender = await capture
    assert tender.kind is TenderKind.SWIPE and tender.card is not None
    assert [e.kind for e in manager.hub.history].count(E.BAD_READ) == 1


async def test_a_capture_after_a_timeout_starts_clean(manager_for) -> None:  # type: ignore[no-untyped-def]
    manager = manager_for("timeout", "swipe")
    await manager.initialize()
    with pytest.raises(DeviceTimeout):
        await manager.process_transaction(CaptureRequest(Money(100), card_timeout_s=0.1),
                                          device="sim:timeout")
    with pytest.raises(DeviceTimeout):  # not TransactionCancelled from the last Cancel
        await manager.process_transaction(CaptureRequest(Money(100), card_timeout_s=0.1),
                                          device="sim:timeout")
    tender = await manager.process_transaction(REQUEST, device="sim:swipe")
    assert tender.kind is TenderKind.SWIPE
