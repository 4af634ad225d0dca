"""Many EMV sales through the bridge with the link cut at random moments: each sale ends
with one tender or a clear device error, and the reader never gets a command twice."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from desktop_app.domain import Money, TenderKind
from drivers.bridge import client
from drivers.capture import CaptureRequest, IssuerAnswer
from drivers.dynaflex.mms import Command
from drivers.dynaflex.simulator import DynaFlexSimulator
from drivers.errors import DeviceError
from drivers.manager import DeviceManager
from drivers.transports.hid import FakeHidBackend
from tests.drivers.bridge_parts import HOST, Proxy, app_config, paired, start_bridge

SALES = 12


async def test_sales_with_random_link_cuts_each_end_once_and_nothing_is_sent_twice(
        tmp_path: Path) -> None:
    sim = DynaFlexSimulator("approved_chip", tick_s=0.005)
    bridge = await start_bridge(tmp_path, [sim])
    config = app_config(tmp_path)
    await paired(bridge, config)
    proxy = await Proxy(bridge.port).start()
    client.configure(config)
    manager = DeviceManager([f"bridge:{HOST}:{proxy.port}"], hid_backend=FakeHidBackend([]))
    await manager.initialize()
    resumed: list[str] = []
    manager.add_listener(lambda e: resumed.append(e.device) if "restored" in e.message
                         else None)
    chance = random.Random(15)
    loop = asyncio.get_running_loop()

    async def authorize(tender):  # type: ignore[no-untyped-def]
        await asyncio.sleep(chance.uniform(0, 0.05))
        return IssuerAnswer(True)

    tenders, errors = 0, 0
    try:
        for _ in range(SALES):
            loop.call_later(chance.uniform(0.0, 0.08), proxy.cut)
            try:
                tender = await manager.process_transaction(
                    CaptureRequest(Money(2000), card_timeout_s=5.0, authorize=authorize))
                assert tender.kind is TenderKind.CHIP
                tenders += 1
            except DeviceError:
                errors += 1
                await manager.rescan()
    finally:
        await manager.close()
        await proxy.close()
        await bridge.server.close()
        client.configure(None)
    sales: list[list[int]] = []  # the reader's commands, one list per Start Transaction
    for command in (m.id for m in sim.requests):
        if command == Command.START_TRANSACTION:
            sales.append([])
        elif sales:
            sales[-1].append(command)
    assert tenders + errors == SALES and tenders >= SALES // 2
    assert len(sales) == SALES  # no sale started twice
    assert all(s.count(Command.RESUME_TRANSACTION) <= 1 for s in sales)  # nor answered twice
    assert sum(s.count(Command.RESUME_TRANSACTION) for s in sales) >= tenders
    assert len(resumed) >= SALES // 3, "the cuts must land mid-sale for this to mean much"
