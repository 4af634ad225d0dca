"""Check coverage from a History row, in the real window on the embedded sandbox's healthcare
service: the check Checkout journaled under the patient's ID fills the dialog, a patient never
checked gets empty fields and a hint; active, inactive, not found and payer down in English and
Spanish; Stop waiting and Escape; "Take payment" opens Checkout with the patient and the copay,
which staff can change. Keyboard only: Alt+O, type, Ctrl+E, Alt+P."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.coverage_dialog import CoverageDialog
from desktop_app.ui.main_window import MainWindow
from tests.conftest import inject_fault
from tests.ui.conftest import by_name, sandbox_of, wait_until
from tests.ui.test_eligibility_panel import CASES, WORDS

Window = tuple[AppContext, MainWindow]
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
HINTS = {"en": ("has not been checked here before", "Filled in from the last check"),
         "es": ("no se ha verificado aquí antes", "Rellenado con la última verificación")}


async def patient_row(qtbot: Any, ctx: AppContext, window: MainWindow, patient: str) -> None:
    """A sale for ``patient`` in History, its row selected, the cursor in the table."""
    await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse("10.00"), tender=demo_card_tender(),
        patient_id=patient))
    ctx.journal_changed.emit()
    window.show_page(1)
    page = window.history
    by_name(window, "history search").setText(patient)
    await wait_until(lambda: page.proxy.rowCount() == 1, what="row for " + patient)
    page.table.selectRow(0)
    window.activateWindow()  # back from a closed dialog, as the window manager does
    await wait_until(window.isActiveWindow, what="window active")
    page.table.setFocus()
    await wait_until(lambda: by_name(window, "check coverage").isEnabled(), what="enabled")


async def open_dialog(qtbot: Any, window: MainWindow) -> CoverageDialog:
    qtbot.keyClick(window.history.table, Qt.Key.Key_O, ALT)  # Check c&overage…
    dialog = await wait_until(lambda: window.history.coverage.dialog, what="coverage dialog")
    await wait_until(dialog.isActiveWindow, what="dialog shown and active")
    return dialog


async def ask(qtbot: Any, dialog: CoverageDialog) -> str:
    answer = by_name(dialog, "eligibility answer")
    answer.clear()
    qtbot.keyClick(by_name(dialog, "eligibility member"), Qt.Key.Key_E, CTRL)
    await wait_until(lambda: answer.text() and "…" not in answer.text(), timeout=20,
                     what="answer")
    return str(answer.text())


def type_patient(qtbot: Any, dialog: CoverageDialog, case: str) -> None:
    for name, text in zip(("eligibility member", "eligibility last name",
                           "eligibility first name", "eligibility birth date"), CASES[case],
                          strict=True):
        field = by_name(dialog, name)
        field.clear()
        field.setFocus()
        qtbot.keyClicks(field, text)


async def test_checkouts_check_is_asked_again_from_history_and_the_copay_taken(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    form = window.checkout.form
    qtbot.keyClicks(form.patient, "MRN-30001")
    qtbot.keyClick(form.patient, Qt.Key.Key_E, CTRL)  # Checkout's panel, as staff use it
    panel = window.checkout.eligibility
    await wait_until(panel.isChecked, what="panel open")
    for edit, text in zip((panel.member, panel.last, panel.first, panel.born), CASES["active"],
                          strict=True):
        edit.setFocus()
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(panel.born, Qt.Key.Key_E, CTRL)
    await wait_until(lambda: "active" in panel.answer.text(), timeout=20, what="checkout answer")
    first = await ctx.runtime.journal.eligibility.latest_for("MRN-30001")
    assert first is not None and first.patient_id == "MRN-30001"

    await patient_row(qtbot, ctx, window, "MRN-30001")
    dialog = await open_dialog(qtbot, window)
    assert HINTS["en"][1] in by_name(dialog, "coverage hint").text()
    assert (dialog.panel.member.text(), dialog.panel.last.text(), dialog.panel.born.text()) == (
        "SBX100001", "DOE", "01/01/1980")
    assert not by_name(dialog, "take payment").isEnabled()
    qtbot.keyClick(dialog.panel.member, Qt.Key.Key_Return)  # Enter asks; it closes nothing
    answer = by_name(dialog, "eligibility answer")
    await wait_until(lambda: answer.text() and "…" not in answer.text(), timeout=20,
                     what="answer")
    assert "Copay today: $25.00" in answer.text()
    assert dialog.isVisible()
    again = await ctx.runtime.journal.eligibility.latest_for("MRN-30001")
    assert again is not None and again.reference != first.reference  # journaled, like Checkout
    take = by_name(dialog, "take payment")
    await wait_until(take.hasFocus, what="take payment focused")
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)  # Take &payment
    await wait_until(lambda: window.pages.currentWidget() is window.checkout, what="checkout")
    assert (form.patient.text(), form.amount.text()) == ("MRN-30001", "25.00")
    window.activateWindow()  # as the window manager does once the dialog is gone
    await wait_until(form.amount.hasFocus, what="the cursor in the amount")
    assert not form.amount.isReadOnly()
    qtbot.keyClicks(form.amount, "30.00")  # selected: typing replaces it
    assert form.amount.text() == "30.00"


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, app_window: Window) -> Iterator[str]:
    """The window in this language for the test, English again after it."""
    translations = app_window[1].translations
    assert translations is not None
    translations.switch(request.param)
    yield request.param
    translations.switch("en")


async def test_each_answer_from_history_in_the_desks_words(qtbot: Any, app_window: Window,
                                                           language: str) -> None:
    ctx, window = app_window
    for number, case in enumerate(CASES):
        patient = f"MRN-{language}-{number}"
        await patient_row(qtbot, ctx, window, patient)
        dialog = await open_dialog(qtbot, window)
        assert HINTS[language][0] in by_name(dialog, "coverage hint").text()
        assert dialog.panel.member.text() == "" and dialog.panel.payer.text() == "SBX01"
        type_patient(qtbot, dialog, case)
        assert WORDS[language][case] in await ask(qtbot, dialog), case
        assert by_name(dialog, "take payment").isEnabled() is (case == "active")
        row = await ctx.runtime.journal.eligibility.latest_for(patient)
        assert row is not None and row.coverage != ""
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        await wait_until(lambda: window.history.coverage.dialog is None, what="closed")
    assert window.pages.currentWidget() is window.history  # closing takes no payment


async def test_stop_waiting_and_escape_while_the_payer_is_slow(qtbot: Any,
                                                               app_window: Window) -> None:
    ctx, window = app_window
    await patient_row(qtbot, ctx, window, "MRN-30002")
    dialog = await open_dialog(qtbot, window)
    type_patient(qtbot, dialog, "active")
    await inject_fault(sandbox_of(ctx), "delay", delay=5.0)
    qtbot.keyClick(dialog.panel.born, Qt.Key.Key_E, CTRL)
    cancel = by_name(dialog, "cancel eligibility")
    await wait_until(cancel.isVisible, what="stop waiting shown")
    assert "Asking the payer" in dialog.panel.answer.text()
    qtbot.keyClick(cancel, Qt.Key.Key_Space)
    await wait_until(lambda: "Stopped waiting" in dialog.panel.answer.text(), what="stopped")
    assert not by_name(dialog, "take payment").isEnabled()
    assert "active" in await ask(qtbot, dialog)
    assert by_name(dialog, "take payment").isEnabled()
    await inject_fault(sandbox_of(ctx), "delay", delay=5.0)
    qtbot.keyClick(dialog.panel.born, Qt.Key.Key_E, CTRL)
    await wait_until(cancel.isVisible, what="asking again")
    assert not by_name(dialog, "take payment").isEnabled()  # the last answer no longer stands
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing stops waiting too
    await wait_until(lambda: window.history.coverage.dialog is None, what="closed")
    assert window.pages.currentWidget() is window.history


async def test_take_payment_never_replaces_a_payment_under_way(qtbot: Any,
                                                               app_window: Window) -> None:
    ctx, window = app_window
    said: list[str] = []
    ctx.presenter.sink = said.append
    form = window.checkout.form
    form.patient.setText("MRN-BUSY")
    form.amount.setText("40.00")
    window.checkout.busy = True  # as while a card is awaited
    try:
        window.history.take_payment.emit("MRN-30003", Money.parse("25.00"))
        await wait_until(lambda: said, what="said why")
        assert "under way" in said[-1]
        assert (form.patient.text(), form.amount.text()) == ("MRN-BUSY", "40.00")
    finally:
        window.checkout.busy = False
