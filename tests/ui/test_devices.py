"""Checkout through the real device layer: simulated PIN pads and check scanners (sim:...)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.store import JournalState
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from drivers.capture import DeviceState
from tests.ui.conftest import by_name, click, sandbox_of, wait_until
from tests.ui.test_checkout import choose, result_text, shown_result, start

Window = tuple[AppContext, MainWindow]


def record_progress(window: MainWindow) -> list[str]:
    """Every line the progress panel showed, in order."""
    seen: list[str] = []
    panel = window.checkout.progress
    original = panel.set_status

    def set_status(label: str) -> None:
        seen.append(label)
        original(label)
    panel.set_status = set_status  # type: ignore[method-assign]
    return seen


async def test_card_sale_through_the_simulated_pin_pad_shows_each_step(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    seen = record_progress(window)
    start(qtbot, window, "MRN-6006", "30.00")
    qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_Return)   # card on the reader
    assert "Approved $30.00" in await shown_result(window, "Approved")
    assert "Insert, tap or swipe the card" in seen and "Reading card…" in seen
    assert "Enter PIN on the pad" in seen
    (row,) = await ctx.runtime.journal.history()
    assert row.state is JournalState.APPROVED and row.entry_mode == "Chip"
    assert "4111111111111111" not in by_name(window, "result details").text()
    assert "PIN pad: ready" in by_name(window, "device status").text()


@pytest.mark.parametrize("device_addresses", [("sim:timeout",)])
async def test_cancel_while_the_pad_waits_for_a_card_leaves_it_idle_and_charges_nothing(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-7007", "19.00")
    click(qtbot, by_name(window, "take payment"))
    status = by_name(window, "payment status")
    await wait_until(lambda: "Insert, tap or swipe" in status.text(), what="waiting for card")
    assert "waiting for card" in by_name(window, "device status").text()
    click(qtbot, by_name(window, "cancel"))
    hint = by_name(window, "form message")
    await wait_until(lambda: "cancelled" in hint.text(), what="cancelled message")
    assert await ctx.runtime.journal.history() == []
    (pad,) = ctx.devices.devices()
    assert pad.state is DeviceState.IDLE
    assert "PIN pad: ready" in by_name(window, "device status").text()


@pytest.mark.parametrize("device_addresses", [("sim:device_unplugged",)])
async def test_a_pad_pulled_mid_payment_is_a_clear_error_and_no_charge(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-8008", "22.00")
    click(qtbot, by_name(window, "take payment"))
    text = await shown_result(window, "Not processed")
    details = by_name(window, "result details").text()
    assert "disconnected" in details.lower() or "reconnect" in details.lower(), details
    assert "nothing was charged" in details.lower()
    assert "Approved" not in text and "Declined" not in text
    assert await ctx.runtime.journal.history() == []
    assert "disconnected" in by_name(window, "device status").text()


@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_a_scanned_check_shows_its_micr_fields_and_is_sent_once_confirmed(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-9009", "60.00")
    choose(window, TenderChoice.CHECK_AT_DESK)
    assert not by_name(window, "routing number").isVisible()    # the scanner reads them
    click(qtbot, by_name(window, "take payment"))
    page = window.checkout
    await wait_until(lambda: page.stack.currentWidget() is page.micr, what="MICR shown")
    assert await ctx.runtime.journal.history() == []            # nothing sent before a yes
    routing = by_name(window, "scanned routing").text()
    account = by_name(window, "scanned account").text()
    assert len(routing) == 9 and account.startswith("****") and len(account) == 8
    assert by_name(window, "scanned check number").text() != ""
    assert by_name(window, "check amount").text() == "$60.00"
    qtbot.keyClick(by_name(window, "send check"), Qt.Key.Key_Return)
    assert "Approved $60.00" in await shown_result(window, "Approved")
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "echeck_sale" and "1234567890" not in row.card_display


async def test_escape_on_the_scanned_check_sends_nothing(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-9011", "62.00")
    choose(window, TenderChoice.CHECK_AT_DESK)
    click(qtbot, by_name(window, "take payment"))
    page = window.checkout
    await wait_until(lambda: page.stack.currentWidget() is page.micr, what="MICR shown")
    qtbot.keyClick(by_name(window, "send check"), Qt.Key.Key_Escape)
    hint = by_name(window, "form message")
    await wait_until(lambda: "Nothing was charged" in hint.text(), what="cancelled")
    assert await ctx.runtime.journal.history() == []


@pytest.mark.parametrize("device_addresses", [("sim:check_damaged_micr",)])
@pytest.mark.parametrize("settings_changes", [{"unconfirmed_operations": True}])  # eCheck
async def test_a_damaged_micr_line_falls_back_to_keyed_numbers(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-9010", "61.00")
    choose(window, TenderChoice.CHECK_AT_DESK)
    click(qtbot, by_name(window, "take payment"))
    hint = by_name(window, "form message")
    await wait_until(lambda: "MICR" in hint.text(), what="MICR message")
    assert by_name(window, "routing number").isVisible()
    assert await ctx.runtime.journal.history() == []
    routing, account = by_name(window, "routing number"), by_name(window, "account number")
    assert (routing.text(), account.text()) == ("0210?0021", "12345?7890")  # what was read
    for field, good in ((routing, "021000021"), (account, "1234567890")):  # staff correct
        field.selectAll()
        qtbot.keyClicks(field, good)
    qtbot.keyClick(by_name(window, "account number"), Qt.Key.Key_Return)
    assert "Approved $61.00" in await shown_result(window, "Approved")
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "echeck_sale" and result_text(window).startswith("Approved")


async def test_save_a_card_on_file_then_charge_it_by_brand_and_last_four(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    start(qtbot, window, "MRN-1212", "10.00")
    save = by_name(window, "save card on file")
    assert save.isVisible()
    save.setChecked(True)
    click(qtbot, by_name(window, "take payment"))          # chip card on the simulated pad
    await shown_result(window, "Approved")
    details = by_name(window, "result details")
    await wait_until(lambda: "saved on file" in details.text(), what="card saved note")
    (saved,) = await ctx.runtime.journal.saved_cards.for_patient("MRN-1212")
    click(qtbot, by_name(window, "new payment"))
    start(qtbot, window, "MRN-1212", "15.00")
    choose(window, TenderChoice.CARD_ON_FILE)
    combo = by_name(window, "saved card")
    await wait_until(lambda: combo.count() == 1, what="saved cards listed")
    assert combo.itemText(0).startswith(f"{saved.card.brand} ****{saved.card.last_four}")
    assert saved.card.token not in combo.itemText(0)
    click(qtbot, by_name(window, "take payment"))
    assert "Approved $15.00" in await shown_result(window, "Approved")
    kinds = [r.kind for r in await ctx.runtime.journal.history()]
    assert kinds[0] == "charge_saved_card" and "save_on_file" in kinds
    # another patient typed over the first, Enter at once: never the first patient's card
    click(qtbot, by_name(window, "new payment"))
    start(qtbot, window, "MRN-1212", "5.00")
    choose(window, TenderChoice.CARD_ON_FILE)
    await wait_until(lambda: combo.count() == 1, what="first patient's card listed")
    patient = by_name(window, "patient reference")
    patient.selectAll()
    qtbot.keyClicks(patient, "MRN-9999")
    qtbot.keyClick(patient, Qt.Key.Key_Return)
    hint = by_name(window, "form message")
    await wait_until(lambda: "Check which card on file" in hint.text(), what="card check")
    assert combo.count() == 0  # MRN-9999 has none; the list reloaded for them
    assert len(await ctx.runtime.journal.history()) == len(kinds)  # nothing sent


@pytest.mark.parametrize("settings_changes", [{"read_timeout_seconds": 1}])
async def test_a_reply_that_never_comes_is_unknown_do_not_charge_again_never_declined(
        qtbot: Any, app_window: Window) -> None:
    import httpx

    ctx, window = app_window
    async with httpx.AsyncClient() as http:
        reply = await http.post(f"{sandbox_of(ctx).url}/sandbox/faults",
                                json={"mode": "delay", "delay": 3, "count": 1})
        assert reply.status_code < 300
    start(qtbot, window, "MRN-1313", "44.00")
    click(qtbot, by_name(window, "take payment"))
    text = await shown_result(window, "do NOT charge again")
    assert "Declined" not in text and "declined" not in by_name(window, "result details").text()
    (row,) = await ctx.runtime.journal.history()
    assert row.state is JournalState.UNKNOWN


async def test_track_data_in_the_device_address_field_is_refused_never_saved(
        qtbot: Any, app_window: Window) -> None:
    from tests.ui.test_checkout import APPROVE, SWIPE

    ctx, window = app_window
    window.show_page(2)
    address = by_name(window, "device address")
    address.setText(SWIPE)
    qtbot.keyClick(address, Qt.Key.Key_Return)
    message = by_name(window, "devices message").text()
    assert "not a device address" in message and APPROVE not in message
    assert address.text() == ""
    assert not ctx.runtime.paths.settings_file.exists()
