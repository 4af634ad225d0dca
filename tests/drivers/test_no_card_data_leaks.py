"""No PAN or track data in log records, events or exception messages from any scenario."""

from __future__ import annotations

import logging

import pytest

from desktop_app.domain import Money
from drivers.capture import CaptureRequest
from drivers.errors import DeviceError
from drivers.manager import DeviceManager
from drivers.parsers.micr import parse_micr
from drivers.parsers.tracks import parse_swipe
from drivers.simulated import CHECK_SCENARIOS, HID_SCENARIOS, READER_SCENARIOS
from drivers.transports.hid import FakeHidBackend
from tests.drivers.cards import PAN, leaks


async def test_scenarios_leak_no_card_data(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    manager = DeviceManager(simulators=[*READER_SCENARIOS, *CHECK_SCENARIOS, *HID_SCENARIOS],
                            hid_backend=FakeHidBackend([]))
    await manager.initialize()
    try:
        for scenario in (*READER_SCENARIOS, *HID_SCENARIOS):
            try:
                tender = await manager.process_transaction(
                    CaptureRequest(Money(2500), card_timeout_s=0.5), device=f"sim:{scenario}")
                texts += [repr(tender), tender.describe(), str(tender.emv_tags)]
            except DeviceError as exc:
                texts += [str(exc), repr(exc)]
        for scenario in CHECK_SCENARIOS:
            try:
                texts.append(repr(await manager.scan_check(device=f"sim:{scenario}")))
            except DeviceError as exc:
                texts += [str(exc), repr(exc)]
                texts.append(repr(getattr(exc, "partial", None)))
    finally:
        await manager.close()
    for bad in (f"%B{PAN}^X^3?", f";{PAN}=99?", f";{PAN}=3012{PAN}?", "⑆02100002x⑆ 1234567890⑈"):
        try:
            parse_swipe(bad) if "⑆" not in bad else parse_micr(bad)
        except DeviceError as exc:
            texts.append(str(exc))
    texts += [r.getMessage() for r in caplog.records]
    texts += [str(e) for e in manager.hub.history]
    assert len(texts) > 30
    assert [t for t in texts if leaks(t) or "1234567890" in t] == []
