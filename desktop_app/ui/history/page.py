"""History page: search, detail, void / simple refund with confirmation, totals, CSV.

The selection, the detail line and the buttons follow the filter: a row the filter hides is
never described or acted on, and with no row selected the buttons are off and the detail says
what to do. The export writes the rows the filter shows; the end-of-day totals are a small
table (tender, status, count, total) under the day's Net.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.services.history import HistoryEntry, Standing, history_with_updates
from desktop_app.services.reports import DayTotals, day_totals, write_csv
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.actions import HistoryActions
from desktop_app.ui.history.coverage_dialog import CoverageFromHistory
from desktop_app.ui.history.eod_reconcile import EodReconcile
from desktop_app.ui.history.model import HistoryFilter, HistoryModel, tender_text
from desktop_app.ui.history.words import journal_message, word
from desktop_app.ui.panel import Panel
from desktop_app.ui.plans.dialog import plan_for_patient
from desktop_app.ui.receipts import open_print_dialog, receipt_name, save_receipt_pdf
from desktop_app.ui.save_dialog import save_and_offer


def _button(name: str) -> QPushButton:
    b = QPushButton()
    b.setAccessibleName(name)
    return b


class HistoryPage(Panel):
    take_payment = Signal(str, object)  # patient ID, copay (Money | None): Checkout opens

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setAccessibleName("history search")
        self.status = QComboBox()
        self.status.setAccessibleName("status filter")
        self.only_day = QCheckBox()
        self.only_day.setAccessibleName("only this day")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setAccessibleName("history date")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.model = HistoryModel(self)
        self.proxy = HistoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("history table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Gatew…", never "way up"
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The columns follow the table's own width: it changes without the page being resized
        # (rows added bring the vertical scroll bar; a page laid out while hidden is only
        # sized when shown).
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setVisible(False)
        self.detail = QLabel()
        self.detail.setAccessibleName("payment detail")
        self.detail.setWordWrap(True)
        self.net = QLabel()
        self.net.setObjectName("totalsTitle")
        self.net.setAccessibleName("end of day net")
        self.net.setWordWrap(True)
        self.totals = QTableWidget(0, 4)
        self.totals.setAccessibleName("end of day totals")
        self.totals.verticalHeader().setVisible(False)
        self.totals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.totals.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.totals.horizontalHeader().setStretchLastSection(False)
        self.totals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.void_button = _button("void")
        self.plan_button = _button("payment plan")
        self.refund_button = _button("refund")
        self.receipt_button = _button("reprint receipt")
        self.print_button = _button("print to printer")
        self.export_button = _button("export csv")
        self.settle_button = _button("settle by hand")
        self.coverage_button = _button("check coverage")
        self.ops = HistoryActions(ctx, self, on_busy=self._update_buttons)
        self.coverage = CoverageFromHistory(ctx, self)  # issue 16: eligibility from a row
        self.eod = EodReconcile(ctx, self, self.detail.setText)  # the day's 835, Ctrl+Shift+R
        self._build()
        self._connect()
        self.retranslate()

    def _build(self) -> None:
        filters = QHBoxLayout()
        for w in (self.search, self.status, self.only_day, self.day):
            filters.addWidget(w, 2 if w is self.search else 0)
        buttons = QHBoxLayout()
        for b in (self.void_button, self.refund_button, self.receipt_button,
                  self.print_button, self.settle_button, self.plan_button,
                  self.coverage_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(filters)
        box.addWidget(self.table, 3)
        box.addWidget(self.detail)
        box.addLayout(buttons)
        side = QVBoxLayout()  # the Net above the export, beside the table: never wider
        side.addWidget(self.net)
        side.addStretch(1)
        side.addWidget(self.eod.button, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignRight)
        totals = QHBoxLayout()
        totals.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignTop)
        totals.addLayout(side, 1)
        box.addLayout(totals)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._filter)
        self.status.currentIndexChanged.connect(self._filter)
        self.only_day.toggled.connect(self._filter)
        self.day.dateChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.void_button.clicked.connect(self._void)
        self.refund_button.clicked.connect(self._refund)
        self.receipt_button.clicked.connect(self._receipt)
        self.print_button.clicked.connect(self._print)
        self.export_button.clicked.connect(self._export)
        self.settle_button.clicked.connect(self._settle_by_hand)
        self.plan_button.clicked.connect(self._plan)
        self.coverage_button.clicked.connect(self._coverage)
        self.ctx.journal_changed.connect(self.refresh)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def fit_columns(self) -> None:
        """Every column in view at 1024 px: each as wide as its contents, and when they do
        not all fit, the others (gateway update, auth code, operator, type, tender) give way,
        elided, never the patient, the time or an amount; the status last of all."""
        header, keys = self.table.horizontalHeader(), [k for k, _ in self.model.columns]
        wanted = [max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c))
                  for c in range(len(keys))]
        room = self.table.viewport().width()
        over = sum(wanted) - room
        for key in ("update", "auth", "operator", "kind", "tender", "status"):
            if over <= 0:
                break
            c = keys.index(key)
            give = min(over, max(0, wanted[c] - 60))
            wanted[c] -= give
            over -= give
        if over < 0:  # room to spare: the update column (mostly empty) takes it
            wanted[keys.index("update")] -= over
        for c, width in enumerate(wanted):
            header.resizeSection(c, width)

    def retranslate(self) -> None:
        self.title.setText(self.tr("History"))
        self.search.setPlaceholderText(self.tr("Search patient, last four, amount, auth code…"))
        self.only_day.setText(self.tr("Only on"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(self.tr("Any status"), "")
        for standing in Standing:
            self.status.addItem(word(standing.value), standing.value)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self.void_button.setText(self.tr("&Void…"))
        self.refund_button.setText(self.tr("&Refund…"))
        self.receipt_button.setText(self.tr("Reprint (PDF)…"))
        self.print_button.setText(self.tr("&Print…"))
        self.export_button.setText(self.tr("&Export the rows shown (CSV)…"))
        self.settle_button.setText(self.tr("&Settle from portal…"))
        self.plan_button.setText(self.tr("Payment p&lan…"))
        self.coverage_button.setText(self.tr("Check c&overage…"))
        self.eod.retranslate()
        chosen = self.selected()
        self.model.set_entries(self.model.entries)
        self.fit_columns()
        if chosen is not None:
            self.select_reference(chosen.payment.reference)
        self._update_buttons()
        self._show_detail()
        self._show_totals()

    def selected_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def _filter(self) -> None:
        """A row the filter hides is not selected any more: nothing describes it or acts on
        it. The totals follow the chosen day."""
        self.proxy.set_criteria(self.search.text(), self.status.currentData() or "",
                                self.selected_day() if self.only_day.isChecked() else None)
        self.fit_columns()
        if not self.table.selectionModel().selectedRows():
            self.table.clearSelection()
        self._update_buttons()
        self._show_detail()
        self._show_totals()

    def shown_entries(self) -> list[HistoryEntry]:
        """The rows the filter shows, in their order on screen."""
        return [self.model.entries[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
                for row in range(self.proxy.rowCount())]

    @asyncSlot()
    async def refresh(self) -> None:
        rt = self.ctx.runtime
        entries = await history_with_updates(rt.journal, rt.updates, 1000)
        chosen = self.selected()
        self.model.set_entries(entries)
        self._filter()
        if chosen is not None:
            self.select_reference(chosen.payment.reference)
        self.fit_columns()
        self._update_buttons()  # the row's standing may have changed (voided, settled)
        self._show_detail()
        self._show_totals()

    def select_reference(self, reference: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(256) == reference:  # Qt.UserRole
                self.table.selectRow(row)
                return

    def selected(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.entries[source.row()]

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.selected()
        if entry is None:
            self.detail.setText(self.tr("Select a payment to see it, reprint, void or refund "
                                        "it.") if self.proxy.rowCount() else
                                self.tr("No payment matches the search."))
            return
        r = entry.payment
        text = self.tr("{0} {1} · {2} · {3} · auth {4} · txn {5} · ref {6}").format(
            word(r.kind), entry.signed_amount or r.amount or "", tender_text(r),
            word(entry.standing.value), r.auth_code or "-", r.transaction_id or "-",
            r.reference)
        if entry.reverses:
            text += " · " + self.tr("reverses txn {0}").format(entry.reverses)
        text += " · " + self.tr("by {0} on {1}").format(r.os_user, r.workstation)
        self.detail.setText(f"{text}\n{journal_message(r.message)}".strip())

    def _update_buttons(self) -> None:
        """The entry says what can still be done with it (services/history.py)."""
        entry = self.selected()
        free = entry is not None and not self.ops.busy
        self.void_button.setEnabled(free and entry is not None and entry.can_void)
        self.refund_button.setEnabled(free and entry is not None and entry.can_refund)
        self.receipt_button.setEnabled(entry is not None)
        self.print_button.setEnabled(entry is not None)
        self.settle_button.setEnabled(free and entry is not None and entry.can_settle_by_hand)
        self.plan_button.setEnabled(entry is not None and bool(entry.payment.patient_id))
        self.coverage_button.setEnabled(entry is not None and bool(entry.payment.patient_id))

    def _show_totals(self) -> None:
        totals = day_totals(self.model.entries, self.selected_day())
        self.net.setText(self.tr("End of day {0}: Net {1}").format(
            totals.day.isoformat(), totals.net))
        self._totals_table(totals)

    def _totals_table(self, totals: DayTotals) -> None:
        t = self.totals
        t.setHorizontalHeaderLabels([self.tr("Tender"), self.tr("Status"), self.tr("Count"),
                                     self.tr("Total")])
        lines = [(word(x.tender), word(x.status), str(x.count), str(x.total))
                 for x in totals.lines] or [(self.tr("no payments"), "", "", "")]
        t.setRowCount(len(lines))
        for row, values in enumerate(lines):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(row, column, item)
        t.resizeColumnsToContents()
        shown = min(len(lines), 5)  # at most five lines tall; more scroll
        height = t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(shown))
        t.setFixedHeight(height + 2 * t.frameWidth())
        scroll = t.verticalScrollBar().sizeHint().width() if len(lines) > shown else 0
        t.setFixedWidth(t.horizontalHeader().length() + 2 * t.frameWidth() + scroll)

    @asyncSlot()
    async def _void(self) -> None:
        entry = self.selected()
        if entry is not None and entry.can_void:
            await self.ops.void(entry)

    @asyncSlot()
    async def _refund(self) -> None:
        entry = self.selected()
        if entry is not None and entry.can_refund:
            await self.ops.simple_refund(entry)

    @asyncSlot()
    async def _settle_by_hand(self) -> None:
        entry = self.selected()
        if entry is not None and entry.can_settle_by_hand:
            await self.ops.settle_by_hand(entry)

    @asyncSlot()
    async def _plan(self) -> None:
        """A payment plan for this row's patient; its balance due, if any, as the amount."""
        entry = self.selected()
        if entry is not None and entry.payment.patient_id:
            await plan_for_patient(self.ctx.runtime.plans, entry.payment.patient_id,
                                   entry.payment.balance_due, self)

    @asyncSlot()
    async def _coverage(self) -> None:
        """The row's patient's coverage, asked again (ui/history/coverage_dialog.py)."""
        entry = self.selected()
        if entry is not None and entry.payment.patient_id:
            take, copay = await self.coverage.ask(entry.payment.patient_id)
            if take:
                self.take_payment.emit(entry.payment.patient_id, copay)

    @asyncSlot()
    async def _receipt(self) -> None:
        entry = self.selected()
        if entry is None:
            self._show_detail()  # says to select one: never silently nothing
            return
        paths, settings = self.ctx.runtime.paths, self.ctx.settings
        await save_and_offer(
            self, self.ctx, title=self.tr("Save the receipt"), name=receipt_name(entry.payment),
            file_filter=self.tr("PDF files (*.pdf)"), fallback=paths.data_dir / "receipts",
            write=lambda target: save_receipt_pdf(paths, settings, entry.payment, target,
                                                  entry.standing),
            say=self.detail.setText)

    def _print(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.print_dialog = open_print_dialog(self, self.ctx.settings, entry.payment,
                                                  entry.standing)

    @asyncSlot()
    async def _export(self) -> None:
        """The rows the filter shows, as a bookkeeper reads them (services/reports.py)."""
        rows = self.shown_entries()
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
        everything = self.model.entries
        path = await save_and_offer(
            self, self.ctx, title=self.tr("Export to CSV"), name=f"payments-{stamp}.csv",
            file_filter=self.tr("CSV files (*.csv)"),
            fallback=self.ctx.runtime.paths.data_dir / "exports",
            write=lambda target: write_csv(rows, target, words=word, everything=everything),
            say=self.detail.setText)
        if path is not None:
            self.detail.setText(self.tr("Exported {0} payments to {1}").format(len(rows), path))
