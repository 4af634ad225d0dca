"""The journal on a real SQLite file."""

import asyncio
import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain import (
    CardData,
    Money,
    Outcome,
    OutcomeStatus,
    PaymentRequest,
    Tender,
    TransactionKind,
)
from desktop_app.store import Journal, JournalState, TerminalOccupied
from desktop_app.store.db import IntegrityError
from desktop_app.store.identity import Origin
from desktop_app.store.journal import DuplicateReference

PAN = "4111111111111111"


def sale() -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse("50.00"),
                          tender=Tender.keyed(CardData(PAN, 12, 2030, cvv="123")),
                          patient_id="P-1")


@pytest.fixture
async def journal(journal_target: str):  # type: ignore[no-untyped-def]
    j = await Journal(journal_target).open()
    yield j
    await j.close()


async def test_intent_is_committed_and_visible_to_another_workstation(
        journal: Journal, journal_target: str) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    other = await Journal(journal_target, Origin("maria", "FRONT-2")).open()
    row = await other.get(req.reference)
    await other.close()
    assert row is not None and (row.state, row.amount) == (JournalState.PENDING, Money(5000))


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    j = await Journal(tmp_path / "journal.sqlite3").open()
    await j.close()
    other = sqlite3.connect(tmp_path / "journal.sqlite3")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_two_workstations_writing_at_once_lose_nothing(journal_target: str) -> None:
    desks = [await Journal(journal_target, Origin(f"user{i}", f"FRONT-{i}")).open()
             for i in range(2)]

    async def take_payments(j: Journal) -> list[str]:
        refs = []
        for _ in range(25):
            req = sale()
            await j.record_intent(req, terminal_id=j.origin.workstation, protocol="nvp")
            await j.mark_sent(req.reference)
            await j.record_outcome(req.reference, Outcome(
                OutcomeStatus.APPROVED, reference=req.reference, approved=req.amount))
            refs.append(req.reference)
        return refs

    written = await asyncio.gather(*(take_payments(j) for j in desks))
    rows = await desks[0].history(limit=1000)
    for j in desks:
        await j.close()
    assert sorted(r.reference for r in rows) == sorted(written[0] + written[1])
    assert {r.state for r in rows} == {JournalState.APPROVED}


async def test_lifecycle_records_partial_approval(journal: Journal) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    await journal.mark_sent(req.reference)
    assert [r.state for r in await journal.unresolved("002")] == [JournalState.SENT]
    await journal.record_outcome(req.reference, Outcome(
        OutcomeStatus.PARTIALLY_APPROVED, reference=req.reference, requested=req.amount,
        approved=Money(2000), transaction_id="T1", auth_code="A1"))
    row = await journal.get(req.reference)
    assert row is not None
    assert (row.state, row.approved, row.balance_due) == (
        JournalState.PARTIALLY_APPROVED, Money(2000), Money(3000))
    assert row.card_display == "VISA 411111******1111"
    assert await journal.unresolved("002") == []


async def test_a_reference_is_never_reused(journal: Journal) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    with pytest.raises(DuplicateReference):
        await journal.record_intent(req, terminal_id="002", protocol="nvp")


async def test_audit_trail_has_who_where_when_and_is_append_only(journal: Journal) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    rows = await journal.audit_rows()
    assert rows[0]["event"] == "payment.intent"
    assert rows[0]["os_user"] and rows[0]["workstation"] and rows[0]["at"]
    for sql in ("DELETE FROM audit", "UPDATE audit SET event='x'"):
        with pytest.raises(IntegrityError, match="append-only"):
            await journal.db.run(lambda sql=sql: journal.db.execute(sql))
    assert len(await journal.audit_rows()) == len(rows)


async def test_no_card_data_in_the_database_file(tmp_path: Path) -> None:
    journal = await Journal(tmp_path / "journal.sqlite3").open()
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    await journal.close()
    files = list(tmp_path.glob("journal.sqlite3*"))
    assert files
    for f in files:
        assert PAN.encode() not in f.read_bytes()


async def test_reopening_an_existing_file_keeps_rows_and_schema(tmp_path: Path) -> None:
    j = await Journal(tmp_path / "j.sqlite3").open()
    await j.record_intent(sale(), terminal_id="002", protocol="nvp")
    await j.close()
    j2 = await Journal(tmp_path / "j.sqlite3").open()
    assert len(await j2.history()) == 1
    await j2.close()


async def test_a_journal_from_before_terminal_slots_upgrades_in_place(journal_target: str) -> None:
    from desktop_app.store.db import open_database
    from desktop_app.store.migrations import MIGRATIONS

    old = open_database(journal_target, migrations=MIGRATIONS[:3])
    await old.open()
    await old.close()
    journal = await Journal(journal_target).open()
    assert await journal.db.run(journal.db.migrate) == len(MIGRATIONS)
    first, second = sale(), sale()
    await journal.record_intent(first, terminal_id="002", protocol="nvp")
    with pytest.raises(TerminalOccupied):
        await journal.record_intent(second, terminal_id="002", protocol="nvp")
    holder = await journal.holder("002")
    await journal.close()
    assert holder is not None and holder.reference == first.reference


async def test_a_journal_from_before_eligibility_checks_upgrades_in_place(
        journal_target: str) -> None:
    """Issue 16's table arrives on a journal written by the previous build, twice over."""
    from desktop_app.store.db import open_database
    from desktop_app.store.eligibility import EligibilityRow
    from desktop_app.store.migrations import MIGRATIONS

    old = open_database(journal_target, migrations=MIGRATIONS[:-1])
    await old.open()
    await old.close()
    journal = await Journal(journal_target).open()
    assert await journal.db.run(journal.db.migrate) == len(MIGRATIONS)
    await journal.eligibility.record(EligibilityRow("E1", "SBX01", "30", "active", 2500,
                                                    "ISA*...", "ISA*...", "", ""))
    await journal.close()
    again = await Journal(journal_target).open()
    row = await again.eligibility.get("E1")
    await again.close()
    assert row is not None and row.copay_cents == 2500 and row.created_at
