"""Remote deposit: a scanned check's images through the real contract, end to end.

The images come from the simulated image scanner (real TIFF G4 / JPEG files); the sandbox's
``DoCheckOCRAnalysis`` measures them; the eCheck carries ImageData, ImageFormat, NumPages
and MICRData over NVP and SOAP (REST has no public check payment and refuses checks), and
the sandbox refuses images that are not what they say.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace

import pytest
from PIL import Image

from desktop_app.domain import Money, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.domain.check import CheckImages
from desktop_app.gateway import wire
from desktop_app.gateway.check_images import ImageProblem
from desktop_app.gateway.config import Protocol
from desktop_app.gateway.errors import GatewayError
from drivers.manager import DeviceManager
from drivers.transports.hid import FakeHidBackend
from tests.conftest import gateway_for


async def scanned(scenario: str):  # type: ignore[no-untyped-def]
    manager = DeviceManager(simulators=[scenario], hid_backend=FakeHidBackend([]))
    await manager.initialize()
    try:
        return await manager.scan_check()
    finally:
        await manager.close()


@pytest.mark.parametrize(("scenario", "problem"), [
    ("check_images", None), ("check_images_jpeg", None),
    ("check_image_dark", ImageProblem.TOO_DARK), ("check_image_skewed", ImageProblem.SKEWED),
    ("check_image_folded", ImageProblem.FOLDED_CORNER),
])
@pytest.mark.parametrize("protocol", [Protocol.SOAP11, Protocol.SOAP12, Protocol.NVP])
async def test_the_gateway_reads_the_amount_and_flags_a_bad_image(
        sandbox: object, scenario: str, problem: ImageProblem | None,
        protocol: Protocol) -> None:
    _, check = await scanned(scenario)
    assert check.front is not None
    async with gateway_for(sandbox.url, protocol) as gw:  # type: ignore[attr-defined]
        analysis = await gw.analyse_check_image(check.front.data)  # SOAP whatever the setting
    if problem is None:
        assert analysis.usable and analysis.amount == Money.parse("61.00")
        assert analysis.confidence >= 90
    else:
        assert analysis.problems[0] is problem and not analysis.usable


async def test_an_image_that_is_not_one_is_reported_unreadable(sandbox: object) -> None:
    async with gateway_for(sandbox.url, Protocol.SOAP11) as gw:  # type: ignore[attr-defined]
        analysis = await gw.analyse_check_image(b"not an image")
    assert ImageProblem.UNREADABLE in analysis.problems


async def test_a_tiff_check_is_one_two_page_g4_file_with_its_micr_line() -> None:
    tender, check = await scanned("check_images")
    images = tender.check_images
    assert images is not None and (images.image_format, images.pages) == ("TIFF", 2)
    file = Image.open(io.BytesIO(images.data))
    assert file.n_frames == 2 and file.info["compression"] == "group4"
    assert images.micr_line == check.raw_line == "T021000021T 1234567890O 1001"
    assert "1234567890" not in repr(tender) and "1234567890" not in repr(images)


@pytest.mark.parametrize("protocol", [Protocol.NVP, Protocol.SOAP11, Protocol.SOAP12])
@pytest.mark.parametrize("scenario", ["check_images", "check_images_jpeg"])
async def test_an_echeck_with_images_is_taken_over_nvp_and_soap(
        sandbox: object, protocol: Protocol, scenario: str,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    tender, _ = await scanned(scenario)
    request = PaymentRequest(TransactionKind.ECHECK_SALE, amount=Money.parse("61.00"),
                             tender=tender)
    async with gateway_for(sandbox.url, protocol,  # type: ignore[attr-defined]
                           unconfirmed_operations=True) as gw:
        outcome = await gw.send(request)
    assert outcome.status is OutcomeStatus.APPROVED
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert tender.check_images is not None
    assert wire.encode(request, gw.config).values["check_image_data"][:40] not in logged
    assert "1234567890" not in logged


@pytest.mark.parametrize("protocol", [Protocol.NVP, Protocol.SOAP11])
async def test_images_that_are_not_what_they_say_are_refused(sandbox: object,
                                                             protocol: Protocol) -> None:
    tender, _ = await scanned("check_images")
    assert tender.check_images is not None
    wrong = replace(tender, check_images=CheckImages(tender.check_images.data, "TIFF", 1))
    async with gateway_for(sandbox.url, protocol,  # type: ignore[attr-defined]
                           unconfirmed_operations=True) as gw:
        with pytest.raises(GatewayError, match="NumPages"):
            await gw.send(PaymentRequest(TransactionKind.ECHECK_SALE,
                                         amount=Money.parse("61.00"), tender=wrong))
