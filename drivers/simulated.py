"""``sim:<scenario>`` devices: simulators behind the same transports as real hardware.

PIN-pad scenarios run the pad simulator over a pty pair (or a loopback socket where there
are no ptys, e.g. Windows); the check scanner and HID reader run over fake backends that
replay recorded bytes. The drivers on top are the production ones.
"""

from __future__ import annotations

import dataclasses
import os
import struct
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from drivers.check.scanner import CheckScanner, encode_record
from drivers.dynaflex import simulator as dynaflex_sim
from drivers.dynaflex.driver import DynaFlexReader
from drivers.hid.magtek import (
    MAGTEK_VENDOR_ID,
    SWIPE_PRODUCT,
    MagtekHidReader,
    encode_magnesafe,
    encode_report,
)
from drivers.pinpad.driver import PinPadReader
from drivers.pinpad.scenarios import SCENARIOS, swipe_tracks
from drivers.pinpad.simulator import start_pty_simulator, start_tcp_simulator
from drivers.sim_cards import SANDBOX_SCHEME, TEST_KSN, sandbox_encrypt
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo, HidTransport
from drivers.transports.serial import SerialTransport
from drivers.transports.tcp import TcpTransport
from drivers.transports.usb import FakeUsbBackend, FakeUsbDevice, UsbTransport

SCANNER_IDS = (0x0ACD, 0x2030)  # any IDs will do for the fake backend
GOOD_MICR = "⑆021000021⑆ 1234567890⑈ 1001"
DAMAGED_MICR = "⑆0210?0021⑆ 12345?7890⑈ 1001"
CHECK_SCENARIOS = {"check": GOOD_MICR, "check_damaged_micr": DAMAGED_MICR}
HID_SCENARIOS = ("hid_swipe", "magnesafe_swipe")
MAGNESAFE_ID = 0x0011
# The card scenarios a DynaFlex simulator plays; the rest of SCENARIOS is the legacy pad's.
READER_SCENARIOS = (*dynaflex_sim.SCENARIOS,
                    *(s for s in SCENARIOS if s not in dynaflex_sim.SCENARIOS))
ALL_SCENARIOS = (*READER_SCENARIOS, *CHECK_SCENARIOS, *HID_SCENARIOS)

Device = PinPadReader | CheckScanner | MagtekHidReader | DynaFlexReader


