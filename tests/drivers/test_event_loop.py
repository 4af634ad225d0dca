"""Device I/O never blocks the event loop: a 1 ms ticker keeps ticking throughout."""

from __future__ import annotations

import asyncio

from desktop_app.domain import Money
from drivers.capture import CaptureRequest
from drivers.check.scanner import CheckScanner
from drivers.manager import DeviceManager
from drivers.simulated import SCANNER_IDS, check_stream
from drivers.transports.hid import FakeHidBackend
from drivers.transports.usb import FakeUsbBackend, FakeUsbDevice, UsbTransport

SLOW_CALL_S = 0.3  # a blocking backend call this long would show up as a gap this long


async def ticker(gaps: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    last = loop.time()
    while not stop.is_set():
        await asyncio.sleep(0.001)
        now = loop.time()
        gaps.append(now - last)
        last = now


async def test_loop_keeps_ticking_during_pty_and_slow_usb_io() -> None:
    slow = FakeUsbDevice(*SCANNER_IDS, [check_stream("⑆021000021⑆ 1234567890⑈ 1001")] * 3,
                         delay_s=SLOW_CALL_S)
    scanner = CheckScanner(UsbTransport(FakeUsbBackend([slow]), *SCANNER_IDS))
    manager = DeviceManager(simulators=["approved_chip", "noisy_line"],
                            hid_backend=FakeHidBackend([]), usb_backend=FakeUsbBackend([]))
    await manager.initialize()
    await scanner.open()
    gaps: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(gaps, stop))
    try:
        for _ in range(3):
            await manager.process_transaction(CaptureRequest(Money(100)), device="sim:noisy_line")
            await manager.process_transaction(CaptureRequest(Money(100)),
                                              device="sim:approved_chip")
            await scanner.scan()  # each write blocks its I/O thread for SLOW_CALL_S
    finally:
        stop.set()
        await tick
        await scanner.close()
        await manager.close()
    assert len(gaps) > 100
    # Generous bound, not a performance goal: a blocked loop would show >= SLOW_CALL_S.
    assert max(gaps) < SLOW_CALL_S / 2
