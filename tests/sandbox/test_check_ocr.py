"""The sandbox's image analysis and eCheck image checks: any bytes give an answer, never a crash."""

from __future__ import annotations

import base64

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.sandbox.check_ocr import analyse, image_refusal
from drivers.imaging import render


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_an_unreadable_image_not_a_crash(data: bytes) -> None:
    reply = analyse(base64.b64encode(data).decode())
    assert reply.get("ocr_failure") == "true" or reply.get("ocr_quality_analysis") == "true"


def test_text_that_is_not_base64_is_unreadable() -> None:
    assert analyse("%%% not base64")["ocr_failure"] == "true"


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 99_999_99))
def test_the_courtesy_amount_is_read_back_as_printed(cents: int) -> None:
    image = render.encode(render.front("T021000021T 1234567890O 1001", cents),
                          render.ImageFormat.TIFF_G4)
    reply = analyse(base64.b64encode(image).decode())
    assert reply["ocr_car_amount"] == f"{cents // 100}.{cents % 100:02d}"


def test_an_echeck_image_must_be_what_its_fields_say() -> None:
    jpeg = base64.b64encode(render.encode(render.back(), render.ImageFormat.JPEG)).decode()
    ok = {"check_image_data": jpeg, "check_image_format": "JPEG", "check_image_pages": "1"}
    assert image_refusal(ok) == "" and image_refusal({}) == ""
    assert "ImageFormat" in image_refusal(ok | {"check_image_format": "TIFF"})
    assert "NumPages" in image_refusal(ok | {"check_image_pages": "2"})
    assert "not a TIFF or JPEG" in image_refusal(ok | {"check_image_data": "AAAA"})
