"""History's last channel: a payment the gateway never answered for is settled by a person
from what the gateway's portal shows, and the desk can take payments again."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.store import JournalState
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.settle_dialog import SettleDialog
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, top_level, wait_until
from tests.ui.test_checkout import keyed_sale

Window = tuple[AppContext, MainWindow]


async def stuck_sale(ctx: AppContext, patient: str) -> str:
    """A sale whose answer was lost and that no look-up has settled yet."""
    request = PaymentRequest(TransactionKind.SALE, amount=Money.parse("42.00"),
                             tender=demo_card_tender(), patient_id=patient)
    journal = ctx.runtime.journal
    await journal.record_intent(request, terminal_id=ctx.settings.terminal_id, protocol="nvp")
    await journal.mark_sent(request.reference)
    await journal.mark_unknown(request.reference, "the reply could be read two ways")
    ctx.journal_changed.emit()
    return request.reference


async def settle_dialog() -> SettleDialog:
    dialog = await wait_until(lambda: top_level("settle dialog"), what="settle dialog")
    assert isinstance(dialog, SettleDialog)
    return dialog


async def ask_to_settle(qtbot: Any, window: MainWindow, ctx: AppContext, patient: str
                        ) -> tuple[str, Any]:
    """An unknown sale, selected in History, with Settle from portal… pressed."""
    reference = await stuck_sale(ctx, patient)
    window.show_page(1)
    page = window.history
    await wait_until(lambda: page.proxy.rowCount() == 1, what="the unknown row")
    page.table.selectRow(0)
    settle = by_name(window, "settle by hand")
    await wait_until(settle.isEnabled, what="settle enabled for an unknown payment")
    assert not by_name(window, "void").isEnabled()
    click(qtbot, settle)
    return reference, settle


@pytest.mark.parametrize("charged", [True, False])
async def test_an_unknown_payment_is_settled_from_the_portal_and_the_desk_goes_on(
        qtbot: Any, app_window: Window, charged: bool) -> None:
    ctx, window = app_window
    reference, settle = await ask_to_settle(qtbot, window, ctx, "MRN-H1")
    dialog = await settle_dialog()
    assert reference in dialog.findChild(QLabel).text()  # what is known, said plainly
    assert not dialog.record_button.isEnabled()  # nothing chosen: nothing to record
    if charged:
        qtbot.keyClick(dialog.charged, Qt.Key.Key_Space)  # keyboard only
        assert dialog.charged.isChecked() and not dialog.record_button.isEnabled()
        qtbot.keyClicks(dialog.transaction_id, "T77Q1")
        dialog.amount.setText("40.00")  # the portal shows a partial charge
    else:
        qtbot.keyClick(dialog.not_charged, Qt.Key.Key_Space)
        assert not dialog.transaction_id.isEnabled()
    assert dialog.record_button.isEnabled()
    qtbot.keyClick(dialog.record_button, Qt.Key.Key_Space)
    # History refreshes once the journal has the verdict: then nothing is left to settle
    await wait_until(lambda: not settle.isEnabled(), what="nothing left to settle")
    row = await ctx.runtime.journal.get(reference)
    assert row is not None
    assert row.state is (JournalState.PARTIALLY_APPROVED if charged else JournalState.ERROR)
    assert (row.transaction_id == "T77Q1") is charged
    assert (row.approved == Money.parse("40.00")) is charged
    audit = [a for a in await ctx.runtime.journal.audit_rows()
             if a["event"] == "payment.settled_by_hand"]
    assert len(audit) == 1 and audit[0]["os_user"]
    await ctx.runtime.payments.require_terminal_clear(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse("42.00"), tender=demo_card_tender(),
        patient_id="MRN-H1"))  # the same patient may be charged again now


async def test_a_bad_amount_is_said_in_the_dialog_and_nothing_is_recorded(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    reference, _settle = await ask_to_settle(qtbot, window, ctx, "MRN-H3")
    dialog = await settle_dialog()
    dialog.charged.setChecked(True)
    dialog.transaction_id.setText("T1")
    dialog.amount.setText("forty")
    click(qtbot, dialog.record_button)
    assert dialog.isVisible() and "42.00" in dialog.problem.text()
    dialog.reject()
    row = await ctx.runtime.journal.get(reference)
    assert row is not None and row.state is JournalState.UNKNOWN


async def test_cancelling_the_portal_question_records_nothing(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    reference, _settle = await ask_to_settle(qtbot, window, ctx, "MRN-H2")
    dialog = await settle_dialog()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    await wait_until(lambda: top_level("settle dialog") is None, what="closed")
    row = await ctx.runtime.journal.get(reference)
    assert row is not None and row.state is JournalState.UNKNOWN


async def test_the_desk_keeps_working_but_cannot_charge_the_unknowns_patient_again(
        qtbot: Any, app_window: Window) -> None:
    """No look-up exists, so an unknown may wait hours: another patient is charged at once;
    the unknown's own patient is told why not, and what to do."""
    ctx, window = app_window
    await stuck_sale(ctx, "MRN-H4")
    keyed_sale(qtbot, window, "MRN-H4", "10.00")
    await wait_until(lambda: "may already have been charged" in ctx.presenter.last_message,
                     what="the repeat refused")
    assert "Settle from portal" in ctx.presenter.last_message
    assert len(await ctx.runtime.journal.history()) == 1  # nothing was sent for it
    other = await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse("42.00"), tender=demo_card_tender(),
        patient_id="MRN-H5"))
    assert other.status.is_success  # the same copay for another patient goes through
