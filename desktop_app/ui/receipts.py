"""Receipts through Qt print support: the same document printed or saved as PDF.

A card receipt carries what the networks ask for and nothing more: masked card, entry mode,
auth code, EMV tags (AID, application label, TVR/TSI) where the reader gave them, and a
signature line for card payments without PIN (PCI DSS 3.4.1: the PAN is masked).
"""

from __future__ import annotations

import errno
import html
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.paths import AppPaths
from desktop_app.services.history import Standing
from desktop_app.settings import Settings
from desktop_app.store import JournalState, PaymentRecord
from desktop_app.ui.history.words import word

_EMV_LABELS = (("app_label", "Application"), ("aid", "AID"), ("tvr", "TVR"), ("tsi", "TSI"),
               ("cvm", "CVM results"))
_EMV_TAGS = {"4F": "aid", "50": "app_label", "95": "tvr", "9B": "tsi", "9F34": "cvm"}


def emv_fields(tags: dict[str, str]) -> dict[str, str]:
    """Journal EMV tags (hex by tag) → receipt fields; the application label is ASCII."""
    fields: dict[str, str] = {}
    for tag, value in tags.items():
        key = _EMV_TAGS.get(tag.upper())
        if key is None or not value:
            continue
        if key == "app_label":
            try:
                value = bytes.fromhex(value).decode("ascii", errors="replace").strip()
            except ValueError:
                continue
        fields[key] = value.upper() if key != "app_label" else value
    return fields
_SIGNATURE_MODES = {"Swiped", "FallbackSwipe", "Keyed", "Chip"}
_SIGNED_FOR = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)
# The row labels, for lupdate: receipt_rows keeps them in English (its callers and tests key
# on them); receipt_html prints them in the app's language.
_LABELS = (
    QT_TRANSLATE_NOOP("Receipt", "Date"),
    QT_TRANSLATE_NOOP("Receipt", "Type"),
    QT_TRANSLATE_NOOP("Receipt", "Status"),
    QT_TRANSLATE_NOOP("Receipt", "Patient / account"),
    QT_TRANSLATE_NOOP("Receipt", "Amount"),
    QT_TRANSLATE_NOOP("Receipt", "Approved"),
    QT_TRANSLATE_NOOP("Receipt", "Balance due"),
    QT_TRANSLATE_NOOP("Receipt", "Card"),
    QT_TRANSLATE_NOOP("Receipt", "Tender"),
    QT_TRANSLATE_NOOP("Receipt", "Entry mode"),
    QT_TRANSLATE_NOOP("Receipt", "Auth code"),
    QT_TRANSLATE_NOOP("Receipt", "Transaction ID"),
    QT_TRANSLATE_NOOP("Receipt", "Reference"),
    QT_TRANSLATE_NOOP("Receipt", "Application"),
    QT_TRANSLATE_NOOP("Receipt", "AID"),
    QT_TRANSLATE_NOOP("Receipt", "TVR"),
    QT_TRANSLATE_NOOP("Receipt", "TSI"),
    QT_TRANSLATE_NOOP("Receipt", "CVM results"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Receipt", text)


def receipt_rows(record: PaymentRecord, emv: dict[str, str] | None = None) -> list[tuple[str, str]]:
    emv = emv if emv is not None else emv_fields(record.emv_tags)
    rows = [("Date", record.created_at[:16].replace("T", " ") + " UTC"),
            ("Type", record.kind.replace("_", " ").title()),
            ("Status", record.state.value.replace("_", " ").title())]
    if record.patient_id:
        rows.append(("Patient / account", record.patient_id))
    if record.amount is not None:
        rows.append(("Amount", str(record.amount)))
    if record.approved is not None and record.approved != record.amount:
        rows.append(("Approved", str(record.approved)))
        if record.balance_due:
            rows.append(("Balance due", str(record.balance_due)))
    if record.last_four:
        rows.append(("Card", f"{record.card_brand} ************{record.last_four}".strip()))
    elif record.card_display:
        rows.append(("Tender", record.card_display))
    for label, value in (("Entry mode", record.entry_mode), ("Auth code", record.auth_code),
                         ("Transaction ID", record.transaction_id),
                         ("Reference", record.reference)):
        if value:
            rows.append((label, value))
    for key, label in _EMV_LABELS:
        if emv and emv.get(key):
            rows.append((label, emv[key]))
    return rows


def receipt_html(header: str, record: PaymentRecord, emv: dict[str, str] | None = None,
                 standing: Standing | None = None) -> str:
    """``standing``: what History knows of the payment now (voided, refunded): a reprinted
    voided sale must not say approved, nor ask for a signature."""
    status = standing.value if standing is not None else record.state.value
    words = {"Type": word(record.kind), "Status": word(status)}
    cells = "".join(f"<tr><td>{html.escape(_tr(k))}</td>"
                    f"<td><b>{html.escape(words.get(k, v))}</b></td></tr>"
                    for k, v in receipt_rows(record, emv))
    signature = ""
    if (record.entry_mode in _SIGNATURE_MODES and record.state in _SIGNED_FOR
            and standing is not Standing.VOIDED):
        agree = QCoreApplication.translate(
            "Receipt", "I agree to pay the above amount according to the card issuer agreement.")
        signature = f"<p><br><br>X ________________________________<br>{html.escape(agree)}</p>"
    copy = QCoreApplication.translate("Receipt", "Customer copy")
    return (f"<h2 style='text-align:center'>{html.escape(header)}</h2>"
            f"<table width='100%' cellpadding='3'>{cells}</table>{signature}"
            f"<p style='text-align:center'>{html.escape(copy)}</p>")


def _document(settings: Settings, record: PaymentRecord,
              standing: Standing | None) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(receipt_html(settings.receipt_header, record, standing=standing))
    return document


def open_print_dialog(parent: QWidget, settings: Settings, record: PaymentRecord,
                      standing: Standing | None = None) -> QPrintDialog:
    """Qt's print dialog, opened with ``open()``: no nested event loop under qasync."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setAccessibleName("print dialog")
    document = _document(settings, record, standing)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            document.print_(printer)
        dialog.deleteLater()
    dialog.finished.connect(finished)
    QDialog.open(dialog)  # the base open(): window-modal, returns at once
    return dialog


def save_receipt_pdf(paths: AppPaths, settings: Settings, record: PaymentRecord,
                     target: Path | None = None, standing: Standing | None = None) -> Path:
    target = target or paths.data_dir / "receipts" / f"{record.reference}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5),
                                      QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12)))
    _document(settings, record, standing).print_(printer)
    if not target.exists() or target.stat().st_size == 0:  # QPrinter fails without a word
        raise OSError(errno.EACCES, "the PDF could not be written", str(target))
    return target
