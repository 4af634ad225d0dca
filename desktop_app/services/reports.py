"""End-of-day totals and the day's CSV export, from the history entries. Qt-free.

The money rules come from ``HistoryEntry`` (services/history.py), so the screen's totals, the
CSV and any later report agree: a voided sale counts nothing, a refund counts negative, a void
adds nothing to Net (the sale it voided already stopped counting). The CSV's amounts are signed
(refunds and voids negative), each reversal names the transaction it reverses and our
reference of that payment, times are the desk's local time with the offset, kinds and
statuses are in words, and its ``net`` column adds up to the Net on the screen.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.domain import Money
from desktop_app.domain import TransactionKind as K
from desktop_app.services.history import HistoryEntry, Standing
from desktop_app.store import PaymentRecord

_CARD_TENDERS = frozenset({"chip", "contactless", "swipe", "keyed", "saved_card"})
_REVERSALS = frozenset({K.VOID.value, K.REFUND.value, K.SIMPLE_REFUND.value})


def local_day(record: PaymentRecord) -> date:
    """The desk's day (its local time zone), not UTC's: an evening clinic closes one day."""
    return datetime.fromisoformat(record.created_at).astimezone().date()


def tender_group(record: PaymentRecord) -> str:
    """Groups for the drawer count: card (any entry), check, hosted page; reversals by kind."""
    if record.kind in _REVERSALS:
        return record.kind
    if record.tender in _CARD_TENDERS:
        return "card"
    if record.tender.startswith("check"):
        return "check"
    if record.kind == K.SSO_TOKEN.value:
        return "hosted page"
    return record.tender or record.kind


def total_status(entry: HistoryEntry) -> str:
    """A voided sale gets a line of its own (it counts nothing); a refunded one stays with
    the approved sales, its refund being a negative line of its own."""
    if entry.standing is Standing.VOIDED:
        return Standing.VOIDED.value
    return entry.payment.state.value


@dataclass(frozen=True)
class TotalLine:
    tender: str      # tender group or reversal kind, an identifier (the UI says it in words)
    status: str      # journal state, or "voided"
    count: int
    total: Money     # what these rows add to Net


@dataclass(frozen=True)
class DayTotals:
    day: date
    lines: list[TotalLine]
    net: Money


def day_entries(entries: Iterable[HistoryEntry], day: date) -> list[HistoryEntry]:
    return [e for e in entries if local_day(e.payment) == day]


def day_totals(entries: Iterable[HistoryEntry], day: date) -> DayTotals:
    """By tender group and status, in the desk's local day."""
    sums: dict[tuple[str, str], tuple[int, Money]] = {}
    net = Money.zero()
    for e in day_entries(entries, day):
        key = (tender_group(e.payment), total_status(e))
        count, total = sums.get(key, (0, Money.zero()))
        sums[key] = (count + 1, total + e.net)
        net += e.net
    lines = [TotalLine(t, s, c, m) for (t, s), (c, m) in sorted(sums.items())]
    return DayTotals(day, lines, net)


CSV_FIELDS = ("time", "reference", "kind", "state", "patient_id", "tender", "card_brand",
              "last_four", "amount", "approved", "net", "reverses", "reverses_reference",
              "auth_code", "transaction_id", "operator", "workstation", "message")


def _identity_words(identifier: str) -> str:
    return identifier  # the journal's identifiers, for a program reading the file


def local_time(record: PaymentRecord) -> str:
    """The desk's local time with its UTC offset: unambiguous in a spreadsheet."""
    return datetime.fromisoformat(record.created_at).astimezone().isoformat(timespec="seconds")


def _signed(entry: HistoryEntry, money: Money | None) -> str:
    """Refunds and voids leave the drawer: negative, as a bookkeeper's sheet expects."""
    if money is None:
        return ""
    negative = entry.payment.kind in _REVERSALS
    return (-money if negative and money.is_positive else money).wire()


def csv_row(entry: HistoryEntry, words: Callable[[str], str] = _identity_words,
            originals: Mapping[str, str] | None = None) -> list[str]:
    """``words``: the desk's word for a kind or standing; ``originals``: transaction ID →
    our reference, so each void or refund names the payment it reverses."""
    r = entry.payment
    amount = r.amount
    if r.kind == K.VOID.value and amount is None:
        amount = entry.signed_amount  # a void names no amount: it is worth what it cancelled
    values: dict[str, object] = {
        **r.as_json(), "time": local_time(r), "kind": words(r.kind),
        "state": words(entry.standing.value), "amount": _signed(entry, amount),
        "approved": "" if entry.signed_amount is None else entry.signed_amount.wire(),
        "net": entry.net.wire(), "reverses": entry.reverses,
        "reverses_reference": (originals or {}).get(entry.reverses, "") if entry.reverses
        else "", "operator": r.os_user}
    return ["" if values.get(k) is None else str(values[k]) for k in CSV_FIELDS]


def write_csv(entries: Iterable[HistoryEntry], path: Path,
              words: Callable[[str], str] = _identity_words,
              everything: Iterable[HistoryEntry] = ()) -> Path:
    """Masked data only: brand and last four, never more (PCI DSS 3.4.1). ``entries``: the
    rows to write (what the screen shows); ``everything``: where their originals are found."""
    rows = list(entries)
    originals = {e.payment.transaction_id: e.payment.reference
                 for e in (*rows, *everything) if e.payment.transaction_id}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(CSV_FIELDS)
        for e in rows:
            out.writerow(csv_row(e, words, originals))
    return path
