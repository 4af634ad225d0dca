"""Checkout as a receptionist meets it (#13): what is charged to whom on every screen, Enter
from anywhere, a clean form on return, safe keyed entry, the partial-approval balance."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.paths import resources_dir
from desktop_app.settings import load_settings
from desktop_app.store import JournalState
from desktop_app.ui.checkout.choices import TenderChoice
from tests.ui.conftest import by_name, click, top_level, wait_until
from tests.ui.test_checkout import (
    APPROVE,
    DECLINE,
    Window,
    choose,
    key_card,
    result_text,
    shown_result,
    start,
    who_text,
)


def point_size(name: str) -> int:
    """The font size the app's style sheet gives a label (tests run without the sheet)."""
    qss = (resources_dir() / "qss" / "frontdesk.qss").read_text(encoding="utf-8")
    found = re.search(r"QLabel#" + name + r"\s*\{[^}]*font-size:\s*(\d+)pt", qss)
    assert found, name
    return int(found.group(1))


@pytest.mark.parametrize("device_addresses", [("wedge:",)])
async def test_waiting_for_a_card_shows_the_amount_large_and_the_patient(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4141", "15.00")
    qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_Return)
    status = by_name(window, "payment status")
    await wait_until(lambda: "swipe" in status.text().lower(), what="waiting for card")
    amount = by_name(window, "amount being charged")
    assert amount.text() == "$15.00" and amount.isVisible()
    assert amount.objectName() == "bigAmount" and point_size("bigAmount") > point_size(
        "bigStatus")  # larger than the status line, in the app's style sheet
    assert "MRN-4141" in by_name(window, "payment for").text()
    qtbot.keyClick(by_name(window, "cancel"), Qt.Key.Key_Escape)
    await wait_until(lambda: window.checkout.stack.currentWidget() is window.checkout.form)


