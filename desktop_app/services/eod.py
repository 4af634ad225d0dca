"""End of day: the gateway's 835 posting file against the journal.

Each posted payment is matched to a journal row by transaction ID, else by our request
reference (echoed by the gateway). Three lists come out, amounts compared: matched; in the
file but not in the journal; in the journal but not in the file. A voided sale is not
expected in the file (it never settled), and neither is the void.

Where money moved: only here, through ``Reconciler.adopt``: a journal row still UNKNOWN (or
sent) that the file shows settled is adopted as approved for the posted amount, audited as
``reconcile.eod_835``. The file is the gateway's own record that the money was taken, which
is exactly what the unknown row was waiting to learn. Nothing else in the journal changes,
and a file that fails validation changes nothing at all (it is read whole first).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from desktop_app.domain import Money, Outcome, OutcomeStatus
from desktop_app.edi.x835 import PostedPayment, Posting, Remittance
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal
from desktop_app.store.records import UNRESOLVED_STATES, JournalState, PaymentRecord

MONEY_IN = {"sale", "charge_saved_card", "echeck_sale", "capture"}
MONEY_OUT = {"refund", "simple_refund"}
TAKEN = (JournalState.APPROVED, JournalState.PARTIALLY_APPROVED)


@dataclass(frozen=True)
class Match:
    posted: PostedPayment
    record: PaymentRecord

    @property
    def amount_differs(self) -> bool:
        return self.record.approved != self.posted.amount


@dataclass(frozen=True)
class EodResult:
    day: date
    matched: tuple[Match, ...]
    file_only: tuple[PostedPayment, ...]
    journal_only: tuple[PaymentRecord, ...]
    voided: tuple[PaymentRecord, ...]   # voided in the journal: rightly absent from the file
    adopted: tuple[str, ...]            # unknown payments the file settled (references)
    file_total: Money

    @property
    def journal_total(self) -> Money:
        cents = sum(_signed(m.record) for m in self.matched)
        return Money(cents + sum(_signed(r) for r in self.journal_only))

    @property
    def discrepancies(self) -> int:
        return (len(self.file_only) + len(self.journal_only)
                + sum(1 for m in self.matched if m.amount_differs))


def _signed(record: PaymentRecord) -> int:
    cents = record.approved.cents if record.approved else 0
    return -cents if record.kind in MONEY_OUT else cents


def business_day(remittance: Remittance, given: date | None = None) -> date:
    """The day to reconcile: the one asked for, else the file's (BPR16), else today."""
    if given is not None:
        return given
    in_file = remittance.payments[0].business_date if remittance.payments else None
    return in_file or date.today()


def local_day(record: PaymentRecord) -> date:
    """The business day a row belongs to: the clinic PC's own date, not UTC's (an evening
    payment in the Americas is already tomorrow in UTC)."""
    return datetime.fromisoformat(record.created_at).astimezone().date()


def expected(records: Iterable[PaymentRecord], day: date) -> tuple[list[PaymentRecord],
                                                                   list[PaymentRecord]]:
    """The day's rows that should be in the file, and the voided ones that should not."""
    rows = [r for r in records if local_day(r) == day]
    voided = {r.original_transaction_id for r in rows
              if r.kind == "void" and r.state in TAKEN and r.original_transaction_id}
    settles = [r for r in rows if r.kind in MONEY_IN | MONEY_OUT
               and (r.state in TAKEN or r.state in UNRESOLVED_STATES)]
    return ([r for r in settles if r.transaction_id not in voided or not r.transaction_id],
            [r for r in settles if r.transaction_id and r.transaction_id in voided])


async def reconcile_day(remittance: Remittance, journal: Journal, reconciler: Reconciler,
                        day: date) -> EodResult:
    """Match ``remittance`` (already validated) to the journal's ``day``."""
    start = datetime.combine(day - timedelta(days=1), time(), UTC).isoformat()
    end = datetime.combine(day + timedelta(days=2), time(), UTC).isoformat()
    rows, voided = expected(await journal.created_between(start, end), day)
    by_id = {p.transaction_id: p for p in remittance.payments if p.transaction_id}
    by_ref = {p.reference: p for p in remittance.payments if p.reference}
    used: set[int] = set()
    matched, journal_only, adopted = [], [], []
    for record in rows:
        posted = (by_id.get(record.transaction_id) if record.transaction_id else None) \
            or by_ref.get(record.reference)
        if posted is None or id(posted) in used or not _same_direction(record, posted):
            if record.state in TAKEN:
                journal_only.append(record)
            continue
        used.add(id(posted))
        if record.state in UNRESOLVED_STATES:
            record = await _adopt(reconciler, journal, record, posted)
            adopted.append(record.reference)
        matched.append(Match(posted, record))
    file_only = tuple(p for p in remittance.payments if id(p) not in used)
    return EodResult(day, tuple(matched), file_only, tuple(journal_only), tuple(voided),
                     tuple(adopted), remittance.total)


def _same_direction(record: PaymentRecord, posted: PostedPayment) -> bool:
    return (posted.kind is Posting.SALE) == (record.kind in MONEY_IN)


async def _adopt(reconciler: Reconciler, journal: Journal, record: PaymentRecord,
                 posted: PostedPayment) -> PaymentRecord:
    outcome = Outcome(OutcomeStatus.APPROVED, reference=record.reference,
                      requested=record.amount, approved=posted.amount,
                      transaction_id=posted.transaction_id, auth_code=posted.authorization,
                      message="Settled: the end-of-day posting file shows it charged")
    await reconciler.adopt(record, outcome, "eod_835")
    return await journal.get(record.reference) or record


CSV_COLUMNS = ("list", "reference", "transaction_id", "kind", "journal_amount", "file_amount",
               "note")


def csv_rows(result: EodResult) -> list[dict[str, str]]:
    """The three lists (and the voided ones) as rows for a spreadsheet; no patient data."""
    def money(value: Money | None) -> str:
        return "" if value is None else value.wire()

    rows = [{"list": "matched", "reference": m.record.reference,
             "transaction_id": m.posted.transaction_id, "kind": m.posted.kind.value,
             "journal_amount": money(m.record.approved), "file_amount": money(m.posted.amount),
             "note": "amounts differ" if m.amount_differs else
             ("settled from the file" if m.record.reference in result.adopted else "")}
            for m in result.matched]
    rows += [{"list": "in file, not in journal", "reference": p.reference,
              "transaction_id": p.transaction_id, "kind": p.kind.value, "journal_amount": "",
              "file_amount": money(p.amount), "note": ""} for p in result.file_only]
    rows += [{"list": "in journal, not in file", "reference": r.reference,
              "transaction_id": r.transaction_id, "kind": r.kind, "journal_amount":
              money(r.approved), "file_amount": "", "note": ""} for r in result.journal_only]
    rows += [{"list": "voided", "reference": r.reference, "transaction_id": r.transaction_id,
              "kind": r.kind, "journal_amount": money(r.approved), "file_amount": "",
              "note": "voided: not expected in the file"} for r in result.voided]
    return rows


def write_csv(path: Path, result: EodResult) -> Path:
    """Whole or not at all: a half-written export must not look like a short day."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_rows(result))
    temp = path.with_name(path.name + ".part")
    temp.write_text(out.getvalue(), encoding="utf-8", newline="")
    os.replace(temp, path)
    return path
