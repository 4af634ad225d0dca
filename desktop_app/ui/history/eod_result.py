"""The end-of-day result: the summary first (agree or not, the totals, what the file
settled), then the lists, one tab each (Alt+M, F, J, O), and Export CSV (Alt+E) and Print
(Alt+P). Reading the result changes nothing; what the file settled was settled, audited,
before the dialog opened (``services/eod.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.services.eod import EodResult, write_csv
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.eod_lines import (
    COLUMNS,
    LISTS,
    Line,
    lines,
    summary,
    tr,
    translate,
)
from desktop_app.ui.history.eod_report import open_report_print_dialog
from desktop_app.ui.save_dialog import save_and_offer

_AMOUNTS = range(3, 6)  # journal, file, difference: right-aligned


def _table(name: str, rows: list[Line]) -> QTableWidget:
    table = QTableWidget(len(rows), len(COLUMNS))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels([tr(str(c)) for c in COLUMNS])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for row, line in enumerate(rows):
        for column, value in enumerate(line.cells()):
            item = QTableWidgetItem(value)
            if column in _AMOUNTS:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
    return table


class EodResultDialog(QDialog):
    def __init__(self, ctx: AppContext, result: EodResult, parent: QWidget | None = None,
                 file_name: str = "") -> None:
        super().__init__(parent)
        self.ctx, self.eod_result = ctx, result
        self.print_dialog: QPrintDialog | None = None
        self.setAccessibleName("end of day result")
        self.setWindowTitle(translate("EodResult", "End-of-day 835: {0}").format(
            file_name or result.day.isoformat()))
        self.summary = QLabel(summary(result))
        self.summary.setAccessibleName("end of day summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableWidget] = {}
        by_list = lines(result)
        for key, title, _heading in LISTS:
            self.tables[key] = _table(f"end of day {key}", by_list[key])
            self.tabs.addTab(self.tables[key], tr(str(title)).format(len(by_list[key])))
        # the list that needs looking at first: a discrepancy, else what matched
        first = next((i for i, (key, *_r) in enumerate(LISTS)
                      if key in ("file_only", "journal_only") and by_list[key]), 0)
        self.tabs.setCurrentIndex(first)
        self.status = QLabel()
        self.status.setAccessibleName("end of day status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton(translate("EodResult", "&Export CSV…"))
        self.export_button.setAccessibleName("export end of day csv")
        self.print_button = QPushButton(translate("EodResult", "&Print…"))
        self.print_button.setAccessibleName("print end of day")
        for button in (self.export_button, self.print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._export)
        self.print_button.clicked.connect(self._print)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.status)
        box.addWidget(buttons)
        self.resize(900, 520)

    @asyncSlot()
    async def _export(self) -> None:
        """The lists as the CLI's ``--csv`` writes them: no patient data."""
        await save_and_offer(
            self, self.ctx, title=translate("EodResult", "Export the reconciliation to CSV"),
            name=f"eod-835-{self.eod_result.day.isoformat()}.csv",
            file_filter=translate("EodResult", "CSV files (*.csv)"),
            fallback=self.ctx.runtime.paths.data_dir / "exports",
            write=lambda target: write_csv(target, self.eod_result), say=self.status.setText)

    def _print(self) -> None:
        self.print_dialog = open_report_print_dialog(self, self.ctx.settings, self.eod_result)
