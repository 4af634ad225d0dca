"""The "Payment plan" dialog with real widgets on the embedded sandbox: opened from a
patient's History row and from checkout's partial-approval result, driven from the keyboard,
the schedule shown as it will be charged, the plan set up over SOAP and journaled."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.store.plans import PlanState
from desktop_app.ui.checkout.result_panel import ResultPanel
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.plans.dialog import PlanDialog
from tests.ui.conftest import by_name, click, top_level, wait_until

Window = tuple[AppContext, MainWindow]


async def saved_card_row(ctx: AppContext, window: MainWindow, patient: str) -> None:
    await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SAVE_ON_FILE, tender=demo_card_tender(), patient_id=patient))
    ctx.journal_changed.emit()
    window.show_page(1)
    by_name(window, "history search").setText(patient)
    page = window.history
    await wait_until(lambda: page.proxy.rowCount() >= 1, what="row for " + patient)
    page.table.selectRow(0)
    await wait_until(lambda: by_name(window, "payment plan").isEnabled(), what="plan enabled")


async def test_a_plan_from_history_set_up_from_the_keyboard(qtbot: Any,
                                                           app_window: Window) -> None:
    ctx, window = app_window
    await saved_card_row(ctx, window, "MRN-PLAN1")
    click(qtbot, by_name(window, "payment plan"))
    dialog = await wait_until(lambda: top_level("payment plan dialog"), what="plan dialog")
    assert isinstance(dialog, PlanDialog)
    assert by_name(dialog, "plan card").currentText() == "VISA ****1111"
    balance = by_name(dialog, "plan balance")
    balance.setFocus()
    qtbot.keyClicks(balance, "100.00")
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Number
    assert by_name(dialog, "plan payments").hasFocus()
    schedule = by_name(dialog, "plan schedule").text()
    assert "2 payments of 33.33 and a last one of 33.34" in schedule
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not set a plan up
    assert await ctx.runtime.journal.plans.all() == []
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Set &up plan
    message = by_name(dialog, "plan message")
    await wait_until(lambda: "Plan set up" in message.text(), what="plan set up")
    [plan] = await ctx.runtime.journal.plans.all()
    assert (plan.state, plan.terms.patient_id, plan.terms.total, plan.last) == (
        PlanState.CREATED, "MRN-PLAN1", Money(10000), Money(3334))
    assert not by_name(dialog, "set up plan").isEnabled()  # never twice from one dialog
    listed = by_name(dialog, "patient plans")
    assert listed.count() == 1 and "set up: 100.00 in 3 payments" in listed.item(0).text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    await wait_until(lambda: top_level("payment plan dialog") is None, what="dialog closed")


async def test_without_a_saved_card_the_dialog_says_so_and_sets_nothing_up(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    dialog = PlanDialog(ctx.runtime.plans, "MRN-NOCARD", [], Money(5000), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "no card saved on file" in by_name(dialog, "plan message").text()
    assert "No payment plan" in by_name(dialog, "patient plans").item(0).text()
    assert not by_name(dialog, "set up plan").isEnabled()
    by_name(dialog, "plan balance").setText("0.01")
    assert "too small" in by_name(dialog, "plan schedule").text()


async def test_checkout_offers_a_plan_for_the_balance_of_a_partial_approval(
        qtbot: Any) -> None:
    panel = ResultPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_payment("MRN-PART", "VISA ****1111")
    partial = Outcome(OutcomeStatus.PARTIALLY_APPROVED, reference="R", requested=Money(8010),
                      approved=Money(4005), transaction_id="T")
    panel.show_outcome(partial)
    button = by_name(panel, "plan balance")
    assert button.isVisible() and "balance" in button.text()
    with qtbot.waitSignal(panel.plan_balance, timeout=2000):
        click(qtbot, button)
    panel.show_outcome(Outcome(OutcomeStatus.APPROVED, reference="R2", requested=Money(100),
                               approved=Money(100)))
    assert not button.isVisible()
