"""``sim:<scenario>`` devices: byte-faithful simulators behind the same transports as hardware.

Card scenarios run the DynaFlex simulator behind the fake HID backend (MMS, byte for byte);
``hid_swipe`` / ``magnesafe_swipe`` replay MagTek HID report layouts; MICR check scenarios
run a Mini MICR on the far end of a real pty (a loopback socket on Windows), which the
production driver opens with pyserial; ``check_micrsafe`` is a MICRSafe on the fake HID
backend (feature-report ``FC``, typed line); ``check_image*`` scenarios are an image
scanner making real TIFF G4 / JPEG files.
The drivers on top are the production ones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from drivers.dynaflex import simulator as dynaflex_sim
from drivers.dynaflex.driver import DynaFlexReader
from drivers.hid.magtek import (
    MAGTEK_VENDOR_ID,
    SWIPE_PRODUCT,
    MagtekHidReader,
    encode_magnesafe,
    encode_report,
)
from drivers.imaging import scanner as image_sim
from drivers.micr import simulator as micr_sim
from drivers.micr.reader import MiniMicrReader
from drivers.micr.wedge import MicrSafeHidReader, MicrWedgeReader
from drivers.sim_cards import SANDBOX_SCHEME, TEST_KSN, TEST_PAN, sandbox_encrypt
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo, HidTransport
from drivers.transports.serial import SerialTransport

MICRSAFE_SCENARIO = "check_micrsafe"
CHECK_SCENARIOS = (*micr_sim.SCENARIOS, MICRSAFE_SCENARIO, *image_sim.SCENARIOS)
HID_SCENARIOS = ("hid_swipe", "magnesafe_swipe")
MAGNESAFE_ID = 0x0011
READER_SCENARIOS = tuple(dynaflex_sim.SCENARIOS)
ALL_SCENARIOS = (*READER_SCENARIOS, *CHECK_SCENARIOS, *HID_SCENARIOS)

Device = (MiniMicrReader | MicrWedgeReader | image_sim.SimulatedImageScanner | MagtekHidReader
          | DynaFlexReader)


@dataclass
class SimulatedDevice:
    device: Device
    stop: Callable[[], Awaitable[None]]


def swipe_tracks(service_code: str = "101") -> str:
    """Tracks 1 and 2 of the public test card, as a reader sends them."""
    return (f"%B{TEST_PAN}^DOE/JANE^3012{service_code}0000000000000?"
            f";{TEST_PAN}=3012{service_code}0000000000000?")


async def _nothing() -> None:
    return None


async def _mini_micr(scenario: str, tick_s: float) -> SimulatedDevice:
    port, sim = await micr_sim.start_simulator(scenario, tick_s=tick_s)
    reader = MiniMicrReader(SerialTransport(port), model=f"Simulated MagTek Mini MICR "
                            f"({scenario})")
    return SimulatedDevice(reader, sim.stop)


def _micrsafe() -> SimulatedDevice:
    """A MICRSafe on the fake HID backend whose keystrokes go straight to its reader (the
    app's key filter does that for a real one)."""
    fed: list[MicrSafeHidReader] = []
    sim = micr_sim.MicrSafeSimulator(micr_sim.SCENARIOS["check"],
                                     lambda ch, at: fed[0].feed(ch, at))
    reader = MicrSafeHidReader(FakeHidBackend([sim]), MAGTEK_VENDOR_ID,
                               micr_sim.MICRSAFE_PRODUCT)
    reader.info = dataclasses.replace(reader.info, model="Simulated MagTek MICRSafe (USB)")
    fed.append(reader)
    return SimulatedDevice(reader, _nothing)


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
    if scenario in micr_sim.SCENARIOS:
        return await _mini_micr(scenario, tick_s)
    if scenario == MICRSAFE_SCENARIO:
        return _micrsafe()
    if scenario in image_sim.SCENARIOS:
        return SimulatedDevice(image_sim.SimulatedImageScanner(scenario), _nothing)
    if scenario in HID_SCENARIOS:
        return _hid_reader(scenario)
    raise KeyError(scenario)
