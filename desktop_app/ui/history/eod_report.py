"""The end-of-day reconciliation on paper: the summary, then the four lists as tables.

An office printer's page (A4, or Letter when the desk prints on Letter), landscape, never the
80 mm receipt roll: seven columns do not fit on a roll. The IDs are set unbroken in a fixed
face (receipts' reason: a split or ligatured ID copies out as another one). Printed through
Qt's print dialog like a receipt (``receipts.print_with_dialog``).
"""

from __future__ import annotations

import html

from PySide6.QtGui import QFont, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from desktop_app.services.eod import EodResult
from desktop_app.settings import Settings
from desktop_app.ui.history.eod_lines import (
    COLUMNS,
    LISTS,
    Line,
    lines,
    summary,
    tr,
    translate,
)
from desktop_app.ui.receipts import page_layout, paginate, print_with_dialog

_ID = " style='white-space:nowrap; font-family:monospace'"


def _table(rows: list[Line]) -> str:
    if not rows:
        none = translate("EodResult", "None.")
        return f"<p>{html.escape(none)}</p>"
    head = "".join(f"<th align='left'>{html.escape(tr(str(c)))}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td{_ID if column < 2 else ''}>{html.escape(v)}</td>"
                                    for column, v in enumerate(line.cells()))
                   + "</tr>" for line in rows)
    return (f"<table width='100%' cellpadding='3' cellspacing='0' border='1'>"
            f"<tr>{head}</tr>{body}</table>")


def report_html(result: EodResult, clinic: str) -> str:
    by_list = lines(result)
    title = translate("EodResult", "End-of-day 835 reconciliation")
    parts = [f"<h2>{html.escape(clinic)}</h2>" if clinic else "",
             f"<h3>{html.escape(title)}</h3>",
             "".join(f"<p>{html.escape(t)}</p>" for t in summary(result).splitlines())]
    for key, _tab, heading in LISTS:
        parts.append(f"<h4>{html.escape(tr(str(heading)))}</h4>{_table(by_list[key])}")
    return "".join(parts)


def report_document(result: EodResult, settings: Settings) -> QTextDocument:
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(8.0)
    document.setDefaultFont(font)
    document.setHtml(report_html(result, settings.clinic_name or settings.receipt_header))
    return document


def report_printer(settings: Settings, document: QTextDocument) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    layout = page_layout("letter" if settings.receipt_paper == "letter" else "a4")
    layout.setOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageLayout(layout)
    paginate(document, printer)
    return printer


def open_report_print_dialog(parent: QWidget, settings: Settings, result: EodResult
                             ) -> QPrintDialog:
    document = report_document(result, settings)
    return print_with_dialog(parent, document, report_printer(settings, document))
