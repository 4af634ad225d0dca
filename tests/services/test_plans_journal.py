"""The plans table arrives by migration on a journal that already holds payments: nothing
is lost, the new table works, and migrating twice changes nothing."""

from __future__ import annotations

from datetime import date

from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.store import Journal
from desktop_app.store.db import open_database
from desktop_app.store.migrations import MIGRATIONS
from desktop_app.store.plans import PlanState, PlanTerms

PLANS_VERSION = next(n for n, script in enumerate(MIGRATIONS, start=1)
                     if any("CREATE TABLE plans" in str(s) for s in script))


async def test_an_old_journal_gains_the_plans_table_and_keeps_its_payments(
        journal_target: str) -> None:
    old = open_database(journal_target, migrations=MIGRATIONS[:PLANS_VERSION - 1])
    await old.open()
    await old.close()
    journal = await Journal(journal_target).open()
    request = PaymentRequest(TransactionKind.SALE, amount=Money(500),
                             tender=Tender.keyed(CardData("4111111111111111", 12, 2030)))
    await journal.record_intent(request, terminal_id="002", protocol="nvp")
    await journal.plans.add("PLAN-REF-1", PlanTerms("P-1", Money(1000), 2, "weekly",
                                                    date(2027, 5, 1), "tok-1"),
                            Money(500), Money(500))
    assert await journal.plans.settle("PLAN-REF-1", PlanState.CREATED, plan_id="PP-1")
    assert not await journal.plans.settle("PLAN-REF-1", PlanState.UNKNOWN)  # stale writer
    await journal.close()
    again = await Journal(journal_target).open()  # migrating again: a no-op
    try:
        assert (await again.get(request.reference)) is not None
        record = await again.plans.get("PP-1")
        assert record is not None and record.state is PlanState.CREATED
        assert record.terms.start == date(2027, 5, 1) and record.last == Money(500)
        version = await again.db.run(lambda: again.db.execute(
            "SELECT MAX(version) AS v FROM schema_version"))
        assert version[0]["v"] == len(MIGRATIONS)
    finally:
        await again.close()
