"""The Mini MICR driver over a real pty in each raw format, its pure message layer, and the
keystroke (wedge, MICRSafe USB) readers with the MICRSafe's feature-report commands."""

from __future__ import annotations

import asyncio
import os
import tty

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.errors import DeviceError, DeviceTimeout, MicrError
from drivers.micr.commands import MessageSplitter, RawFormat, command
from drivers.micr.reader import MiniMicrReader
from drivers.micr.simulator import (
    GOOD,
    MICRSAFE_PRODUCT,
    SCENARIOS,
    MicrSafeSimulator,
    MiniMicrSimulator,
)
from drivers.micr.wedge import MicrKeys, MicrSafeHidReader, MicrWedgeReader, legacy_command
from drivers.transports.hid import FakeHidBackend
from drivers.transports.pty import PtyPort
from drivers.transports.serial import SerialTransport


async def _scan_with(fmt: str, scenario: str = "check", **sim: object) -> tuple[object, list[str]]:
    simulator = MiniMicrSimulator(SCENARIOS[scenario], PtyPort(), **sim).start()  # type: ignore[arg-type]
    reader = MiniMicrReader(SerialTransport(simulator.port.slave_path), raw_format=RawFormat(fmt))
    await reader.open()
    try:
        return await reader.scan(2.0), simulator.commands
    finally:
        await reader.close()
        await simulator.stop()


@pytest.mark.parametrize(("fmt", "line"), [
    ("0000", "T021000021T 1234567890U 1001"),
    ("0001", "t021000021t 1234567890o 1001"),
    ("0002", "T021000021T 1234567890O 1001"),
    ("0034", "T021000021T1234567890O1001"),  # 02 + 32: spaces removed
])
async def test_each_raw_format_over_a_pty_gives_the_same_check(fmt: str, line: str) -> None:
    scanned, commands = await _scan_with(fmt)
    assert commands == [f"FC{fmt}"]  # the driver set the format before the scan
    assert scanned.raw_line == line  # type: ignore[attr-defined]
    assert scanned.micr == GOOD  # type: ignore[attr-defined]


async def test_a_damaged_line_keeps_what_was_read_in_every_format() -> None:
    for fmt in ("0000", "0001", "0002"):
        with pytest.raises(MicrError, match="Rescan the check or key it") as info:
            await _scan_with(fmt, "check_damaged_micr")
        assert info.value.positions == (5, 17)
        assert info.value.partial is not None
        assert info.value.partial.routing_number == "0210?0021"


async def test_no_check_is_a_timeout() -> None:
    simulator = MiniMicrSimulator(SCENARIOS["check"], PtyPort(), feed_ticks=10_000).start()
    reader = MiniMicrReader(SerialTransport(simulator.port.slave_path))
    await reader.open()
    try:
        with pytest.raises(DeviceTimeout, match="Pass the check through"):
            await reader.scan(0.2)
    finally:
        await reader.close()
        await simulator.stop()


async def test_a_stale_check_is_dropped_and_header_status_and_refusal_are_read() -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    reader = MiniMicrReader(SerialTransport(os.ttyname(slave)))
    await reader.open()
    try:
        os.write(master, b"T011000015T 999999O 7\r")  # an old check, nobody waiting
        await asyncio.sleep(0.1)
        scan = asyncio.create_task(reader.scan(2.0))
        await asyncio.sleep(0.2)
        assert os.read(master, 64) == command("FC", "0002")
        os.write(master, b"CT021000021T 1234567890O 1001/00\r")  # data header and status
        scanned = await scan
        assert scanned.micr == GOOD
        refused = asyncio.create_task(reader.scan(2.0))
        await asyncio.sleep(0.2)
        os.write(master, b"?\r")  # the default answer to a command the reader does not know
        with pytest.raises(DeviceError, match="did not accept the format command"):
            await refused
    finally:
        await reader.close()
        os.close(master)
        os.close(slave)


def test_raw_formats_are_validated() -> None:
    assert RawFormat("0018").symbols == "magtek_0002"
    for bad in ("6400", "0003", "0048", "02", "00aa"):
        with pytest.raises(ValueError):
            RawFormat(bad)


@given(st.binary(max_size=400), st.integers(1, 64))
def test_any_reader_bytes_split_without_crashing_whatever_the_chunking(data: bytes,
                                                                       chunk: int) -> None:
    whole = MessageSplitter().feed(data)
    splitter, parts = MessageSplitter(), []
    for i in range(0, len(data), chunk):
        parts += splitter.feed(data[i:i + chunk])
    if len(data) <= 256:
        assert parts == whole
    assert all(m.text and "\r" not in m.text for m in parts)


