"""Citrix device bridge: swipe-to-event, EMV-message-to-tender and MICR-line-to-check, local
vs bridged, one run.

Each round the simulated reader produces its bytes at a recorded instant and the app's
driver returns the Tender; the figure is the time between. ``local``: the production
driver over the fake HID backend (I/O thread, polling). ``bridged``: the same reader on a
bridge over loopback, mutual TLS 1.2+, the same driver in the app over ``bridge:`` (the
bridge's own polling, TLS both ways, the app's parsing). Goal: bridged p99 < 50 ms. The
check read: the Mini MICR simulator's line on a real pty until ``MiniMicrReader.scan``
returns, locally over ``serial:`` and through the bridge (its serial port the pty).
Prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from devices import (  # type: ignore[import-not-found]
    TimedMicr,
    ignore,
    micr_scan_rounds,
    p99,
    pty_micr_rounds,
    summary,
)

from desktop_app.domain import Money
from drivers.bridge import client
from drivers.bridge.client import ClientConfig
from drivers.bridge.inventory import HidInventory, Inventories
from drivers.bridge.pairing import PinStore
from drivers.bridge.remote import reader_for
from drivers.bridge.serial_inventory import SerialInventory
from drivers.bridge.server import BridgeServer
from drivers.bridge.tls import Identity, load_identity
from drivers.capture import CaptureRequest, CardReader
from drivers.dynaflex import simulator as dynaflex_sim
from drivers.hid.magtek import MagtekHidReader, encode_report
from drivers.micr import simulator as micr_sim
from drivers.micr.reader import MiniMicrReader
from drivers.simulated import swipe_tracks
from drivers.transports.address import parse_address
from drivers.transports.bridge import BridgeTransport
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo, HidTransport
from drivers.transports.pty import PtyPort

ROUNDS = 300
REQUEST = CaptureRequest(Money(1234), card_timeout_s=5.0)
SWIPE_ID = "hid:0801:0002:BENCH01"
GOAL_MS = 50.0


class TimedSwiper(FakeHidDevice):
    """A MagTek HID swipe reader whose next swipe happens when ``swipe()`` is called."""

    def __init__(self) -> None:
        super().__init__(HidDeviceInfo(0x0801, 0x0002, "BENCH01", "MagTek USB HID swipe"))
        t1, _, t2 = swipe_tracks().partition("?;")
        report = encode_report(t1 + "?", ";" + t2)
        self.report = [report[i:i + 64] for i in range(0, len(report), 64)]
        self.swiped_at = 0.0

    def swipe(self) -> None:
        self.swiped_at = time.perf_counter()
        self.reports.extend(self.report)


class TimedDynaFlex(dynaflex_sim.DynaFlexSimulator):
    arqc_at = 0.0

    def _do(self, step: dynaflex_sim.Step) -> None:
        if step.act is dynaflex_sim.Act.ARQC:
            self.arqc_at = time.perf_counter()
        super()._do(step)


async def swipe_rounds(reader: CardReader, device: TimedSwiper) -> list[float]:
    samples = []
    for _ in range(ROUNDS):
        capture = asyncio.create_task(reader.capture(REQUEST, ignore))
        await asyncio.sleep(0.01)
        device.swipe()
        await capture
        samples.append(time.perf_counter() - device.swiped_at)
    return samples


async def emv_rounds(reader: CardReader, sim: TimedDynaFlex) -> list[float]:
    samples = []
    for _ in range(ROUNDS // 2):
        await reader.capture(REQUEST, ignore)  # Quick Chip: ARQC, batch data, complete
        samples.append(time.perf_counter() - sim.arqc_at)
    return samples


def _identity(root: Path, name: str) -> Identity:
    secret: dict[str, str] = {}
    return load_identity(root / name, name, (secret.get, secret.__setitem__))


async def paired_link(root: Path, devices: list[FakeHidDevice], identity: str,
                      serial_ports: tuple[str, ...] = ()) -> tuple[BridgeServer, BridgeTransport]:
    hid = HidInventory(FakeHidBackend(devices), simulated=True)
    server = BridgeServer(_identity(root, "bridge"), PinStore(root / "pins.json"),
                          Inventories(hid, SerialInventory(serial_ports, lister=lambda: [])))
    port = await server.start("127.0.0.1", 0)
    config = ClientConfig(_identity(root, "app"), PinStore(root / "bridges.json"), "bench")
    await client.pair("127.0.0.1", port, server.open_pairing(), config)
    return server, BridgeTransport("127.0.0.1", port, identity, config)


async def bridged(root: Path, device: FakeHidDevice, identity: str,
                  ) -> tuple[BridgeServer, CardReader]:
    server, transport = await paired_link(root, [device], identity)
    reader = reader_for(parse_address(identity), transport, simulated=True)
    await reader.open()
    return server, reader


async def bridged_micr_rounds(root: Path) -> list[float]:
    sim = TimedMicr(micr_sim.SCENARIOS["check"], PtyPort(), tick_s=0.0).start()
    path = sim.port.slave_path
    server, transport = await paired_link(root, [], f"serial:{path}", (path,))
    reader = MiniMicrReader(transport)
    await reader.open()
    try:
        return list(await micr_scan_rounds(reader, sim))
    finally:
        await reader.close()
        await server.close()
        await sim.stop()


async def measure(root: Path) -> dict[str, object]:
    local_swiper = TimedSwiper()
    local = MagtekHidReader(HidTransport(FakeHidBackend([local_swiper]), 0x0801, 0x0002))
    await local.open()
    local_swipe = await swipe_rounds(local, local_swiper)
    await local.close()

    remote_swiper = TimedSwiper()
    server, remote = await bridged(root / "swipe", remote_swiper, SWIPE_ID)
    bridged_swipe = await swipe_rounds(remote, remote_swiper)
    await remote.close()
    await server.close()

    local_sim = TimedDynaFlex("approved_chip", tick_s=0.0)
    local_emv_reader = reader_for(parse_address("hid:0801:2020"), HidTransport(
        FakeHidBackend([local_sim]), 0x0801, 0x2020), simulated=True)
    await local_emv_reader.open()
    local_emv = await emv_rounds(local_emv_reader, local_sim)
    await local_emv_reader.close()

    remote_sim = TimedDynaFlex("approved_chip", tick_s=0.0)
    server, remote = await bridged(root / "emv", remote_sim, "hid:0801:2020:B0SIMDF1")
    bridged_emv = await emv_rounds(remote, remote_sim)
    await remote.close()
    await server.close()
    local_check = await pty_micr_rounds()
    bridged_check = await bridged_micr_rounds(root / "check")
    return {
        "micr_line_to_check_local": summary(local_check),
        "micr_line_to_check_bridged": summary(bridged_check) | {
            "goal_p99_ms": GOAL_MS, "ok": p99(bridged_check) < GOAL_MS,
            "p99_ratio_to_local": round(p99(bridged_check) / p99(local_check), 2)},
        "swipe_to_tender_local": summary(local_swipe),
        "swipe_to_tender_bridged": summary(bridged_swipe) | {
            "goal_p99_ms": GOAL_MS, "ok": p99(bridged_swipe) < GOAL_MS,
            "p99_ratio_to_local": round(p99(bridged_swipe) / p99(local_swipe), 2)},
        "emv_arqc_to_tender_local": summary(local_emv),
        "emv_arqc_to_tender_bridged": summary(bridged_emv) | {
            "goal_p99_ms": GOAL_MS, "ok": p99(bridged_emv) < GOAL_MS,
            "p99_ratio_to_local": round(p99(bridged_emv) / p99(local_emv), 2)},
        "link": "loopback, mutual TLS 1.2+",
        "python": sys.version.split()[0],
    }


async def main() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        return await measure(Path(tmp))


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
