"""History's last channel: a payment the gateway never answered for is settled by a person
from what the gateway's portal shows, and the desk can take payments again."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.store import JournalState
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, top_level, wait_until

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


async def answer(button_name: str) -> None:
    box = await wait_until(lambda: top_level("portal verdict dialog"), what="verdict dialog")
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.accessibleName() == button_name).click()


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
    await answer("portal charged" if charged else "portal not charged")
    if charged:
        dialog = await wait_until(lambda: top_level("transaction id dialog"), what="txn ID")
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("T77Q1")
        dialog.done(QDialog.DialogCode.Accepted)
    # History refreshes once the journal has the verdict: then nothing is left to settle
    await wait_until(lambda: not settle.isEnabled(), what="nothing left to settle")
    row = await ctx.runtime.journal.get(reference)
    assert row is not None
    assert row.state is (JournalState.APPROVED if charged else JournalState.ERROR)
    assert (row.transaction_id == "T77Q1") is charged
    await ctx.runtime.payments.require_terminal_clear()  # the desk takes payments again


async def test_cancelling_the_portal_question_records_nothing(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    reference, _settle = await ask_to_settle(qtbot, window, ctx, "MRN-H2")
    box = await wait_until(lambda: top_level("portal verdict dialog"), what="verdict dialog")
    box.reject()
    await wait_until(lambda: top_level("portal verdict dialog") is None, what="closed")
    row = await ctx.runtime.journal.get(reference)
    assert row is not None and row.state is JournalState.UNKNOWN
