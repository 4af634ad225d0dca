"""History: void and simple refund from a row, with confirmation; totals; CSV; receipt."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.store import JournalState
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, sandbox_of, save_as, top_level, wait_until

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


def totals_text(window: MainWindow) -> str:
    """The end-of-day table as lines "card approved: 1 = $35.00", then the Net line."""
    table = by_name(window, "end of day totals")
    lines = []
    for row in range(table.rowCount()):
        cells = [table.item(row, c).text() if table.item(row, c) else "" for c in range(4)]
        lines.append(f"{cells[0]} {cells[1]}: {cells[2]} = {cells[3]}")
    return "\n".join([*lines, by_name(window, "end of day net").text()])


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
    await wait_until(lambda: "refund by ID" in totals_text(window), what="totals refreshed")
    assert "Net $40.00" in totals_text(window)


async def test_csv_export_and_receipt_hold_only_the_masked_card(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    await sale(ctx, "12.34", "MRN-C1")
    await select_sale(window, "MRN-C1")
    click(qtbot, by_name(window, "export csv"))
    csv_file = ctx.runtime.paths.data_dir / "day.csv"
    await save_as(csv_file)
    text = csv_file.read_text()
    assert "MRN-C1" in text and "1111" in text and "12.34" in text
    assert "4111111111111111" not in text
    click(qtbot, by_name(window, "reprint receipt"))
    await save_as(ctx.runtime.paths.data_dir / "again.pdf")
    (pdf,) = ctx.runtime.paths.data_dir.glob("*.pdf")
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
    await store.save(parse_json(json.dumps({"TransactionID": txn, "TransactionAction": "Sale",
                                            "CurrentTransactionStatusCode": "CB",
                                            "Amount": "44.00"}).encode()))
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
    await inject_fault(sandbox_of(ctx), "delay", delay=3.0)
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
    # a name that leads nowhere: the write fails, as on a file a spreadsheet holds
    blocked = ctx.runtime.paths.data_dir / "payments.csv"
    blocked.symlink_to(ctx.runtime.paths.data_dir / "gone" / "payments.csv")
    click(qtbot, by_name(window, "export csv"))
    dialog = await wait_until(lambda: top_level("save dialog"), what="save dialog")
    dialog.findChild(QLineEdit, "fileNameEdit").setText(str(blocked))
    dialog.accept()
    await wait_until(lambda: "Could not write" in by_name(window, "payment detail").text(),
                     what="said")
    detail = by_name(window, "payment detail").text()
    assert "Could not write" in detail and str(blocked) in detail and "close it" in detail


async def void_sale(ctx: AppContext, txn: str) -> None:
    """As History's Void does it (for the sale's patient), from another desk say."""
    original = await ctx.runtime.journal.by_transaction_id(txn)
    assert original is not None
    outcome = await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.VOID, transaction_id=txn, patient_id=original.patient_id))
    assert outcome.status.is_success
    ctx.journal_changed.emit()


async def refund_sale(ctx: AppContext, txn: str, amount: str) -> None:
    original = await ctx.runtime.journal.by_transaction_id(txn)
    assert original is not None
    outcome = await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SIMPLE_REFUND, amount=Money.parse(amount), transaction_id=txn,
        patient_id=original.patient_id))
    assert outcome.status.is_success
    ctx.journal_changed.emit()


def row_of(window: MainWindow, txn_patient: str, kind: str = "sale") -> int:
    page = window.history
    for row in range(page.proxy.rowCount()):
        entry = page.model.entries[page.proxy.mapToSource(page.proxy.index(row, 0)).row()]
        if entry.payment.patient_id == txn_patient and entry.payment.kind == kind:
            return row
    raise AssertionError(f"no {kind} row for {txn_patient}")


def shown(window: MainWindow, row: int, key: str) -> str:
    page = window.history
    column = [k for k, _ in page.model.columns].index(key)
    return str(page.proxy.index(row, column).data())


async def test_a_voided_sale_counts_nothing_in_the_day_totals(app_window: Window) -> None:
    ctx, window = app_window
    await sale(ctx, "35.00", "MRN-T1")
    txn = await sale(ctx, "20.00", "MRN-T2")
    await void_sale(ctx, txn)
    window.show_page(1)
    await wait_until(lambda: "void" in totals_text(window), what="totals with the void")
    text = totals_text(window)
    assert "card approved: 1 = $35.00" in text
    assert "card voided: 1 = $0.00" in text
    assert text.endswith("Net $35.00")
    table = by_name(window, "end of day totals")
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == [
        "Tender", "Status", "Count", "Total"]
    assert window.translations is not None
    try:
        window.translations.switch("es")
        await wait_until(lambda: "Neto" in totals_text(window), what="Spanish totals")
        assert "tarjeta anulado: 1 = $0.00" in totals_text(window)  # two cells: no agreement
        assert totals_text(window).endswith("Neto $35.00")
    finally:
        window.translations.switch("en")


async def test_a_voided_sale_says_voided_and_cannot_be_voided_or_refunded_again(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    txn = await sale(ctx, "20.00", "MRN-T3")
    await select_sale(window, "MRN-T3")  # void and refund enabled while it stands
    assert by_name(window, "refund").isEnabled()
    await void_sale(ctx, txn)
    page = window.history
    await wait_until(lambda: page.proxy.rowCount() == 2, what="void row shown")
    row = row_of(window, "MRN-T3")
    assert shown(window, row, "status") == "voided"
    page.table.selectRow(row)
    assert not by_name(window, "void").isEnabled()
    assert not by_name(window, "refund").isEnabled()
    assert "voided" in by_name(window, "payment detail").text()
    void_row = row_of(window, "MRN-T3", "void")
    assert shown(window, void_row, "approved") == "-$20.00"
    assert shown(window, void_row, "amount") == "-$20.00"
    page.table.selectRow(void_row)
    assert f"reverses txn {txn}" in by_name(window, "payment detail").text()
    assert not by_name(window, "void").isEnabled()
    # and its reprinted receipt says voided, with no signature line to sign
    from desktop_app.ui.receipts import receipt_html

    voided = next(e for e in page.model.entries if e.payment.transaction_id == txn)
    printed = receipt_html("Clinic", voided.payment, standing=voided.standing)
    assert "<b>voided</b>" in printed and "approved" not in printed and "X ___" not in printed


async def test_a_fully_refunded_sale_offers_no_refund_and_a_part_refund_offers_the_rest(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    whole = await sale(ctx, "15.00", "MRN-T4")
    part = await sale(ctx, "60.00", "MRN-T5")
    await refund_sale(ctx, whole, "15.00")
    await refund_sale(ctx, part, "20.00")
    page = window.history
    window.show_page(1)
    await wait_until(lambda: page.proxy.rowCount() == 4, what="four rows")
    row = row_of(window, "MRN-T4")
    assert shown(window, row, "status") == "refunded"
    page.table.selectRow(row)
    assert not by_name(window, "refund").isEnabled() and not by_name(window, "void").isEnabled()
    refund_row = row_of(window, "MRN-T4", "simple_refund")
    assert shown(window, refund_row, "approved") == "-$15.00"
    page.table.selectRow(row_of(window, "MRN-T5"))
    assert shown(window, row_of(window, "MRN-T5"), "status") == "partly refunded"
    assert by_name(window, "refund").isEnabled()
    click(qtbot, by_name(window, "refund"))
    dialog = await wait_until(lambda: top_level("amount dialog"), what="amount dialog")
    assert isinstance(dialog, QInputDialog) and dialog.textValue() == "40.00"  # what is left
    dialog.done(QDialog.DialogCode.Rejected)
    assert "Net $40.00" in totals_text(window)


async def test_the_day_csv_exports_reversals_negative_naming_the_sale(
        qtbot: Any, app_window: Window) -> None:
    import csv

    ctx, window = app_window
    voided = await sale(ctx, "20.00", "MRN-T6")
    refunded = await sale(ctx, "50.00", "MRN-T7")
    await void_sale(ctx, voided)
    await refund_sale(ctx, refunded, "12.50")
    window.show_page(1)
    await wait_until(lambda: window.history.proxy.rowCount() == 4, what="four rows")
    click(qtbot, by_name(window, "export csv"))
    csv_file = ctx.runtime.paths.data_dir / "day.csv"
    await save_as(csv_file)
    with csv_file.open(encoding="utf-8") as f:
        rows = {r["kind"]: r for r in csv.DictReader(f) if r["kind"] != "sale"}
    sales = {e.payment.transaction_id: e.payment.reference for e in window.history.model.entries}
    assert (rows["void"]["amount"], rows["void"]["reverses"]) == ("-20.00", voided)
    assert rows["void"]["reverses_reference"] == sales[voided]
    assert (rows["refund by ID"]["amount"], rows["refund by ID"]["reverses"]) == (
        "-12.50", refunded)
    assert rows["refund by ID"]["reverses_reference"] == sales[refunded]
    assert (rows["void"]["operator"] and "+" in rows["void"]["time"]) or "-" in rows["void"][
        "time"][19:]  # local time with its offset


async def test_a_void_cancelled_while_the_gateway_works_is_followed_until_it_shows_voided(
        qtbot: Any, app_window: Window) -> None:
    """Cancel once the void has left: not known, so nothing is offered again; the one
    follower asks the gateway, which did void it, and History then says voided."""
    from tests.conftest import inject_fault

    ctx, window = app_window
    await sale(ctx, "26.00", "MRN-V7")
    await select_sale(window, "MRN-V7")
    await inject_fault(sandbox_of(ctx), "delay_after_charge", delay=3.0)
    messages: list[str] = []
    ctx.presenter.sink = messages.append
    click(qtbot, by_name(window, "void"))
    await answer_confirm(yes=True)
    dialog = await wait_until(lambda: top_level("progress dialog"), what="progress dialog")
    click(qtbot, dialog.findChild(QPushButton))  # its Cancel
    ops = window.history.ops
    await wait_until(lambda: ops.last_outcome is not None, what="void cancelled")
    assert ops.last_outcome is not None and ops.last_outcome.status.value == "unknown"
    assert any("not known yet" in m for m in messages)
    page = window.history
    await wait_until(lambda: page.proxy.rowCount() == 2, what="void row shown")
    row = row_of(window, "MRN-V7")
    page.table.selectRow(row)
    assert not by_name(window, "void").isEnabled()  # its void is being checked
    await wait_until(lambda: shown(window, row_of(window, "MRN-V7"), "status") == "voided",
                     timeout=20, what="followed to voided")