@given(st.text(alphabet="0123456789 TOAD?", min_size=1, max_size=60))
def test_a_raw_line_round_trips_through_the_splitter(line: str) -> None:
    line = line.strip()
    messages = MessageSplitter().feed(line.encode() + b"\r")
    assert [m.text for m in messages] == ([line] if line else [])


def _type(reader: MicrWedgeReader, text: str, gap: float, start: float = 100.0) -> object:
    decision = None
    for i, ch in enumerate(text + "\r"):
        decision = reader.feed(ch, start + i * gap) or decision
    return decision


async def test_a_wedge_reader_takes_a_typed_line_at_reader_speed_and_replays_typing() -> None:
    reader = MicrWedgeReader()
    scan = asyncio.create_task(reader.scan(2.0))
    await asyncio.sleep(0)
    slow = _type(reader, "T021000021T 1234567890O 1001", gap=0.12)  # a person, not a reader
    assert slow == MicrKeys(False, "T021000021T 1234567890O 1001") and not scan.done()
    assert _type(reader, "T021000021T 1234567890O 1001", gap=0.002) == MicrKeys(True)
    assert (await scan).micr == GOOD
    assert _type(reader, "T021000021T 1234567890O 1001", gap=0.002) == MicrKeys(True)  # dropped
    assert _type(reader, "hello", gap=0.002) == MicrKeys(False, "hello")


async def test_a_micrsafe_gets_fc_in_a_feature_report_then_types_the_check() -> None:
    sim_reader: list[MicrSafeHidReader] = []
    sim = MicrSafeSimulator(SCENARIOS["check"], lambda ch, at: sim_reader[0].feed(ch, at))
    reader = MicrSafeHidReader(FakeHidBackend([sim]), 0x0801, MICRSAFE_PRODUCT,
                               raw_format=RawFormat("0001"))
    sim_reader.append(reader)
    scanned = await reader.scan(2.0)
    assert sim.commands == ["FC0001"] and scanned.raw_line == "t021000021t 1234567890o 1001"
    report = sim.written[0]
    assert len(report) == 25 and report[:3] == bytes([0, 7, 7]) and report[3:10] == b"FC0001\r"
    assert scanned.micr == GOOD


async def test_a_micrsafe_refusing_the_command_is_a_clear_error() -> None:
    sim = MicrSafeSimulator(SCENARIOS["check"], lambda ch, at: None, refuse=True)
    reader = MicrSafeHidReader(FakeHidBackend([sim]), 0x0801, MICRSAFE_PRODUCT)
    with pytest.raises(DeviceError, match="result code 1"):
        await reader.scan(1.0)
    with pytest.raises(DeviceError, match="not connected"):
        await MicrSafeHidReader(FakeHidBackend([]), 0x0801, MICRSAFE_PRODUCT).scan(1.0)


def test_legacy_command_reports_are_24_bytes_and_refuse_long_commands() -> None:
    assert legacy_command(b"FC0002\r") == bytes([7, 7]) + b"FC0002\r" + bytes(15)
    with pytest.raises(ValueError):
        legacy_command(b"X" * 23)


async def test_where_there_are_no_ptys_the_simulator_is_a_loopback_socket() -> None:
    from drivers.micr.simulator import start_simulator

    port, sim = await start_simulator("check", pty=False)  # as on Windows
    assert port.startswith("socket://127.0.0.1:")
    reader = MiniMicrReader(SerialTransport(port))
    await reader.open()
    try:
        scanned = await reader.scan(2.0)
    finally:
        await reader.close()
        await sim.stop()
    assert sim.commands == ["FC0002"] and scanned.micr == GOOD


async def test_wedge_micr_binds_a_keyboard_mini_micr_and_a_pause_drops_a_partial_line() -> None:
    from drivers.manager import DeviceManager

    manager = DeviceManager(["wedge:micr"], hid_backend=FakeHidBackend([]))
    try:
        (info,) = await manager.initialize()
        reader = manager.device("wedge:micr")
        assert isinstance(reader, MicrWedgeReader) and info.kind.value == "check_scanner"
        scan = asyncio.create_task(manager.scan_check(timeout_s=2.0))
        await asyncio.sleep(0.01)
        for i, ch in enumerate("T0210000"):  # the reader stopped mid-line
            reader.feed(ch, 10 + i * 0.002)
        reader.flush(11.0)
        assert _type(reader, "T021000021T 1234567890O 1001", gap=0.002, start=12) == MicrKeys(True)
        tender, _ = await scan
        assert tender.bank_account is not None and tender.bank_account.routing_number == "021000021"
    finally:
        await manager.close()
