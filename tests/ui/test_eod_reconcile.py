"""History's "Reconcile 835…" with real widgets: the sandbox's own 835 for the day the desk
ran (``sandbox.eod_835.write_day``, as tests/edi/test_eod_e2e.py does), chosen in the open
dialog, read off the GUI thread, matched; the result dialog's lists, its CSV and its print
to PDF; a malformed file and a cancelled read change nothing."""

from __future__ import annotations

import csv
import getpass
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QLineEdit, QProgressBar, QPushButton, QTableWidget

from desktop_app.domain import Money, PaymentRequest, Tender, TransactionKind
from desktop_app.domain.card import CardData
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.sandbox.eod_835 import day_file, write_day
from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.store import JournalState
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.eod_result import EodResultDialog
from desktop_app.ui.main_window import MainWindow
from tests.conftest import gateway_for
from tests.ui.conftest import by_name, click, sandbox_of, save_as, top_level, wait_until

Window = tuple[AppContext, MainWindow]
TODAY = datetime.now(UTC).date()


async def sale(ctx: AppContext, amount: str, patient: str = "MRN-E1") -> str:
    outcome = await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse(amount), tender=demo_card_tender(),
        patient_id=patient))
    return outcome.transaction_id


async def void(ctx: AppContext, transaction_id: str) -> None:
    await ctx.runtime.payments.process(PaymentRequest(TransactionKind.VOID,
                                                      transaction_id=transaction_id))


def posted(entry_id: str, cents: int, reference: str) -> LedgerEntry:
    """A payment the gateway settled that our sandbox did not take (another channel)."""
    return LedgerEntry("acct", entry_id, "sale", "CreditCard", "Sale", Money(cents),
                       Money(cents), "000", datetime.now(UTC), {"auth_code": "A1"},
                       {"additional_info_1": reference})


def the_day(ctx: AppContext, folder: Path, *, skip: set[str] = frozenset(),  # type: ignore[assignment]
            extra: tuple[LedgerEntry, ...] = ()) -> Path:
    entries = [e for e in sandbox_of(ctx).ledger if e.transaction_id not in skip]
    return write_day([*entries, *extra], TODAY, folder, account="clinic01",
                     merchant_id=ctx.runtime.gateway.config.merchant_id,
                     payee=("SANDBOX CLINIC", "1234567893"))


async def choose(qtbot: Any, window: MainWindow, path: Path) -> None:
    """History, the button, the file typed in the open dialog, as staff would."""
    window.show_page(1)
    click(qtbot, by_name(window, "reconcile 835"))
    dialog = await wait_until(lambda: top_level("open 835 dialog"), what="open dialog")
    assert isinstance(dialog, QFileDialog)
    dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
    dialog.accept()


async def reconciled(qtbot: Any, window: MainWindow, path: Path) -> EodResultDialog:
    await choose(qtbot, window, path)
    dialog = await wait_until(lambda: top_level("end of day result"), timeout=60,
                              what="result dialog")
    assert isinstance(dialog, EodResultDialog)
    return dialog


def rows(dialog: EodResultDialog, key: str) -> list[list[str]]:
    table = dialog.tables[key]
    assert isinstance(table, QTableWidget)
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


