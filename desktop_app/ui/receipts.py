"""Receipts through Qt print support: the same document printed or saved as PDF.

A card receipt carries what the networks ask for and nothing more: masked card, entry mode,
auth code, EMV tags (AID, application label, TVR/TSI) where the reader gave them (PCI DSS
3.4.1: the PAN is masked). Above them, the clinic's name, address and phone (Settings); the
time is the desk's local time with its zone; anything not taken in production says TEST in
large letters. A signature line only when the card's verification asks for one: a PIN (or no
cardholder verification at all) needs none. Paper: an 80 mm receipt roll, A4 or Letter.
"""

from __future__ import annotations

import errno
import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QTextDocument
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
# CVM codes (EMV Book 3, Annex C3: the low six bits of CVM Results' first byte) that the
# cardholder's signature completes: plaintext or enciphered offline PIN *and* signature, or
# signature alone. PIN only (01, 02, 04) and "no CVM required" (1F) need no signature.
_SIGNATURE_CVMS = {0x03, 0x05, 0x1E}
_NO_SIGNATURE_CVMS = {0x01, 0x02, 0x04, 0x1F}
_SIGNATURE_MODES = {"Swiped", "FallbackSwipe", "Keyed", "Chip"}
_SIGNED_FOR = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)
_CHECK_TENDERS = ("check_present", "check_not_present")
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
    QT_TRANSLATE_NOOP("Receipt", "Check"),
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
_LONG = {"Transaction ID", "Reference", "AID"}  # stacked under their label: never split
# IDs in a fixed-width face: a proportional font joins "ff" or "fi" of a hex ID into one
# ligature glyph, which reads (and copies out of the PDF) as another character.
_ID_STYLE = "white-space:nowrap; font-family:monospace"


@dataclass(frozen=True)
class ReceiptHeader:
    """Who issues the receipt, on what paper, and whether it is a test."""

    name: str
    address: str = ""
    phone: str = ""
    test: bool = False
    paper: str = "80mm"

    @classmethod
    def from_settings(cls, settings: Settings) -> ReceiptHeader:
        return cls(settings.clinic_name or settings.receipt_header, settings.clinic_address,
                   settings.clinic_phone, test=str(settings.environment) != "production",
                   paper=settings.receipt_paper)


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


def needs_signature(record: PaymentRecord, emv: dict[str, str],
                    standing: Standing | None = None) -> bool:
    """A card payment that stands, verified by signature (CVM results) or, with no CVM
    results, taken by swipe, key entry or chip. Never after a PIN; never for a check."""
    if (record.state not in _SIGNED_FOR or standing is Standing.VOIDED
            or record.tender in _CHECK_TENDERS):
        return False
    cvm = emv.get("cvm", "")
    if len(cvm) >= 2:
        try:
            code = int(cvm[:2], 16) & 0x3F
        except ValueError:
            code = -1
        if code in _SIGNATURE_CVMS:
            return True
        if code in _NO_SIGNATURE_CVMS:
            return False
    return record.entry_mode in _SIGNATURE_MODES


def local_time(record: PaymentRecord) -> str:
    """The desk's clock, with its zone: a receipt is read at the desk, not in UTC."""
    when = datetime.fromisoformat(record.created_at).astimezone()
    return when.strftime("%Y-%m-%d %H:%M ") + (when.tzname() or when.strftime("UTC%z"))