async def test_a_decline_names_the_patient_the_amount_and_the_card(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4242", "40.00")
    choose(window, TenderChoice.KEYED_CARD)
    key_card(qtbot, window, DECLINE)
    click(qtbot, by_name(window, "take payment"))
    assert "Declined $40.00" in await shown_result(window, "Declined")
    who = who_text(window)
    assert "MRN-4242" in who and "0002" in who and DECLINE not in who


async def test_a_decline_reason_is_said_in_the_apps_language(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4243", "20.51")  # the sandbox's "do not honor" amount
    choose(window, TenderChoice.KEYED_CARD)
    key_card(qtbot, window, APPROVE)
    click(qtbot, by_name(window, "take payment"))
    await shown_result(window, "Declined")
    assert "Do not honor" in by_name(window, "result details").text()
    assert window.translations is not None
    try:
        window.translations.switch("es")
        details = by_name(window, "result details")
        await wait_until(lambda: "Motivo" in details.text(), what="the result in Spanish")
        assert "El banco emisor no lo autoriza" in details.text()
        assert "Do not honor" not in details.text()
    finally:
        window.translations.switch("en")


async def test_enter_in_the_tender_list_takes_the_payment(qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4343", "12.00")
    tender = by_name(window, "tender")
    tender.setFocus()
    qtbot.keyClick(tender, Qt.Key.Key_Return)     # the card on the reader is the default
    assert "Approved $12.00" in await shown_result(window, "Approved")


async def test_enter_on_a_tick_box_takes_the_payment_and_space_still_ticks_it(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-4350", "13.00")
    box = by_name(window, "save card on file")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    qtbot.keyClick(box, Qt.Key.Key_Enter)      # the keypad's Enter, as a desk types it
    assert "Approved $13.00" in await shown_result(window, "Approved")
    for _ in range(250):  # the card is saved after the sale, in the background
        rows = await ctx.runtime.journal.history()
        if [r.state for r in rows] == [JournalState.APPROVED] * 2:
            break
        await asyncio.sleep(0.02)
    assert sorted(r.kind for r in rows) == ["sale", "save_on_file"]  # the tick was kept, once


@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_enter_on_the_patient_agreed_box_takes_the_check_by_phone(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4351", "14.00")
    choose(window, TenderChoice.CHECK_NOT_PRESENT)
    for name, text in (("account holder", "Jane Doe"), ("routing number", "021000021"),
                       ("account number", "123456789")):
        qtbot.keyClicks(by_name(window, name), text)
    agreed = by_name(window, "patient agreed")
    agreed.setFocus()
    qtbot.keyClick(agreed, Qt.Key.Key_Space)
    qtbot.keyClick(agreed, Qt.Key.Key_Return)
    assert "Approved $14.00" in await shown_result(window, "Approved")


async def test_coming_back_to_checkout_is_a_clean_form_with_the_cursor_in_it(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4444", "11.00")
    click(qtbot, by_name(window, "take payment"))
    await shown_result(window, "Approved")
    window.show_page(1)
    window.show_page(0)
    page = window.checkout
    assert page.stack.currentWidget() is page.form
    assert by_name(window, "patient reference").text() == ""
    assert by_name(window, "amount").text() == ""
    await wait_until(lambda: QApplication.focusWidget() is by_name(window, "patient reference"),
                     what="focus in the first field")


async def test_a_form_error_goes_once_its_field_is_put_right(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    qtbot.keyClicks(by_name(window, "patient reference"), "MRN-4545")
    qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_Return)
    hint = by_name(window, "form message")
    await wait_until(lambda: "Enter the amount" in hint.text(), what="amount asked for")
    qtbot.keyClicks(by_name(window, "patient reference"), "1")  # another field: stays
    assert "Enter the amount" in hint.text()
    qtbot.keyClicks(by_name(window, "amount"), "5")
    assert "Enter the amount" not in hint.text() and hint.property("tone") != "bad"


async def test_a_keyed_number_is_masked_after_six_grouped_and_shown_on_request(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    choose(window, TenderChoice.KEYED_CARD)
    pan = by_name(window, "card number")
    qtbot.keyClicks(pan, "4111 1111-1111a1111")      # spaces, dashes, letters: not taken
    assert pan.text() == "4111 11•• •••• ••••" and pan.digits() == APPROVE
    click(qtbot, by_name(window, "show card number"))
    assert pan.text() == "4111 1111 1111 1111"
    qtbot.keyClick(pan, Qt.Key.Key_Backspace)       # any key hides it again
    assert pan.text() == "4111 11•• •••• •••" and not by_name(window, "show card number"
                                                              ).isChecked()
    pan.selectAll()
    qtbot.keyClick(pan, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert APPROVE[:15] not in QApplication.clipboard().text()


async def test_tab_goes_from_the_card_number_to_the_expiry_as_a_card_is_typed_by_phone(
        qtbot: Any, app_window: Window) -> None:
    """Typed without looking: number, Tab, expiry, Tab, code, Enter. Show is not a Tab stop
    (it swallowed the expiry's first digit when it was)."""
    _ctx, window = app_window
    start(qtbot, window, "MRN-4747", "8.00")
    choose(window, TenderChoice.KEYED_CARD)
    pan = by_name(window, "card number")
    pan.setFocus()
    qtbot.keyClicks(pan, APPROVE)
    qtbot.keyClick(pan, Qt.Key.Key_Tab)
    expiry = by_name(window, "card expiry")
    assert QApplication.focusWidget() is expiry
    qtbot.keyClicks(expiry, "12/30")
    qtbot.keyClick(expiry, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "123")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "Approved $8.00" in await shown_result(window, "Approved")


@pytest.mark.parametrize("expiry", ["13/20", "00/30", "01/20", "1/3"])
async def test_a_bad_expiry_clears_only_the_expiry(qtbot: Any, app_window: Window,
                                                  expiry: str) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-4646", "9.00")
    choose(window, TenderChoice.KEYED_CARD)
    qtbot.keyClicks(by_name(window, "card number"), APPROVE)
    qtbot.keyClicks(by_name(window, "card expiry"), expiry)
    qtbot.keyClicks(by_name(window, "security code"), "123")
    qtbot.keyClick(by_name(window, "security code"), Qt.Key.Key_Return)
    hint = by_name(window, "form message")
    await wait_until(lambda: "xpir" in hint.text(), what="expiry refused")
    assert by_name(window, "card expiry").text() == ""
    assert by_name(window, "card number").digits() == APPROVE
    assert by_name(window, "security code").text() == "123"
    assert QApplication.focusWidget() is by_name(window, "card expiry")
    assert await ctx.runtime.journal.history() == []
    qtbot.keyClicks(by_name(window, "card expiry"), "12/30")
    assert "xpir" not in hint.text()
    qtbot.keyClick(by_name(window, "card expiry"), Qt.Key.Key_Return)
    assert "Approved $9.00" in await shown_result(window, "Approved")
    assert by_name(window, "card number").digits() == ""     # wiped once read


async def test_cardholder_name_and_billing_zip_are_asked_and_checked(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    start(qtbot, window, "MRN-4747", "8.00")
    choose(window, TenderChoice.KEYED_CARD)
    assert by_name(window, "cardholder name").isVisible()
    assert by_name(window, "billing zip").isVisible()
    key_card(qtbot, window, APPROVE)
    qtbot.keyClicks(by_name(window, "cardholder name"), "Jane Doe")
    qtbot.keyClicks(by_name(window, "billing zip"), "123")
    qtbot.keyClick(by_name(window, "billing zip"), Qt.Key.Key_Return)
    hint = by_name(window, "form message")
    await wait_until(lambda: "ZIP" in hint.text(), what="zip refused")
    assert by_name(window, "cardholder name").text() == "Jane Doe"
    qtbot.keyClicks(by_name(window, "billing zip"), "19103")
    qtbot.keyClick(by_name(window, "billing zip"), Qt.Key.Key_Return)
    assert "Approved $8.00" in await shown_result(window, "Approved")


async def test_the_balance_screen_says_whose_balance_and_can_void_the_first_part(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-4848", "51.10")
    choose(window, TenderChoice.KEYED_CARD)
    key_card(qtbot, window, APPROVE)
    click(qtbot, by_name(window, "take payment"))
    await shown_result(window, "Partially approved")
    (partial,) = await ctx.runtime.journal.history()
    details = by_name(window, "result details").text()
    assert f"Balance of payment {partial.reference}" in details
    assert "$25.55 still to pay" in details and "MRN-4848" in who_text(window)
    click(qtbot, by_name(window, "take balance"))
    note = by_name(window, "balance of payment")
    assert note.isVisible() and partial.reference in note.text() and "$25.55" in note.text()
    window.checkout.come_back()  # or void instead: back to that result from History's row
    assert not note.isVisible()
    window.checkout.result.show_outcome(partial.as_outcome())  # type: ignore[arg-type]
    window.checkout.stack.setCurrentWidget(window.checkout.result)
    click(qtbot, by_name(window, "void first part"))
    box = await wait_until(lambda: top_level("confirm dialog"), what="void asked")
    click(qtbot, by_name(box, "confirm yes"))
    await wait_until(lambda: "voided" in result_text(window), what="part voided")
    assert "nothing was charged" in result_text(window)
    rows = await ctx.runtime.journal.history()
    assert [r.kind for r in rows] == ["void", "sale"]
    assert rows[0].state is JournalState.APPROVED


async def test_the_first_start_on_the_sandbox_shows_the_test_cards_until_hidden(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    panel = by_name(window, "test cards help")
    assert panel.isVisible()
    text = by_name(window, "test cards").text()
    assert "4000 0000 0000 0002" in text and ".51" in text and ".10" in text
    click(qtbot, by_name(window, "hide test cards"))
    assert not panel.isVisible()
    assert load_settings(ctx.runtime.paths).sandbox_help_seen
    click(qtbot, by_name(window, "show test cards"))
    assert panel.isVisible()
