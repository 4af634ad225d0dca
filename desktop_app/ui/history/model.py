"""The journal rows as a Qt table, and the filter staff type into."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop_app.store.journal import PaymentRecord
from desktop_app.ui.history.totals import local_day
from desktop_app.ui.history.words import word

Index = QModelIndex | QPersistentModelIndex


def _columns() -> list[tuple[str, str]]:
    return [("time", QCoreApplication.translate("HistoryModel", "Time")),
            ("patient", QCoreApplication.translate("HistoryModel", "Patient")),
            ("kind", QCoreApplication.translate("HistoryModel", "Type")),
            ("tender", QCoreApplication.translate("HistoryModel", "Tender")),
            ("amount", QCoreApplication.translate("HistoryModel", "Amount")),
            ("approved", QCoreApplication.translate("HistoryModel", "Approved")),
            ("status", QCoreApplication.translate("HistoryModel", "Status")),
            ("auth", QCoreApplication.translate("HistoryModel", "Auth")),
            # last: it takes the width left (the page stretches the last column)
            ("update", QCoreApplication.translate("HistoryModel", "Gateway update"))]


def tender_text(record: PaymentRecord) -> str:
    """Brand and last four only: the BIN adds nothing at the desk."""
    if record.last_four:
        return f"{record.card_brand} ****{record.last_four}".strip()
    return record.card_display or record.tender.replace("_", " ")


def local_time(record: PaymentRecord) -> str:
    return datetime.fromisoformat(record.created_at).astimezone().strftime("%m-%d %H:%M")


def cell(record: PaymentRecord, key: str, update: str = "") -> str:
    """``update``: the newest webhook trigger for this payment (Settlement, Chargeback...)."""
    values = {
        "time": local_time(record),
        "patient": record.patient_id,
        "kind": word(record.kind),
        "tender": tender_text(record),
        "amount": str(record.amount) if record.amount is not None else "",
        "approved": str(record.approved) if record.approved is not None else "",
        "status": word(record.state.value),
        "update": update,
        "auth": record.auth_code,
    }
    return values[key]


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[PaymentRecord] = []
        self.updates: dict[str, str] = {}
        self.columns = _columns()

    def set_records(self, records: list[PaymentRecord],
                    updates: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.updates = dict(updates or {})
        self.columns = _columns()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell(record, self.columns[index.column()][0],
                        self.updates.get(record.reference, ""))
        if role == Qt.ItemDataRole.UserRole:
            return record.reference
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None


class HistoryFilter(QSortFilterProxyModel):
    """Free text matches patient, last four, amount, auth code or reference; plus status/day."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status = ""
        self.day: date | None = None

    def set_criteria(self, text: str, status: str, day: date | None) -> None:
        self.text, self.status, self.day = text.strip().lower(), status, day
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, HistoryModel)
        r = model.records[row]
        if self.status and r.state.value != self.status:
            return False
        if self.day is not None and local_day(r) != self.day:
            return False
        if not self.text:
            return True
        haystack = " ".join((r.patient_id, r.last_four, r.auth_code, r.reference,
                             r.transaction_id, r.amount.wire() if r.amount else "",
                             str(r.amount or ""))).lower()
        return self.text in haystack
