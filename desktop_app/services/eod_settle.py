"""Settling unknown payments from the gateway's end-of-day posting file (reconciliation's
third channel, after webhooks and look-ups by token or transaction ID).

Each unknown row is matched to the file's lines by our reference in the reference slot
(AdditionalInfoN, P-eod10 fields 22-27), a void by the transaction it voided, and weighed by
the same rule book as a webhook (``services/evidence.py``); what it settles is adopted
through ``Reconciler.adopt`` with the file named as its source, and audited. A payment the
file does not mention stays unknown: the page does not say every transaction of the day is
listed (a decline may not be), so absence is never read as "not charged".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.domain import Outcome
from desktop_app.domain import TransactionKind as K
from desktop_app.posting.eod_file import EodRow
from desktop_app.services.evidence import Evidence, judge
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import JournalState, PaymentRecord


@dataclass
class EodReport:
    settled: list[Outcome] = field(default_factory=list)
    disagreeing: list[str] = field(default_factory=list)   # references left for staff
    left: list[str] = field(default_factory=list)          # still unknown: absent or unclear


def evidence_of(row: EodRow) -> Evidence:
    return Evidence(row.transaction_id, row.get("status").strip().upper(), row.get("amount"),
                    row.get("transaction_action"))


def _index(rows: Iterable[EodRow], slot: str) -> tuple[dict[str, list[EodRow]],
                                                      dict[str, list[EodRow]]]:
    by_reference: dict[str, list[EodRow]] = defaultdict(list)
    by_transaction: dict[str, list[EodRow]] = defaultdict(list)
    for row in rows:
        if reference := row.additional_info(slot):
            by_reference[reference].append(row)
        by_transaction[row.transaction_id].append(row)
    return by_reference, by_transaction


async def settle_from_eod(reconciler: Reconciler, rows: Iterable[EodRow], file_name: str
                          ) -> EodReport:
    """Settle what the file can among the journal's unknown rows (``sent`` or ``unknown``;
    a ``pending`` one never left and is the reconciler's to judge). Audited as
    ``reconcile.eod_file`` with the file's name."""
    source = f"the EOD posting file {file_name}"
    slot = reconciler.gateway.config.reference_slot
    by_reference, by_transaction = _index(rows, slot)
    report = EodReport()
    for record in await reconciler.journal.unresolved():
        if (record.state is JournalState.PENDING
                or record.reference in reconciler.journal.in_hand):
            continue
        lines = _lines_for(record, by_reference, by_transaction)
        if not lines:
            report.left.append(record.reference)
            continue
        finding = judge(record, (evidence_of(r) for r in lines), source)
        if finding.outcome is not None:
            report.settled.append(await reconciler.adopt(record, finding.outcome, "eod_file",
                                                         detail=file_name))
        elif finding.conflict:
            report.disagreeing.append(record.reference)
        else:
            report.left.append(record.reference)
    return report


def _lines_for(record: PaymentRecord, by_reference: dict[str, list[EodRow]],
               by_transaction: dict[str, list[EodRow]]) -> list[EodRow]:
    if record.kind == K.VOID.value:
        return by_transaction.get(record.original_transaction_id, [])
    return by_reference.get(record.reference, [])
