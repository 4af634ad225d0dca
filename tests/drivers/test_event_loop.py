"""Device I/O never blocks the event loop: a 1 ms ticker keeps ticking throughout."""

from __future__ import annotations

import asyncio
import time

from desktop_app.domain import Money
from drivers.capture import CaptureRequest
from drivers.hid.magtek import MAGTEK_VENDOR_ID, SWIPE_PRODUCT, MagtekHidReader, encode_report
from drivers.manager import DeviceManager
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo, HidTransport
from tests.drivers.cards import TRACK1, TRACK2

SLOW_CALL_S = 0.2  # a blocking backend call this long would show up as a gap this long


class SlowHidDevice(FakeHidDevice):
    """A backend whose every read blocks its I/O thread, as a stuck driver call would."""

    def read(self, size: int, timeout_ms: int) -> bytes:
        time.sleep(SLOW_CALL_S)
        return super().read(size, timeout_ms)


async def ticker(gaps: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    last = loop.time()
    while not stop.is_set():
        await asyncio.sleep(0.001)
        now = loop.time()
        gaps.append(now - last)
        last = now


async def test_loop_keeps_ticking_during_pty_hid_and_slow_backend_io() -> None:
    info = HidDeviceInfo(MAGTEK_VENDOR_ID, SWIPE_PRODUCT, "SLOW1")
    report = encode_report(TRACK1, TRACK2)
    chunks = [report[i:i + 64] for i in range(0, len(report), 64)]  # interrupt transfers
    slow = SlowHidDevice(info)
    reader = MagtekHidReader.for_product(
        HidTransport(FakeHidBackend([slow]), MAGTEK_VENDOR_ID, SWIPE_PRODUCT), SWIPE_PRODUCT)
    manager = DeviceManager(simulators=["approved_chip", "noisy_line", "check"],
                            hid_backend=FakeHidBackend([]))
    await manager.initialize()
    await reader.open()
    gaps: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(gaps, stop))
    try:
        for _ in range(3):
            await manager.process_transaction(CaptureRequest(Money(100)), device="sim:noisy_line")
            await manager.process_transaction(CaptureRequest(Money(100)),
                                              device="sim:approved_chip")
            await manager.scan_check(device="sim:check")  # a Mini MICR over a real pty
            slow.reports.extend(chunks)  # one swipe per capture: older ones are dropped
            await reader.capture(CaptureRequest(Money(100), card_timeout_s=5),
                                 lambda kind, text: None)  # each read blocks SLOW_CALL_S
    finally:
        stop.set()
        await tick
        await reader.close()
        await manager.close()
    assert len(gaps) > 100
    # A loop blocked by the backend shows a gap of SLOW_CALL_S at every slow read (6 chunks a
    # swipe, 18 in all); a busy machine may delay a tick or two as long. Counted, not timed.
    blocked = [gap for gap in gaps if gap >= SLOW_CALL_S * 0.9]
    assert len(blocked) < 3, f"{len(blocked)} ticks waited a whole backend read: {blocked}"
