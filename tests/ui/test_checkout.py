"""Checkout as staff drive it: keyboard first, real widgets found by accessible name."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.store import JournalState
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, sandbox_of, save_as, wait_until

APPROVE = "4111111111111111"
DECLINE = "4000000000000002"
SWIPE = f"%B{APPROVE}^DOE/JANE^30121010000000000000?;{APPROVE}=30121010000000000000?"

Window = tuple[AppContext, MainWindow]


def result_text(window: MainWindow) -> str:
    """The headline and the amount as the desk reads them: "Approved $25.00"."""
    amount = by_name(window, "result amount").text()
    return f'{by_name(window, "result").text()} {amount}'.strip()


def who_text(window: MainWindow) -> str:
    return str(by_name(window, "result payment").text())


def choose(window: MainWindow, choice: TenderChoice) -> None:
    combo = by_name(window, "tender")
    combo.setCurrentIndex(combo.findData(choice.value))


def key_card(qtbot: Any, window: MainWindow, pan: str) -> None:
    qtbot.keyClicks(by_name(window, "card number"), pan)
    qtbot.keyClicks(by_name(window, "card expiry"), "12/30")
    qtbot.keyClicks(by_name(window, "security code"), "123")


def start(qtbot: Any, window: MainWindow, patient: str, amount: str) -> None:
    qtbot.keyClicks(by_name(window, "patient reference"), patient)
    qtbot.keyClicks(by_name(window, "amount"), amount)


def keyed_sale(qtbot: Any, window: MainWindow, patient: str, amount: str,
               pan: str = APPROVE) -> None:
    """From the empty form: a keyed card, Enter in the last field."""
    start(qtbot, window, patient, amount)
    choose(window, TenderChoice.KEYED_CARD)
    key_card(qtbot, window, pan)
    qtbot.keyClick(by_name(window, "security code"), Qt.Key.Key_Return)


async def shown_result(window: MainWindow, words: str) -> str:
    await wait_until(lambda: window.checkout.stack.currentWidget() is window.checkout.result
                     and words in result_text(window), timeout=15, what=words)
    return result_text(window)


async def test_keyed_card_sale_is_approved_with_auth_code_and_masked_card(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    keyed_sale(qtbot, window, "MRN-1001", "25.00")
    assert "Approved $25.00" in await shown_result(window, "Approved")
    details = by_name(window, "result details").text()
    assert "Auth code" in details and "****1111" in who_text(window)
    assert "MRN-1001" in who_text(window) and APPROVE not in details + who_text(window)
    assert by_name(window, "card number").text() == ""  # wiped once read
    (row,) = await ctx.runtime.journal.history()
    assert row.state is JournalState.APPROVED and row.patient_id == "MRN-1001"


async def test_an_approved_sale_prints_and_saves_its_receipt_from_the_result(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    keyed_sale(qtbot, window, "MRN-1002", "19.00")
    await shown_result(window, "Approved")
    click(qtbot, by_name(window, "print this receipt"))
    await wait_until(lambda: window.checkout.print_dialog is not None
                     and window.checkout.print_dialog.isVisible(), what="print dialog")
    dialog = window.checkout.print_dialog
    assert dialog is not None
    dialog.reject()
    click(qtbot, by_name(window, "print receipt"))
    (row,) = await ctx.runtime.journal.history()
    pdf = ctx.runtime.paths.data_dir / "elsewhere" / f"receipt-{row.reference}.pdf"
    pdf.parent.mkdir()
    box = await save_as(pdf)                              # asks where; offers to open it
    details = by_name(window, "result details")
    assert pdf.read_bytes().startswith(b"%PDF") and str(pdf) in details.text()
    assert str(pdf) in box.text()
    assert ctx.settings.save_folder == str(pdf.parent)    # the next save starts there


async def test_an_error_after_the_gateway_answered_is_unknown_never_try_again(
        qtbot: Any, app_window: Window, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    ctx, window = app_window
    journal = ctx.runtime.journal
    real_record_outcome = journal.record_outcome

    async def disk_full(*args: Any, **kwargs: Any) -> None:
        monkeypatch.setattr(journal, "record_outcome", real_record_outcome)  # once
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(journal, "record_outcome", disk_full)
    keyed_sale(qtbot, window, "MRN-1003", "12.00")
    assert "do NOT charge again" in await shown_result(window, "Result not known yet")
    assert not by_name(window, "try again").isVisible()
    # the gateway did approve: the background look-up adopts it and says so in place
    await wait_until(lambda: "Approved $12.00" in result_text(window), timeout=20,
                     what="settled to approved")


@pytest.mark.parametrize("device_addresses", [("wedge:",)])
async def test_four_keys_and_a_swipe_make_a_sale_and_the_swipe_never_lands_in_a_field(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    patient = by_name(window, "patient reference")
    qtbot.keyClicks(patient, "A-77")                      # 1 type the account
    qtbot.keyClick(patient, Qt.Key.Key_Tab)               # 2 Tab
    amount = by_name(window, "amount")
    qtbot.keyClicks(amount, "12.00")                      # 3 type the amount
    qtbot.keyClick(amount, Qt.Key.Key_Return)             # 4 Enter: card on the reader
    status = by_name(window, "payment status")
    await wait_until(lambda: "swipe" in status.text().lower(), what="waiting for card")
    qtbot.keyClicks(window.focusWidget() or window, SWIPE)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Return)
    assert "Approved $12.00" in await shown_result(window, "Approved")
    assert amount.text() == "12.00" and patient.text() == "A-77"  # not one swiped character
    (row,) = await ctx.runtime.journal.history()
    assert row.entry_mode == "Swiped" and row.last_four == "1111"


async def test_partial_approval_then_the_balance_with_a_second_tender(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-2002", "50.10")  # the balance, 25.05, is approved (#13)
    choose(window, TenderChoice.KEYED_CARD)
    key_card(qtbot, window, APPROVE)
    click(qtbot, by_name(window, "take payment"))
    text = await shown_result(window, "Partially approved")
    assert "$25.05 of $50.10" in text
    details = by_name(window, "result details").text()
    assert "$25.05 still to pay" in details and "paid $25.05" in details
    click(qtbot, by_name(window, "take balance"))         # one step: form holds the balance
    assert by_name(window, "amount").text() == "25.05"
    assert by_name(window, "patient reference").text() == "MRN-2002"
    key_card(qtbot, window, "5555555555554444")
    qtbot.keyClick(by_name(window, "security code"), Qt.Key.Key_Return)
    assert "Approved $25.05" in await shown_result(window, "Approved")
    states = [r.state for r in await ctx.runtime.journal.history()]
    assert states == [JournalState.APPROVED, JournalState.PARTIALLY_APPROVED]


async def test_decline_shows_the_reason_and_try_again_keeps_the_amount(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-3003", "40.00")
    choose(window, TenderChoice.KEYED_CARD)
    key_card(qtbot, window, DECLINE)
    click(qtbot, by_name(window, "take payment"))
    await shown_result(window, "Declined")
    assert "Reason:" in by_name(window, "result details").text()
    assert by_name(window, "try again").isVisible()
    click(qtbot, by_name(window, "try again"))
    assert by_name(window, "amount").text() == "40.00"
    assert window.checkout.stack.currentWidget() is window.checkout.form


@pytest.mark.parametrize("device_addresses", [("wedge:",)])
async def test_escape_while_waiting_for_a_card_cancels_and_charges_nothing(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-4004", "15.00")
    qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_Return)
    status = by_name(window, "payment status")
    await wait_until(lambda: "swipe" in status.text().lower(), what="waiting for card")
    qtbot.keyClick(by_name(window, "cancel"), Qt.Key.Key_Escape)
    hint = by_name(window, "form message")
    await wait_until(lambda: "cancelled" in hint.text(), what="cancelled message")
    assert window.checkout.stack.currentWidget() is window.checkout.form
    assert await ctx.runtime.journal.history() == []


@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_check_by_phone_records_holder_type_and_the_authorisation_read(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-5005", "80.00")
    choose(window, TenderChoice.CHECK_NOT_PRESENT)
    qtbot.keyClicks(by_name(window, "account holder"), "Jane Doe")
    types = by_name(window, "account type")
    types.setCurrentIndex(types.findText("Business savings"))
    qtbot.keyClicks(by_name(window, "routing number"), "021000021")
    qtbot.keyClicks(by_name(window, "account number"), "123456789")
    qtbot.keyClicks(by_name(window, "check number"), "1001")
    said = by_name(window, "authorization to read").text()
    assert "$80.00" in said and "savings account ending in 6789" in said
    assert "123456789" not in said
    qtbot.keyClick(by_name(window, "check number"), Qt.Key.Key_Return)
    hint = by_name(window, "form message")
    await wait_until(lambda: "tick the box" in hint.text(), what="agreement asked for")
    assert by_name(window, "account number").text() == "123456789"  # nothing else cleared
    by_name(window, "patient agreed").setChecked(True)
    assert "tick the box" not in hint.text()  # the message went with its cause
    qtbot.keyClick(by_name(window, "check number"), Qt.Key.Key_Return)
    assert "Approved $80.00" in await shown_result(window, "Approved")
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "echeck_sale" and "123456789" not in row.card_display
    audit = [a for a in await ctx.runtime.journal.audit_rows()
             if a["event"] == "echeck.phone_authorization"]
    assert [a["reference"] for a in audit] == [row.reference]
    assert audit[0]["detail"] == said and "123456789" not in str(audit)


async def test_a_bad_amount_is_explained_in_the_form(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_Return)
    await wait_until(lambda: "Enter the amount" in window.checkout.form.hint.text())
    assert ctx.presenter.last_message.startswith("Enter the amount")


@pytest.mark.parametrize("device_addresses", [("wedge:",)])
async def test_a_swipe_with_no_payment_waiting_is_thrown_away_not_typed_or_submitted(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    messages: list[str] = []
    ctx.presenter.sink = messages.append
    patient = by_name(window, "patient reference")
    patient.setFocus()
    qtbot.keyClicks(patient, "MRN-5")
    qtbot.keyClicks(patient, SWIPE)                    # the patient swipes too early
    qtbot.keyClick(patient, Qt.Key.Key_Return)         # the reader's own Enter
    await wait_until(lambda: messages, what="stray swipe message")
    assert "nothing was read" in messages[-1] and APPROVE not in messages[-1]
    assert patient.text() == "MRN-5"                   # not one character of the track
    assert window.checkout.stack.currentWidget() is window.checkout.form  # not submitted
    assert await ctx.runtime.journal.history() == []
    await asyncio.sleep(0.4)                           # after the burst, typing works again
    qtbot.keyClicks(patient, "0")
    assert patient.text() == "MRN-50"


async def test_card_data_typed_into_the_patient_field_is_refused_and_cleared(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    patient = by_name(window, "patient reference")
    patient.setText(f";{APPROVE}=30121010000000000000?")  # a wedge with no reader bound
    qtbot.keyClicks(by_name(window, "amount"), "5.00")
    qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_Return)
    hint = by_name(window, "form message")
    await wait_until(lambda: "card data" in hint.text(), what="refused")
    assert patient.text() == "" and APPROVE not in hint.text()
    assert await ctx.runtime.journal.history() == []



async def test_cancel_before_the_request_left_says_nothing_charged_as_the_service_says(
        qtbot: Any, app_window: Window, monkeypatch: pytest.MonkeyPatch) -> None:
    """The intent is journaled but the request has not left (the journal is slow to take the
    "sent" mark): the payment service says it never left, and so does the page. (It used to
    read the row itself and call any journaled payment unknown.)"""
    ctx, window = app_window
    journal = ctx.runtime.journal
    real_mark_sent = journal.mark_sent
    marking: list[str] = []

    async def slow_database(reference: str) -> Any:
        marking.append(reference)
        await asyncio.sleep(30)
        return await real_mark_sent(reference)

    monkeypatch.setattr(journal, "mark_sent", slow_database)
    keyed_sale(qtbot, window, "MRN-6006", "21.00")
    await wait_until(lambda: marking, what="intent journaled, sent mark under way")
    qtbot.keyClick(by_name(window, "cancel"), Qt.Key.Key_Escape)
    hint = by_name(window, "form message")
    await wait_until(lambda: "Nothing was charged" in hint.text(), what="cancelled message")
    assert hint.property("tone") == "info"  # blue: nothing went wrong, nothing charged
    assert window.checkout.stack.currentWidget() is window.checkout.form
    (row,) = await journal.history()
    assert row.state is JournalState.PENDING  # never handed to the gateway


async def test_cancel_while_the_gateway_works_is_unknown_then_followed_to_its_answer(
        qtbot: Any, app_window: Window) -> None:
    from tests.conftest import inject_fault

    ctx, window = app_window
    await inject_fault(sandbox_of(ctx), "delay_after_charge", delay=3.0)
    keyed_sale(qtbot, window, "MRN-6007", "22.00")
    status = by_name(window, "payment status")
    await wait_until(lambda: "Processing" in status.text(), what="with the gateway")
    await asyncio.sleep(0.3)
    qtbot.keyClick(by_name(window, "cancel"), Qt.Key.Key_Escape)
    assert "do NOT charge again" in await shown_result(window, "Result not known yet")
    # the sandbox charged it after all: the one follower finds it and says so in place
    await wait_until(lambda: "Approved $22.00" in result_text(window), timeout=20,
                     what="followed to approved")
