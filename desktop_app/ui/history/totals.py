"""End-of-day totals and the CSV export. Pure: records in, Money and rows out."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.domain import Money
from desktop_app.store.journal import PaymentRecord

_NEGATIVE = {"refund", "simple_refund"}


def local_day(record: PaymentRecord) -> date:
    return datetime.fromisoformat(record.created_at).astimezone().date()


def tender_group(record: PaymentRecord) -> str:
    """Groups for the drawer count: card (any entry), check, hosted page, or the kind."""
    tender = record.tender
    if tender in ("chip", "contactless", "swipe", "keyed", "saved_card"):
        return "card"
    if tender.startswith("check"):
        return "check"
    if record.kind == "sso_token":
        return "hosted page"
    return tender or record.kind


@dataclass(frozen=True)
class TotalLine:
    tender: str
    status: str
    count: int
    total: Money


def day_totals(records: Iterable[PaymentRecord], day: date) -> list[TotalLine]:
    """By tender and status; refunds count negative, voids count zero money."""
    sums: dict[tuple[str, str], tuple[int, Money]] = {}
    for r in records:
        if local_day(r) != day:
            continue
        key = (tender_group(r) if r.kind not in ("void", *_NEGATIVE) else r.kind, r.state.value)
        money = r.approved if r.approved is not None else Money(0)
        if r.kind in _NEGATIVE:
            money = -money
        if r.kind == "void" or not r.state.value.endswith("approved"):
            money = Money(0)
        count, total = sums.get(key, (0, Money(0)))
        sums[key] = (count + 1, total + money)
    return [TotalLine(t, s, c, m) for (t, s), (c, m) in sorted(sums.items())]


def net_total(lines: Iterable[TotalLine]) -> Money:
    return sum((line.total for line in lines), Money(0))


CSV_FIELDS = ("created_at", "reference", "kind", "state", "patient_id", "tender", "card_brand",
              "last_four", "amount", "approved", "auth_code", "transaction_id", "message")


def write_csv(records: Iterable[PaymentRecord], path: Path) -> Path:
    """Masked data only: brand and last four, never more (PCI DSS 3.4.1)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(CSV_FIELDS)
        for r in records:
            row = r.as_json()
            out.writerow([row.get(k) if row.get(k) is not None else "" for k in CSV_FIELDS])
    return path
