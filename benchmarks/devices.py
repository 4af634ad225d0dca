"""Device-layer latency: swipe bytes → parsed card event, and event-loop stalls during I/O.

1. ``swipe_to_card_event``: keystrokes of a wedge swipe fed to ``WedgeReader`` until
   ``capture`` returns the Tender (parse + classify + domain validation); goal p99 ≤ 5 ms.
2. ``pty_micr_line_to_check``: a Mini MICR line written on a pty master (the simulator,
   as the reader sends it) until the serial driver returns the ScannedCheck (I/O thread,
   polling, message split, MICR parse).
3. ``loop_stall``: a 1 ms ticker's overshoot while three DynaFlex simulators run captures
   concurrently; goal p99 ≤ 16 ms (one 60 Hz frame).
4. ``dynaflex_report_to_tender``: from the DynaFlex simulator queueing the ARQC notification's
   64-byte HID reports (fake HID backend, I/O thread, reassembly, MMS decode, ARQC parse) until
   the driver returns the Tender (Quick Chip: after batch data and Transaction Complete).
5. ``idle_serial_port_cpu_percent``: CPU one open, quiet serial port costs (polling), which
   matters on Citrix servers running one app per desk.
6. ``check_images``: one check through the simulated image scanner (drawing and encoding,
   the scanner's own cost, the baseline), then making the ImageData file (two-page TIFF G4)
   and the sandbox's DoCheckOCRAnalysis of the front; ratios against the scan.
Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.domain import Money
from drivers.capture import CaptureRequest
from drivers.dynaflex import simulator as dynaflex_sim
from drivers.dynaflex.driver import DynaFlexReader
from drivers.manager import DeviceManager
from drivers.micr import simulator as micr_sim
from drivers.micr.reader import MiniMicrReader
from drivers.simulated import swipe_tracks
from drivers.transports.hid import FakeHidBackend, HidTransport
from drivers.transports.pty import PtyPort
from drivers.transports.serial import SerialTransport
from drivers.wedge_reader import WedgeReader

ROUNDS = 300
WARMUP = 20
SWIPE = swipe_tracks() + "\r"
REQUEST = CaptureRequest(Money(1234), card_timeout_s=5.0)


def p99(samples: list[float]) -> float:
    return round(statistics.quantiles(samples, n=100)[98] * 1000, 3)


def summary(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(samples) * 1000, 3), "p99_ms": p99(samples),
            "max_ms": round(max(samples) * 1000, 3), "n": len(samples)}


def ignore(*_: object) -> None:
    return None


async def wedge_rounds() -> list[float]:
    reader = WedgeReader()
    samples = []
    for n in range(ROUNDS + WARMUP):
        capture = asyncio.create_task(reader.capture(REQUEST, ignore))
        await asyncio.sleep(0)
        start = time.perf_counter()
        now = time.monotonic()
        for i, ch in enumerate(SWIPE):
            reader.feed(ch, now + i * 0.002)
        await capture
        if n >= WARMUP:
            samples.append(time.perf_counter() - start)
    return samples


class TimedMicr(micr_sim.MiniMicrSimulator):
    sent_at = 0.0

    async def _pass_check(self) -> None:
        self.sent_at = time.perf_counter()
        self.port.write(self.script.line(self.format).encode("ascii") + micr_sim.CR)


async def micr_scan_rounds(reader: MiniMicrReader, sim: TimedMicr, rounds: int = 200,
                           ) -> list[float]:
    """Line written by the simulator → ``ScannedCheck`` returned, ``rounds`` times."""
    samples = []
    for _ in range(rounds):
        await reader.scan(5.0)
        samples.append(time.perf_counter() - sim.sent_at)
    return samples


async def pty_micr_rounds(rounds: int = 200) -> list[float]:
    sim = TimedMicr(micr_sim.SCENARIOS["check"], PtyPort(), tick_s=0.0).start()
    reader = MiniMicrReader(SerialTransport(sim.port.slave_path))
    await reader.open()
    try:
        return await micr_scan_rounds(reader, sim, rounds)
    finally:
        await reader.close()
        await sim.stop()


class _TimedSimulator(dynaflex_sim.DynaFlexSimulator):
    arqc_at = 0.0

    def _do(self, step: dynaflex_sim.Step) -> None:
        if step.act is dynaflex_sim.Act.ARQC:
            self.arqc_at = time.perf_counter()
        super()._do(step)


async def dynaflex_rounds(rounds: int = 200) -> list[float]:
    sim = _TimedSimulator("approved_chip", tick_s=0.0)
    reader = DynaFlexReader(HidTransport(FakeHidBackend([sim]), 0x0801,
                                         dynaflex_sim.PRODUCT_ID))
    await reader.open()
    samples = []
    try:
        for _ in range(rounds):
            await reader.capture(REQUEST, ignore)
            samples.append(time.perf_counter() - sim.arqc_at)
    finally:
        await reader.close()
    return samples


async def stall_during_io() -> tuple[list[float], int]:
    pads = ["approved_chip", "noisy_line", "chip_failure_fallback"]  # DynaFlex simulators
    manager = DeviceManager(simulators=pads, hid_backend=FakeHidBackend([]),
                            sim_tick_s=0.001)
    await manager.initialize()
    stalls: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            before = loop.time()
            await asyncio.sleep(0.001)
            stalls.append(max(0.0, loop.time() - before - 0.001))

    async def burst(name: str) -> int:
        count = 0
        for _ in range(40):
            pad = manager._devices[f"sim:{name}"]
            await pad.capture(REQUEST, ignore)  # type: ignore[union-attr]
            count += 1
        return count

    tick = asyncio.create_task(ticker())
    counts = await asyncio.gather(*(burst(p) for p in pads))
    stop.set()
    await tick
    await manager.close()
    return stalls, sum(counts)


async def image_rounds(rounds: int = 20) -> dict[str, object]:
    import base64

    from desktop_app.sandbox.check_ocr import analyse
    from drivers.imaging.pages import for_gateway
    from drivers.imaging.scanner import SimulatedImageScanner

    scanner = SimulatedImageScanner("check_images", feed_s=0.0)
    scans, files, ocr = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        check = await scanner.scan()
        scans.append(time.perf_counter() - start)
        start = time.perf_counter()
        wire = for_gateway(check)
        files.append(time.perf_counter() - start)
        assert check.front is not None and wire is not None
        start = time.perf_counter()
        analyse(base64.b64encode(check.front.data).decode())
        ocr.append(time.perf_counter() - start)
    scan, file, read = (statistics.median(x) for x in (scans, files, ocr))
    return {"scan_p50_ms": round(scan * 1000, 2), "wire_file_p50_ms": round(file * 1000, 2),
            "sandbox_ocr_p50_ms": round(read * 1000, 2),
            "wire_file_vs_scan": round(file / scan, 3), "ocr_vs_scan": round(read / scan, 2),
            "wire_file_bytes": len(wire.data), "n": rounds}


async def idle_cpu(seconds: float = 2.0) -> float:
    import resource
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)
    port = SerialTransport(os.ttyname(slave))
    await port.open()
    await asyncio.sleep(2.5)  # past the active window after open
    before = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.sleep(seconds)
    after = resource.getrusage(resource.RUSAGE_SELF)
    await port.close()
    os.close(master)
    os.close(slave)
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return round(100 * used / seconds, 2)


async def main() -> dict[str, object]:
    wedge = await wedge_rounds()
    pty = await pty_micr_rounds()
    stalls, captures = await stall_during_io()
    dynaflex = await dynaflex_rounds()
    return {
        "swipe_to_card_event": summary(wedge) | {"goal_p99_ms": 5.0,
                                                 "ok": p99(wedge) <= 5.0},
        "pty_micr_line_to_check": summary(pty),
        "loop_stall": summary(stalls) | {"goal_p99_ms": 16.0, "ok": p99(stalls) <= 16.0,
                                         "captures_during_burst": captures},
        "dynaflex_report_to_tender": summary(dynaflex),
        "idle_serial_port_cpu_percent": await idle_cpu(),
        "check_images": await image_rounds(),
        "python": sys.version.split()[0],
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
