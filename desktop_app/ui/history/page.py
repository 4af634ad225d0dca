"""History page: search, detail, void / simple refund with confirmation, totals, CSV."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QItemSelection
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
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.services.history import HistoryEntry, Standing, history_with_updates
from desktop_app.services.reports import day_entries, day_totals, write_csv
from desktop_app.ui.context import AppContext
from desktop_app.ui.errors import file_problem
from desktop_app.ui.history.actions import HistoryActions
from desktop_app.ui.history.model import HistoryFilter, HistoryModel, tender_text
from desktop_app.ui.history.words import journal_message, word
from desktop_app.ui.panel import Panel
from desktop_app.ui.receipts import open_print_dialog


def _button(name: str) -> QPushButton:
    b = QPushButton()
    b.setAccessibleName(name)
    return b


class HistoryPage(Panel):
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.model.columns) - 1,  # gateway update: mostly
                                    QHeaderView.ResizeMode.Stretch)  # empty, takes what is left
        self.table.verticalHeader().setVisible(False)
        self.detail = QLabel()
        self.detail.setAccessibleName("payment detail")
        self.detail.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setAccessibleName("end of day totals")
        self.totals.setWordWrap(True)
        self.void_button = _button("void")
        self.refund_button = _button("refund")
        self.receipt_button = _button("reprint receipt")
        self.print_button = _button("print to printer")
        self.export_button = _button("export csv")
        self.settle_button = _button("settle by hand")
        self.ops = HistoryActions(ctx, self, on_busy=self._update_buttons)
        self._build()
        self._connect()
        self.retranslate()

    def _build(self) -> None:
        filters = QHBoxLayout()
        for w in (self.search, self.status, self.only_day, self.day):
            filters.addWidget(w, 2 if w is self.search else 0)
        buttons = QHBoxLayout()
        for b in (self.void_button, self.refund_button, self.receipt_button,
                  self.print_button, self.settle_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(filters)
        box.addWidget(self.table, 3)
        box.addWidget(self.detail)
        box.addLayout(buttons)
        box.addWidget(self.totals)

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
        self.ctx.journal_changed.connect(self.refresh)

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
        self.receipt_button.setText(self.tr("Reprint receipt"))
        self.print_button.setText(self.tr("&Print…"))
        self.export_button.setText(self.tr("Export day to CSV"))
        self.settle_button.setText(self.tr("&Settle from portal…"))
        chosen = self.selected()
        self.model.set_entries(self.model.entries)
        if chosen is not None:
            self.select_reference(chosen.payment.reference)
        self._update_buttons()
        self._show_detail()
        self._show_totals()

    def selected_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def _filter(self) -> None:
        self.proxy.set_criteria(self.search.text(), self.status.currentData() or "",
                                self.selected_day() if self.only_day.isChecked() else None)

    @asyncSlot()
    async def refresh(self) -> None:
        rt = self.ctx.runtime
        entries = await history_with_updates(rt.journal, rt.updates, 1000)
        chosen = self.selected()
        self.model.set_entries(entries)
        self._filter()
        if chosen is not None:
            self.select_reference(chosen.payment.reference)
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
            self.detail.clear()
            return
        r = entry.payment
        text = self.tr("{0} {1} · {2} · {3} · auth {4} · txn {5} · ref {6}").format(
            word(r.kind), entry.signed_amount or r.amount or "", tender_text(r),
            word(entry.standing.value), r.auth_code or "-", r.transaction_id or "-",
            r.reference)
        if entry.reverses:
            text += " · " + self.tr("reverses txn {0}").format(entry.reverses)
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

    def _show_totals(self) -> None:
        totals = day_totals(self.model.entries, self.selected_day())
        # one translatable pattern per line: Spanish puts the status in brackets, so
        # "tarjeta (aprobado)" needs no gender agreement between the two words
        line = self.tr("{0} {1}: {2} = {3}")
        text = "  ·  ".join(line.format(word(t.tender), word(t.status), t.count, t.total)
                            for t in totals.lines)
        self.totals.setText(self.tr("End of day {0}: {1}   Net {2}").format(
            totals.day.isoformat(), text or self.tr("no payments"), totals.net))

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

    def _receipt(self) -> None:
        entry = self.selected()
        if entry is not None:
            try:
                path = self.ops.receipt(entry)
            except OSError as exc:
                self.detail.setText(file_problem(exc))
                return
            self.detail.setText(self.tr("Receipt saved: {0}").format(path))

    def _print(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.print_dialog = open_print_dialog(self, self.ctx.settings, entry.payment,
                                                  entry.standing)

    def _export(self) -> None:
        day = self.selected_day()
        rows = day_entries(self.model.entries, day)
        try:
            path = write_csv(rows, self.ctx.runtime.paths.data_dir / "exports" /
                             f"payments-{day.isoformat()}.csv")
        except OSError as exc:  # the day's CSV still open in a spreadsheet, say
            self.detail.setText(file_problem(exc))
            return
        self.detail.setText(self.tr("Exported {0} payments to {1}").format(len(rows), path))
