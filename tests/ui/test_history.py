"""History: void and simple refund from a row, with confirmation; totals; CSV; receipt."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.store import JournalState
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, top_level, wait_until

Window = tuple[AppContext, MainWindow]


async def sale(ctx: AppContext, amount: str, patient: str) -> str:
    outcome = await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse(amount), tender=demo_card_tender(),
        patient_id=patient))
    ctx.journal_changed.emit()
    return outcome.transaction_id


async def select_sale(window: MainWindow, patient: str) -> None:
    window.show_page(1)
    page = window.history
    search = by_name(window, "history search")
    search.setText(patient)
    await wait_until(lambda: page.proxy.rowCount() >= 1, what="row for " + patient)
    page.table.selectRow(0)
    await wait_until(lambda: by_name(window, "void").isEnabled(), what="void enabled")


async def answer_confirm(yes: bool) -> None:
    box = await wait_until(lambda: top_level("confirm dialog"), what="confirm dialog")
    assert isinstance(box, QMessageBox)
    button = next(b for b in box.buttons()
                  if b.accessibleName() == ("confirm yes" if yes else "confirm no"))
    button.click()


async def test_void_from_history_after_confirmation(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    txn = await sale(ctx, "30.00", "MRN-V1")
    await select_sale(window, "MRN-V1")
    click(qtbot, by_name(window, "void"))
    await answer_confirm(yes=True)
    await wait_until(lambda: window.history.ops.last_outcome is not None, what="void done")
    children = await ctx.runtime.journal.children(txn)
    assert [(c.kind, c.state) for c in children] == [("void", JournalState.APPROVED)]


async def test_declining_the_confirmation_voids_nothing(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    txn = await sale(ctx, "31.00", "MRN-V2")
    await select_sale(window, "MRN-V2")
    click(qtbot, by_name(window, "void"))
    await answer_confirm(yes=False)
    await wait_until(lambda: top_level("confirm dialog") is None, what="dialog closed")
    assert await ctx.runtime.journal.children(txn) == []


async def test_simple_refund_of_part_of_a_payment(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    txn = await sale(ctx, "60.00", "MRN-R1")
    await select_sale(window, "MRN-R1")
    click(qtbot, by_name(window, "refund"))
    dialog = await wait_until(lambda: top_level("amount dialog"), what="amount dialog")
    assert isinstance(dialog, QInputDialog) and dialog.textValue() == "60.00"
    dialog.setTextValue("20.00")
    dialog.done(QDialog.DialogCode.Accepted)
    await answer_confirm(yes=True)
    await wait_until(lambda: window.history.ops.last_outcome is not None, what="refund done")
    (refund,) = await ctx.runtime.journal.children(txn)
    assert refund.kind == "simple_refund" and refund.approved == Money.parse("20.00")
    totals = by_name(window, "end of day totals")
    await wait_until(lambda: "refund by ID" in totals.text(), what="totals refreshed")
    assert "Net $40.00" in totals.text()


async def test_csv_export_and_receipt_hold_only_the_masked_card(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    await sale(ctx, "12.34", "MRN-C1")
    await select_sale(window, "MRN-C1")
    click(qtbot, by_name(window, "export csv"))
    (csv_file,) = (ctx.runtime.paths.data_dir / "exports").glob("*.csv")
    text = csv_file.read_text()
    assert "MRN-C1" in text and "1111" in text and "12.34" in text
    click(qtbot, by_name(window, "reprint receipt"))
    (pdf,) = (ctx.runtime.paths.data_dir / "receipts").glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


async def test_reprint_shows_the_emv_fields_and_print_opens_a_dialog_without_blocking(
        qtbot: Any, app_window: tuple[AppContext, MainWindow]) -> None:
    from desktop_app.ui.receipts import receipt_rows

    ctx, window = app_window
    window.checkout.form.patient.setText("MRN-EMV")
    window.checkout.form.amount.setText("12.34")
    window.checkout.pay()                                   # chip card on the simulated pad
    await wait_until(lambda: window.checkout.stack.currentWidget() is window.checkout.result
                     and "Approved" in window.checkout.result.headline.text(), what="approved")
    (record,) = await ctx.runtime.journal.history()
    labels = dict(receipt_rows(record))
    assert labels["Entry mode"] == "Chip" and "AID" in labels and "TVR" in labels
    assert labels["Application"].isprintable()
    window.show_page(1)
    await wait_until(lambda: window.history.model.rowCount() == 1, what="history row")
    window.history.table.selectRow(0)
    click(qtbot, by_name(window, "print to printer"))
    dialog = window.history.print_dialog
    await wait_until(dialog.isVisible, what="print dialog")
    dialog.reject()


async def test_a_settlement_webhook_shows_against_its_payment(app_window: Window) -> None:
    import json

    from desktop_app.settings import webhook_store_target
    from desktop_app.webhooks.json import parse_json
    from desktop_app.webhooks.store import open_webhook_store

    ctx, window = app_window
    txn = await sale(ctx, "44.00", "MRN-W1")
    rt = ctx.runtime
    store = await open_webhook_store(webhook_store_target(rt.paths, rt.settings)).open()
    await store.save(parse_json(json.dumps({"eventID": "w1", "trigger": "Chargeback",
                                            "transactionID": txn, "amount": "44.00"}).encode()))
    await store.close()
    ctx.journal_changed.emit()
    await select_sale(window, "MRN-W1")
    page = window.history
    column = [key for key, _ in page.model.columns].index("update")
    await wait_until(lambda: page.proxy.index(0, column).data() == "Chargeback",
                     what="chargeback shown in history")


async def test_a_slow_void_shows_progress_greys_the_buttons_and_holds_the_window_open(
        qtbot: Any, app_window: Window) -> None:
    from tests.conftest import inject_fault

    ctx, window = app_window
    await sale(ctx, "18.00", "MRN-V9")
    await select_sale(window, "MRN-V9")
    await inject_fault(ctx.runtime.sandbox, "delay", delay=3.0)
    click(qtbot, by_name(window, "void"))
    await answer_confirm(yes=True)
    dialog = await wait_until(lambda: top_level("progress dialog"), what="progress dialog")
    assert "Voiding" in dialog.labelText()
    assert not by_name(window, "void").isEnabled()  # no second void while this one runs
    messages: list[str] = []
    ctx.presenter.sink = messages.append
    window.close()
    assert window.isVisible() and "being processed" in messages[-1]
    await wait_until(lambda: window.history.ops.last_outcome is not None, timeout=15,
                     what="void done")
    assert window.history.ops.last_outcome.status.is_success


async def test_an_export_that_cannot_be_written_says_what_to_do(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    await sale(ctx, "11.00", "MRN-X1")
    await select_sale(window, "MRN-X1")
    day = window.history.selected_day().isoformat()
    blocked = ctx.runtime.paths.data_dir / "exports" / f"payments-{day}.csv"
    blocked.mkdir(parents=True)  # stands in for a file locked by a spreadsheet
    click(qtbot, by_name(window, "export csv"))
    detail = by_name(window, "payment detail").text()
    assert "Could not write" in detail and str(blocked) in detail and "close it" in detail
