"""The desk's check scan: a flagged image is fed again; a MICR-only reader needs no image."""

from __future__ import annotations

import pytest

from desktop_app.gateway.check_images import ImageProblem
from desktop_app.gateway.config import Protocol
from desktop_app.services.check_scan import CheckImageRejected, scan_check
from drivers.imaging.render import Defect
from drivers.imaging.scanner import GOOD, SCENARIOS, ImageScript, SimulatedImageScanner
from drivers.manager import DeviceManager
from drivers.transports.hid import FakeHidBackend
from tests.conftest import gateway_for


@pytest.mark.parametrize(("scenario", "problem"), [
    ("check_image_dark", ImageProblem.TOO_DARK), ("check_image_skewed", ImageProblem.SKEWED),
    ("check_image_folded", ImageProblem.FOLDED_CORNER), ("check", None),
])
async def test_a_flagged_image_is_rescanned_once_and_a_micr_reader_is_not_asked(
        sandbox: object, scenario: str, problem: ImageProblem | None) -> None:
    manager = DeviceManager(simulators=[scenario], hid_backend=FakeHidBackend([]))
    await manager.initialize()
    asked: list[tuple[ImageProblem, ...]] = []
    try:
        async with gateway_for(sandbox.url, Protocol.NVP) as gw:  # type: ignore[attr-defined]
            tender, scanned = await scan_check(manager, gw, device=None,
                                               on_rescan=asked.append)
    finally:
        await manager.close()
    assert asked == ([(problem,)] if problem else [])
    assert tender.bank_account is not None
    assert (tender.check_images is None) == (scanned.front is None)


async def test_a_check_that_never_images_well_is_rejected_for_keying(
        sandbox: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SCENARIOS, "always_dark",
                        ImageScript(GOOD, defect=Defect.TOO_DARK, bad_scans=99))
    scanner = SimulatedImageScanner("always_dark")
    manager = DeviceManager(hid_backend=FakeHidBackend([]))
    manager._register("sim:always_dark", scanner)
    asked: list[tuple[ImageProblem, ...]] = []
    try:
        async with gateway_for(sandbox.url, Protocol.SOAP11) as gw:  # type: ignore[attr-defined]
            with pytest.raises(CheckImageRejected, match="Key the routing"):
                await scan_check(manager, gw, device=None, on_rescan=asked.append)
    finally:
        await manager.close()
    assert len(asked) == 2  # three scans: two rescans asked for