@dataclass
class SimulatedDevice:
    device: Device
    stop: Callable[[], Awaitable[None]]


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    """A valid grey PNG, standing in for a check image."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def check_stream(micr: str) -> bytes:
    image = tiny_png()
    return (encode_record("M", micr.encode("utf-8")) + encode_record("F", image)
            + encode_record("B", image) + encode_record("Z", b""))


async def _pin_pad(scenario: str, tick_s: float) -> SimulatedDevice:
    if hasattr(os, "openpty"):
        address, sim = await start_pty_simulator(scenario, tick_s=tick_s)
        pad = PinPadReader(SerialTransport(address.removeprefix("serial:")),
                           model=f"Simulated PIN pad ({scenario})")

        async def stop() -> None:
            sim.stop()
            await sim.wait_stopped()
        return SimulatedDevice(pad, stop)
    address, server, sims = await start_tcp_simulator(scenario, tick_s=tick_s)
    _, host, port = address.split(":")
    pad = PinPadReader(TcpTransport(host, int(port)), model=f"Simulated terminal ({scenario})")

    async def stop_tcp() -> None:
        for s in sims:
            s.stop()
            await s.wait_stopped()
        server.close()
    return SimulatedDevice(pad, stop_tcp)


async def _nothing() -> None:
    return None


def _scanner(scenario: str) -> SimulatedDevice:
    fake = FakeUsbDevice(*SCANNER_IDS, [check_stream(CHECK_SCENARIOS[scenario])] * 20)
    transport = UsbTransport(FakeUsbBackend([fake]), *SCANNER_IDS)
    return SimulatedDevice(CheckScanner(transport, model=f"Simulated scanner ({scenario})"),
                           _nothing)


def _reports(report: bytes) -> list[bytes]:
    """The input report in the 64-byte interrupt transfers a full-speed device sends."""
    return [report[i:i + 64] for i in range(0, len(report), 64)]


def mask_track(track: str) -> str:
    """Masked as MagneSafe V5 masks an ISO/ABA card (99875475, "Masked Track Data"): PAN
    first six and last four, name, expiry and separators in clear, the rest ``*``."""
    body, keep = track[1:-1], set()
    sep = "^" if track[0] == "%" else "="
    pan_start = 1 if track[0] == "%" else 0
    pan_end = body.index(sep)
    keep |= {*range(pan_start, pan_start + 6), *range(pan_end - 4, pan_end)}
    second = body.rfind(sep) if sep == "^" else pan_end
    if sep == "^":
        keep |= set(range(pan_end, second))  # the name field
    keep |= {*range(second, second + 5)}  # separator and YYMM
    if track[0] == "%":
        keep.add(0)  # the format code B
    masked = "".join(ch if i in keep or ch == sep else "*" for i, ch in enumerate(body))
    return track[0] + masked + "?"


def magnesafe_report() -> bytes:
    """A MagneSafe V5 swipe of the test card, encrypted under the sandbox's test scheme."""
    t1, _, t2 = swipe_tracks().partition("?;")
    track1, track2 = t1 + "?", ";" + t2
    ksn = TEST_KSN.hex().upper()
    return encode_magnesafe(
        masked_track1=mask_track(track1), masked_track2=mask_track(track2),
        encrypted_track1=sandbox_encrypt(track1.encode(), ksn),
        encrypted_track2=sandbox_encrypt(track2.encode(), ksn), ksn=TEST_KSN,
        device_serial="B0SIM001")


def _hid_reader(scenario: str) -> SimulatedDevice:
    if scenario == "magnesafe_swipe":
        product, reports = MAGNESAFE_ID, _reports(magnesafe_report())
    else:
        t1, _, t2 = swipe_tracks().partition("?;")
        product, reports = SWIPE_PRODUCT, _reports(encode_report(t1 + "?", ";" + t2))
    info = HidDeviceInfo(MAGTEK_VENDOR_ID, product, "SIM0001", "Simulated MagTek reader")
    fake = FakeHidDevice(info, reports)
    transport = HidTransport(FakeHidBackend([fake]), MAGTEK_VENDOR_ID, product)
    reader = MagtekHidReader.for_product(transport, product)
    reader.scheme = SANDBOX_SCHEME
    reader.info = dataclasses.replace(reader.info, model=f"Simulated {reader.info.model}")
    return SimulatedDevice(reader, _nothing)


def _dynaflex(scenario: str, tick_s: float) -> SimulatedDevice:
    backend, sim = dynaflex_sim.simulator_backend(scenario, tick_s=tick_s)
    transport = HidTransport(backend, MAGTEK_VENDOR_ID, dynaflex_sim.PRODUCT_ID)
    reader = DynaFlexReader(transport, model=f"Simulated MagTek DynaFlex ({scenario})",
                            scheme=SANDBOX_SCHEME)

    async def unplug() -> None:
        sim.unplugged = True
    return SimulatedDevice(reader, unplug)


async def simulated_device(scenario: str, *, tick_s: float = 0.01) -> SimulatedDevice:
    """A device for ``sim:<scenario>``, not yet opened."""
    if scenario in dynaflex_sim.SCENARIOS:
        return _dynaflex(scenario, tick_s)
    if scenario in SCENARIOS:
        return await _pin_pad(scenario, tick_s)
    if scenario in CHECK_SCENARIOS:
        return _scanner(scenario)
    if scenario in HID_SCENARIOS:
        return _hid_reader(scenario)
    raise KeyError(scenario)