async def test_a_clean_day_has_no_discrepancies_and_exports_and_prints(
        qtbot: Any, app_window: Window, tmp_path: Path) -> None:
    ctx, window = app_window
    kept = await sale(ctx, "25.00")
    await void(ctx, await sale(ctx, "40.00"))
    dialog = await reconciled(qtbot, window, the_day(ctx, tmp_path / "in"))
    assert "No discrepancies" in dialog.summary.text()
    assert "Total in the file $25.00, in the journal $25.00, difference $0.00" in \
        dialog.summary.text()
    (matched,) = rows(dialog, "matched")
    assert matched[1:] == [kept, "MRN-E1", "$25.00", "$25.00", "$0.00", "sale"]
    (voided,) = rows(dialog, "voided")
    assert (voided[3], voided[5], voided[6]) == ("$40.00", "", "sale")
    assert rows(dialog, "file_only") == rows(dialog, "journal_only") == []

    click(qtbot, dialog.export_button)
    await save_as(tmp_path / "eod.csv")
    with (tmp_path / "eod.csv").open(newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert [(r["list"], r["transaction_id"], r["file_amount"]) for r in exported] == [
        ("matched", kept, "25.00"), ("voided", exported[1]["transaction_id"], "")]
    assert "MRN-E1" not in (tmp_path / "eod.csv").read_text()  # no patient data in a CSV

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the printout back")
    click(qtbot, dialog.print_button)
    printing = await wait_until(lambda: dialog.print_dialog, what="print dialog")
    await wait_until(printing.isVisible, what="print dialog shown")
    # no printer on a test machine: Qt's dialog offers print to file, and its name is typed
    assert printing.printer().outputFormat() is QPrinter.OutputFormat.PdfFormat
    printing.findChild(QLineEdit, "filename").setText(str(tmp_path / "eod.pdf"))
    printing.accept()
    await wait_until(lambda: (tmp_path / "eod.pdf").exists()
                     and (tmp_path / "eod.pdf").stat().st_size > 0, what="PDF written")
    text = subprocess.run(["pdftotext", str(tmp_path / "eod.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert kept in text and "$25.00" in text and "No discrepancies" in text
    dialog.reject()


async def test_a_missing_and_an_extra_payment_are_listed_and_an_unknown_is_settled(
        qtbot: Any, app_window: Window, tmp_path: Path) -> None:
    ctx, window = app_window
    await sale(ctx, "25.00")
    missing = await sale(ctx, "12.00", "MRN-E2")
    outsider = gateway_for(sandbox_of(ctx).url)  # another desk: not in our journal
    try:
        await outsider.send(PaymentRequest(TransactionKind.SALE, amount=Money.parse("7.50"),
                                           tender=Tender.keyed(CardData("4111111111111111",
                                                                        12, 2030))))
    finally:
        await outsider.aclose()
    unknown = await unknown_sale(ctx, 1800)
    path = the_day(ctx, tmp_path / "in", skip={missing},
                   extra=(posted("TXN-UNKNOWN-1", 1800, unknown),))
    dialog = await reconciled(qtbot, window, path)
    text = dialog.summary.text()
    assert "2 discrepancies" in text and "1 payments whose result was unknown" in text
    (gone,) = rows(dialog, "journal_only")
    assert (gone[1], gone[2], gone[3], gone[4], gone[5]) == (missing, "MRN-E2", "$12.00", "",
                                                             "-$12.00")
    (extra,) = rows(dialog, "file_only")
    assert (extra[3], extra[4], extra[5]) == ("", "$7.50", "$7.50")
    assert dialog.tabs.currentWidget() is dialog.tables["file_only"]  # a problem first
    assert "TXN-UNKNOWN-1" in [r[1] for r in rows(dialog, "matched")]
    row = await ctx.runtime.journal.get(unknown)
    assert row is not None and row.state is JournalState.APPROVED
    audit = [a for a in await ctx.runtime.journal.audit_rows() if a["reference"] == unknown]
    assert [(a["event"], a["os_user"]) for a in audit if a["event"] == "reconcile.eod_835"] \
        == [("reconcile.eod_835", getpass.getuser())]
    dialog.reject()


async def unknown_sale(ctx: AppContext, cents: int) -> str:
    """A sale whose reply was lost: the journal says unknown, the gateway took it."""
    journal = ctx.runtime.journal
    request = PaymentRequest(TransactionKind.SALE, amount=Money(cents),
                             tender=Tender.keyed(CardData("4111111111111111", 12, 2030)))
    await journal.record_intent(request, terminal_id="009", protocol="nvp")
    await journal.mark_sent(request.reference)
    await journal.mark_unknown(request.reference, "no reply")
    return request.reference


async def test_a_malformed_file_is_refused_with_its_segment_and_changes_nothing(
        qtbot: Any, app_window: Window, tmp_path: Path) -> None:
    ctx, window = app_window
    unknown = await unknown_sale(ctx, 2500)
    good = the_day(ctx, tmp_path / "in", extra=(posted("TXN-U2", 2500, unknown),))
    bad = tmp_path / "bad.rep"
    bad.write_text(good.read_text().replace("BPR*H*25.00", "BPR*H*2X.00", 1))
    await choose(qtbot, window, bad)
    detail = by_name(window, "payment detail")
    await wait_until(lambda: "not a valid 835" in detail.text(), timeout=60, what="refusal")
    assert "BPR at segment" in detail.text() and "Nothing was changed" in detail.text()
    assert top_level("end of day result") is None
    row = await ctx.runtime.journal.get(unknown)
    assert row is not None and row.state is JournalState.UNKNOWN


async def test_cancel_stops_the_read_mid_file_and_changes_nothing(
        qtbot: Any, app_window: Window, tmp_path: Path) -> None:
    ctx, window = app_window
    unknown = await unknown_sale(ctx, 2500)
    many = [posted(f"TXN-{n:05d}", 100 + n, f"R{n}") for n in range(3000)]
    big = tmp_path / "big.rep"
    big.write_text(day_file([*many, posted("TXN-U3", 2500, unknown)], TODAY,
                            sender="INSTAMED", receiver="M", payee=("CLINIC", "1234567893")))
    await choose(qtbot, window, big)
    dialog = await wait_until(lambda: top_level("progress dialog"), timeout=30,
                              what="progress shown")
    bar = dialog.findChild(QProgressBar)
    await wait_until(lambda: bar.value() > 0, timeout=60, what="the bar moving")
    assert bar.maximum() > 3000 * 10  # counted in segments: the whole file's
    click(qtbot, dialog.findChild(QPushButton))  # its Cancel
    detail = by_name(window, "payment detail")
    await wait_until(lambda: "Stopped" in detail.text(), what="stopped")
    await wait_until(lambda: not any(t.name.startswith("eod-835-read")
                                     for t in threading.enumerate()),
                     what="the reading thread gone")
    assert top_level("end of day result") is None
    row = await ctx.runtime.journal.get(unknown)
    assert row is not None and row.state is JournalState.UNKNOWN


async def test_the_result_reads_in_spanish(qtbot: Any, app_window: Window,
                                           tmp_path: Path) -> None:
    ctx, window = app_window
    await sale(ctx, "25.00")
    assert window.translations is not None
    window.translations.switch("es")
    try:
        button = by_name(window, "reconcile 835")
        await wait_until(lambda: button.text() == "Conciliar 835…  Ctrl+Shift+R",
                         what="the button in Spanish")
        dialog = await reconciled(qtbot, window, the_day(ctx, tmp_path / "in"))
        assert "Sin diferencias: el archivo y el diario coinciden." in dialog.summary.text()
        assert dialog.tabs.tabText(0) == "&Coincidentes (1)"
        assert rows(dialog, "matched")[0][6] == "venta"
        assert dialog.tables["matched"].horizontalHeaderItem(5).text() == "Diferencia"
        dialog.reject()
    finally:
        window.translations.switch("en")
