"""Receipts a clinic can hand out (#13): who issued it, when (local time and zone), TEST
unless production, a signature line only when the card's verification needs one, checks
labelled as checks, an 80 mm roll or A4/Letter; read back from the PDF with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain import BankAccount, Money, PaymentRequest, Tender, TenderKind
from desktop_app.domain import TransactionKind as K
from desktop_app.gateway.config import Environment
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.store import PaymentRecord
from desktop_app.ui.receipts import ReceiptHeader, receipt_html, save_receipt_pdf
from tests.ui.test_history import Window

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (scripts/apt-deps.sh) not installed")
CLINIC = dict(clinic_name="Riverside Family Clinic", clinic_address="12 Mill Road, Oak Vale",
              clinic_phone="(555) 010-2030")


async def paid(ctx: Any, tender: Tender, amount: str = "42.00") -> PaymentRecord:
    kind = K.ECHECK_SALE if tender.kind.is_check else K.SALE
    outcome = await ctx.runtime.payments.process(PaymentRequest(
        kind, amount=Money.parse(amount), tender=tender, patient_id="MRN-R1"))
    record = await ctx.runtime.journal.get(outcome.reference)
    assert record is not None and outcome.status.is_success
    return record


def pdf_text(path: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


async def test_a_receipt_pdf_says_the_clinic_the_local_time_and_test(
        app_window: Window, tmp_path: Path) -> None:
    ctx, _window = app_window
    settings = replace(ctx.settings, **CLINIC, receipt_paper="80mm")
    record = await paid(ctx, demo_card_tender())
    text = pdf_text(save_receipt_pdf(ctx.runtime.paths, settings, record, tmp_path / "r.pdf"))
    assert "Riverside Family Clinic" in text and "(555) 010-2030" in text
    assert "12 Mill Road, Oak Vale" in text
    assert "TEST — NOT A REAL PAYMENT" in text
    local = datetime.fromisoformat(record.created_at).astimezone()
    assert local.strftime("%Y-%m-%d %H:%M ") + str(local.tzname()) in text
    assert "Card payment" in text and "************1111" in text
    assert record.reference in text.split() and record.transaction_id in text.split()  # whole
    assert "X ____" in text  # keyed: the cardholder signs
    assert "4111111111111111" not in text


@pytest.mark.parametrize("paper", ["80mm", "a4"])
async def test_ids_read_back_whole_even_with_ff_fi_fl_in_them(
        app_window: Window, tmp_path: Path, paper: str) -> None:
    """A proportional font joins ff/fi/fl into one ligature glyph: a hex transaction ID
    with "ff" then reads (and copies) wrong. This was the flaky receipt test's cause."""
    ctx, _window = app_window
    record = replace(await paid(ctx, demo_card_tender()),
                     transaction_id="d8affedc1dd74b6fi8717cfflde62285",
                     reference="FDP0212FF08D1F564183BBE56")
    pdf = save_receipt_pdf(ctx.runtime.paths, replace(ctx.settings, receipt_paper=paper),
                           record, tmp_path / "ids.pdf")
    for layout in (True, False):
        words = pdf_text(pdf, layout).split()
        assert record.transaction_id in words and record.reference in words


@pytest.mark.parametrize("paper", ["80mm", "a4", "letter"])
async def test_the_receipt_fits_the_chosen_paper(app_window: Window, tmp_path: Path,
                                                 paper: str) -> None:
    ctx, _window = app_window
    record = await paid(ctx, demo_card_tender())
    pdf = save_receipt_pdf(ctx.runtime.paths, replace(ctx.settings, receipt_paper=paper),
                           record, tmp_path / f"{paper}.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    width = float(info.split("Page size:")[1].split("x")[0])  # points
    assert round(width / 72 * 25.4) == {"80mm": 80, "a4": 210, "letter": 216}[paper]
    pages = int(info.split("Pages:")[1].split()[0])
    assert pages == 1


async def test_after_a_pin_there_is_no_signature_line(app_window: Window) -> None:
    ctx, _window = app_window
    record = await paid(ctx, demo_card_tender())
    chip = replace(record, entry_mode="Chip")
    head = ReceiptHeader("Clinic")
    assert "X ____" in receipt_html(head, chip)                      # no CVM told: sign
    pin = replace(chip, emv_tags={"9F34": "420300"})                 # online PIN
    assert "X ____" not in receipt_html(head, pin)
    signed = replace(chip, emv_tags={"9F34": "1E0300"})              # signature
    assert "X ____" in receipt_html(head, signed)
    no_cvm = replace(chip, emv_tags={"9F34": "1F0002"}, entry_mode="Contactless")
    assert "X ____" not in receipt_html(head, no_cvm)


@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_a_check_receipt_says_check_and_asks_no_card_signature(
        app_window: Window) -> None:
    ctx, _window = app_window
    check = Tender(TenderKind.CHECK_NOT_PRESENT,
                   bank_account=BankAccount("021000021", "123456789", check_number="1001"))
    record = await paid(ctx, check, "30.00")
    printed = receipt_html(ReceiptHeader("Clinic"), record)
    assert "Check payment" in printed and "Check" in printed and "6789" in printed
    assert "X ____" not in printed and "card issuer" not in printed
    assert "123456789" not in printed


async def test_production_receipts_carry_no_test_mark_and_spanish_ones_speak_spanish(
        app_window: Window, tmp_path: Path) -> None:
    ctx, window = app_window
    record = await paid(ctx, demo_card_tender())
    live = replace(ctx.settings, **CLINIC, environment=Environment.PRODUCTION)
    assert "TEST" not in pdf_text(save_receipt_pdf(ctx.runtime.paths, live, record,
                                                   tmp_path / "live.pdf"))
    assert window.translations is not None
    try:
        window.translations.switch("es")
        text = pdf_text(save_receipt_pdf(ctx.runtime.paths, replace(ctx.settings, **CLINIC),
                                         record, tmp_path / "es.pdf"), layout=False)
    finally:
        window.translations.switch("en")
    assert "PRUEBA — NO ES UN PAGO REAL" in text and "Pago con tarjeta" in text
    assert "Copia del cliente" in text and "Riverside Family Clinic" in text