def receipt_rows(record: PaymentRecord, emv: dict[str, str] | None = None) -> list[tuple[str, str]]:
    emv = emv if emv is not None else emv_fields(record.emv_tags)
    rows = [("Date", local_time(record)),
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
    if record.last_four and record.tender not in _CHECK_TENDERS:
        rows.append(("Card", f"{record.card_brand} ************{record.last_four}".strip()))
    elif record.tender in _CHECK_TENDERS:
        rows.append(("Check", record.card_display or f"****{record.last_four}"))
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("Receipt", text)


def _cell(label: str, value: str) -> str:
    if label in _LONG:  # an ID on its own line, unbroken, under its label
        return (f"<tr><td colspan='2'>{html.escape(_tr(label))}</td></tr>"
                f"<tr><td colspan='2' style='{_ID_STYLE}'><b>{html.escape(value)}</b>"
                "</td></tr>")
    keep = " style='white-space:nowrap'" if len(value) <= 22 else ""  # a date, a card: whole
    return (f"<tr><td>{html.escape(_tr(label))}</td>"
            f"<td align='right'{keep}><b>{html.escape(value)}</b></td></tr>")


def receipt_html(header: ReceiptHeader | str, record: PaymentRecord,
                 emv: dict[str, str] | None = None, standing: Standing | None = None) -> str:
    """``standing``: what History knows of the payment now (voided, refunded): a reprinted
    voided sale must not say approved, nor ask for a signature."""
    head = header if isinstance(header, ReceiptHeader) else ReceiptHeader(header)
    emv = emv if emv is not None else emv_fields(record.emv_tags)
    status = standing.value if standing is not None else record.state.value
    words = {"Type": word(record.kind), "Status": word(status)}
    cells = "".join(_cell(k, words.get(k, v)) for k, v in receipt_rows(record, emv))
    clinic = "<br>".join(html.escape(line) for line in (head.address, head.phone) if line)
    if record.tender in _CHECK_TENDERS:
        title = QCoreApplication.translate("Receipt", "Check payment")
    elif record.last_four:
        title = QCoreApplication.translate("Receipt", "Card payment")
    else:
        title = QCoreApplication.translate("Receipt", "Payment")
    test = ""
    if head.test:
        mark = QCoreApplication.translate("Receipt", "TEST — NOT A REAL PAYMENT")
        test = f"<p style='text-align:center; font-size:large'><b>{html.escape(mark)}</b></p>"
    signature = ""
    if needs_signature(record, emv, standing):
        agree = QCoreApplication.translate(
            "Receipt", "I agree to pay the above amount according to the card issuer agreement.")
        signature = f"<p><br><br>X ______________________<br>{html.escape(agree)}</p>"
    copy = QCoreApplication.translate("Receipt", "Customer copy")
    return (f"{test}<h2 style='text-align:center'>{html.escape(head.name)}</h2>"
            f"<p style='text-align:center'>{clinic}</p>"
            f"<h3 style='text-align:center'>{html.escape(title)}</h3>"
            f"<table width='100%' cellpadding='2'>{cells}</table>{signature}"
            f"<p style='text-align:center'>{html.escape(copy)}</p>{test}")


_ROLL_MM, _ROLL_MARGIN_MM = 80.0, 4.0


def _document(settings: Settings, record: PaymentRecord,
              standing: Standing | None) -> QTextDocument:
    head = ReceiptHeader.from_settings(settings)
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(8.0 if head.paper == "80mm" else 10.0)
    document.setDefaultFont(font)
    document.setHtml(receipt_html(head, record, standing=standing))
    return document


def page_layout(paper: str, document: QTextDocument | None = None) -> QPageLayout:
    """80 mm: a receipt roll, as long as the receipt (``document``); else A4 or Letter."""
    if paper == "80mm":
        length = 120.0
        if document is not None:  # the receipt's own length: one page on a roll
            per_mm = _dpi() / 25.4
            document.setTextWidth((_ROLL_MM - 2 * _ROLL_MARGIN_MM) * per_mm)
            length = max(length, document.size().height() / per_mm + 2 * _ROLL_MARGIN_MM + 2)
        size = QPageSize(QSizeF(_ROLL_MM, length), QPageSize.Unit.Millimeter, "80 mm roll")
        margins = QMarginsF(*(_ROLL_MARGIN_MM,) * 4)
    else:
        size = QPageSize(QPageSize.PageSizeId.Letter if paper == "letter"
                         else QPageSize.PageSizeId.A4)
        margins = QMarginsF(20, 20, 20, 20)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins,
                       QPageLayout.Unit.Millimeter)


def _dpi() -> float:
    """The resolution QTextDocument lays text out at (Qt's default DPI: the screen's)."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def paginate(document: QTextDocument, printer: QPrinter) -> None:
    """A page size of its own, in the document's units: laid out for this paper, and printed
    without the page numbers Qt adds to an unpaginated document."""
    page = printer.pageRect(QPrinter.Unit.Inch)
    document.setPageSize(QSizeF(page.width() * _dpi(), page.height() * _dpi()))


def _printer(settings: Settings, document: QTextDocument) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if settings.receipt_printer:  # the desk's receipt printer, preselected in the dialog
        printer.setPrinterName(settings.receipt_printer)
    printer.setPageLayout(page_layout(settings.receipt_paper, document))
    paginate(document, printer)
    return printer


def open_print_dialog(parent: QWidget, settings: Settings, record: PaymentRecord,
                      standing: Standing | None = None) -> QPrintDialog:
    """Qt's print dialog, opened with ``open()``: no nested event loop under qasync."""
    document = _document(settings, record, standing)
    return print_with_dialog(parent, document, _printer(settings, document))


def print_with_dialog(parent: QWidget, document: QTextDocument, printer: QPrinter
                      ) -> QPrintDialog:
    """Any document (a receipt, the end-of-day report) through Qt's print dialog."""
    dialog = QPrintDialog(printer, parent)
    dialog.setAccessibleName("print dialog")

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:  # staff may have picked other paper
            paginate(document, printer)
            document.print_(printer)
        dialog.deleteLater()
    dialog.finished.connect(finished)
    QDialog.open(dialog)  # the base open(): window-modal, returns at once
    return dialog


def receipt_name(record: PaymentRecord) -> str:
    return f"receipt-{record.reference}.pdf"


def save_receipt_pdf(paths: AppPaths, settings: Settings, record: PaymentRecord,
                     target: Path | None = None, standing: Standing | None = None) -> Path:
    target = target or paths.data_dir / "receipts" / receipt_name(record)
    target.parent.mkdir(parents=True, exist_ok=True)
    document = _document(settings, record, standing)
    printer = _printer(settings, document)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    document.print_(printer)
    if not target.exists() or target.stat().st_size == 0:  # QPrinter fails without a word
        raise OSError(errno.EACCES, "the PDF could not be written", str(target))
    return target
