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

from desktop_app.services.history import HistoryEntry
from desktop_app.services.reports import local_day
from desktop_app.store.journal import PaymentRecord
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
            ("operator", QCoreApplication.translate("HistoryModel", "Operator")),
            # last: it takes the width left (the page stretches the last column)
            ("update", QCoreApplication.translate("HistoryModel", "Gateway update"))]


def tender_text(record: PaymentRecord) -> str:
    """Brand and last four only: the BIN adds nothing at the desk."""
    if record.last_four:
        return f"{record.card_brand} ****{record.last_four}".strip()
    return record.card_display or record.tender.replace("_", " ")


def local_time(record: PaymentRecord) -> str:
    return datetime.fromisoformat(record.created_at).astimezone().strftime("%m-%d %H:%M")


def cell(entry: HistoryEntry, key: str) -> str:
    """Amounts signed (a refund or void shows negative); the status is the entry's standing
    (a voided sale says voided); update: the newest webhook trigger (Settlement...)."""
    record = entry.payment
    amount = record.amount
    if amount is not None and entry.signed_amount is not None and entry.signed_amount.cents < 0:
        amount = -amount
    elif amount is None and entry.reverses:
        amount = entry.signed_amount  # a void names no amount: it is worth what it cancelled
    values = {
        "time": local_time(record),
        "patient": record.patient_id,
        "kind": word(record.kind),
        "tender": tender_text(record),
        "amount": str(amount) if amount is not None else "",
        "approved": str(entry.signed_amount) if entry.signed_amount is not None else "",
        "status": word(entry.standing.value),
        "update": entry.latest_update,
        "auth": record.auth_code,
        "operator": record.os_user,
    }
    return values[key]


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []
        self.columns = _columns()

    @property
    def records(self) -> list[PaymentRecord]:
        return [e.payment for e in self.entries]

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.columns = _columns()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell(entry, self.columns[index.column()][0])
        if role == Qt.ItemDataRole.UserRole:
            return entry.payment.reference
        if role == Qt.ItemDataRole.ToolTipRole:  # who, where: the journal records both
            r = entry.payment
            return QCoreApplication.translate("HistoryModel", "{0} on {1}, ref {2}").format(
                r.os_user, r.workstation, r.reference)
        if (role == Qt.ItemDataRole.TextAlignmentRole
                and self.columns[index.column()][0] in ("amount", "approved")):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None


class HistoryFilter(QSortFilterProxyModel):
    """Free text matches patient, last four, amount, auth code or reference; plus the standing
    (a voided sale is found under voided, not approved) and the day."""

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
        entry = model.entries[row]
        r = entry.payment
        if self.status and entry.standing.value != self.status:
            return False
        if self.day is not None and local_day(r) != self.day:
            return False
        if not self.text:
            return True
        haystack = " ".join((r.patient_id, r.last_four, r.auth_code, r.reference,
                             r.transaction_id, r.amount.wire() if r.amount else "",
                             str(r.amount or ""))).lower()
        return self.text in haystack
