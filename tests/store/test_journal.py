"""The journal on a real SQLite file."""

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
from desktop_app.store import Journal, JournalState
from desktop_app.store.journal import DuplicateReference

PAN = "4111111111111111"


def sale() -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse("50.00"),
                          tender=Tender.keyed(CardData(PAN, 12, 2030, cvv="123")),
                          patient_id="P-1")


@pytest.fixture
async def journal(tmp_path: Path):  # type: ignore[no-untyped-def]
    j = await Journal(tmp_path / "journal.sqlite3").open()
    yield j
    await j.close()


async def test_intent_is_committed_and_visible_to_another_connection(
        journal: Journal, tmp_path: Path) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    other = sqlite3.connect(tmp_path / "journal.sqlite3")
    state, cents = other.execute("SELECT state, amount_cents FROM payments").fetchone()
    assert (state, cents) == ("pending", 5000)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


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


async def test_audit_trail_has_who_where_when_and_is_append_only(
        journal: Journal, tmp_path: Path) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    rows = await journal.audit_rows()
    assert rows[0]["event"] == "payment.intent"
    assert rows[0]["os_user"] and rows[0]["workstation"] and rows[0]["at"]
    other = sqlite3.connect(tmp_path / "journal.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        other.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        other.execute("UPDATE audit SET event='x'")


async def test_no_card_data_in_the_database_file(journal: Journal, tmp_path: Path) -> None:
    req = sale()
    await journal.record_intent(req, terminal_id="002", protocol="nvp")
    await journal.close()
    for f in tmp_path.glob("journal.sqlite3*"):
        data = f.read_bytes()
        assert PAN.encode() not in data
    await journal.open()


async def test_reopening_an_existing_file_keeps_rows_and_schema(tmp_path: Path) -> None:
    j = await Journal(tmp_path / "j.sqlite3").open()
    await j.record_intent(sale(), terminal_id="002", protocol="nvp")
    await j.close()
    j2 = await Journal(tmp_path / "j.sqlite3").open()
    assert len(await j2.history()) == 1
    await j2.close()
