"""Addresses, the one-I/O-thread rule, and hot-plug notice for idle devices."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.capture import DeviceState
from drivers.errors import AddressError
from drivers.events import DeviceEventKind as E
from drivers.manager import DeviceManager
from drivers.transports.address import Scheme, parse_address
from drivers.transports.hid import FakeHidBackend
from drivers.transports.serial import SerialTransport


@pytest.mark.parametrize(("text", "scheme", "target"), [
    ("serial:COM3", Scheme.SERIAL, "COM3"),
    ("serial:/dev/ttyUSB0", Scheme.SERIAL, "/dev/ttyUSB0"),
    ("rfc2217://10.0.0.5:4001", Scheme.SERIAL, "rfc2217://10.0.0.5:4001"),
    ("tcp:192.168.1.40:9100", Scheme.TCP, "192.168.1.40"),
    ("hid:0801:0002:B123", Scheme.HID, ""),
    ("usb:0acd:2030", Scheme.USB, ""),
    ("sim:approved_chip", Scheme.SIM, "approved_chip"),
    ("wedge:", Scheme.WEDGE, ""),
    ("bridge:thin-client:7000", Scheme.BRIDGE, "thin-client"),
])
def test_addresses_parse_and_print_back(text: str, scheme: Scheme, target: str) -> None:
    address = parse_address(text)
    assert (address.scheme, address.target) == (scheme, target)
    assert parse_address(str(address)) == address


def test_hid_ids_are_hex_with_optional_serial() -> None:
    address = parse_address("hid:0801:0002:B123")
    assert (address.vendor_id, address.product_id, address.serial_number) == (0x801, 2, "B123")


@pytest.mark.parametrize("text", ["COM3", "fax:1", "tcp:host", "tcp:host:99999", "hid:zz:1",
                                  "usb:1:2:3", "serial:", "rfc2217://nohost"])
def test_bad_addresses_say_what_is_expected(text: str) -> None:
    with pytest.raises(AddressError):
        parse_address(text)


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_address_error(text: str) -> None:
    with contextlib.suppress(AddressError):
        parse_address(text)


async def test_backend_calls_off_the_io_thread_fail_loudly(pty_pair: tuple[int, str]) -> None:
    port = SerialTransport(pty_pair[1])
    await port.open()
    try:
        with pytest.raises(AssertionError, match="serial I/O thread"):
            port._read_blocking()
        assert await port._io.run(port._read_blocking) == b""
    finally:
        await port.close()


async def test_idle_device_unplugged_is_noticed_and_replug_rebinds() -> None:
    manager = DeviceManager(simulators=["approved_chip"], hid_backend=FakeHidBackend([]))
    await manager.initialize()
    try:
        removed = asyncio.Event()
        manager.add_listener(lambda e: removed.set() if e.kind is E.REMOVED else None)
        await manager._sims[0].stop()  # the simulator closes its end: a pulled cable
        await asyncio.wait_for(removed.wait(), 2)
        assert manager.devices()[0].state is DeviceState.REMOVED
        manager.watch(0.05)
        for _ in range(100):
            await asyncio.sleep(0.02)
            if manager.devices()[0].state is DeviceState.IDLE:
                break
        assert manager.devices()[0].state is DeviceState.IDLE
        assert [e.kind for e in manager.hub.history].count(E.CONNECTED) == 2
    finally:
        await manager.close()


async def test_probe_finds_a_mini_micr_on_a_port_and_skips_a_silent_one(
        pty_pair: tuple[int, str]) -> None:
    from drivers.micr.simulator import start_simulator

    port, sim = await start_simulator("check")
    silent = pty_pair[1]
    manager = DeviceManager(hid_backend=FakeHidBackend([]), probe_serial=True,
                            port_lister=lambda: [silent, port])
    try:
        found = await manager.initialize()
        assert [d.address for d in found] == [f"serial:{port}"]
        assert sim.commands[0] == "FC"
        tender, _ = await manager.scan_check()
        assert tender.bank_account is not None
    finally:
        await manager.close()
        await sim.stop()
