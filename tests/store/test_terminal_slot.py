"""One running exchange per terminal, held by the database on both backends."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop_app.domain import CardData, Money, Outcome, OutcomeStatus, PaymentRequest, Tender
from desktop_app.domain import TransactionKind as K
from desktop_app.store import Journal, TerminalOccupied
from desktop_app.store.identity import Origin

VISA = CardData("4111111111111111", 12, 2030)


def sale() -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money(900), tender=Tender.keyed(VISA))


@pytest.fixture
async def desks(journal_target: str) -> AsyncIterator[tuple[Journal, Journal]]:
    a = await Journal(journal_target, Origin("ana", "FRONT-1")).open()
    b = await Journal(journal_target, Origin("ben", "FRONT-2")).open()
    yield a, b
    await a.close()
    await b.close()


async def test_an_exchange_holds_the_terminal_until_it_ends_even_unknown(
        desks: tuple[Journal, Journal]) -> None:
    """Unknown ends the exchange: the terminal is free (PaymentService refuses a repeat of
    the unknown payment itself; services/payments.py require_terminal_clear)."""
    a, b = desks
    first = sale()
    await a.record_intent(first, terminal_id="002", protocol="nvp")
    await a.mark_sent(first.reference)
    with pytest.raises(TerminalOccupied):  # in the exchange
        await b.record_intent(sale(), terminal_id="002", protocol="nvp")
    await b.record_intent(sale(), terminal_id="003", protocol="nvp")  # another terminal
    await a.mark_unknown(first.reference, "timed out")
    second = sale()
    await b.record_intent(second, terminal_id="002", protocol="nvp")
    await b.record_outcome(second.reference, Outcome(
        OutcomeStatus.UNKNOWN, reference=second.reference))  # an unknown reply frees it too
    await a.record_intent(sale(), terminal_id="002", protocol="nvp")


async def test_a_hosted_page_frees_the_terminal_once_it_has_its_token(
        desks: tuple[Journal, Journal]) -> None:
    a, b = desks
    page = PaymentRequest(K.SSO_TOKEN, amount=Money(900))
    await a.record_intent(page, terminal_id="002", protocol="nvp")
    await a.mark_sent(page.reference)
    with pytest.raises(TerminalOccupied):  # token request in flight
        await b.record_intent(sale(), terminal_id="002", protocol="nvp")
    assert await a.attach_sso_token(page.reference, "TOKEN-1")
    await b.record_intent(sale(), terminal_id="002", protocol="nvp")
    assert not await a.attach_sso_token(page.reference, "TOKEN-2")  # one token per page


async def test_saving_a_card_does_not_hold_the_terminal(desks: tuple[Journal, Journal]) -> None:
    a, b = desks
    await a.record_intent(PaymentRequest(K.SAVE_ON_FILE, tender=Tender.keyed(VISA)),
                          terminal_id="002", protocol="nvp")
    await b.record_intent(sale(), terminal_id="002", protocol="nvp")
    assert (await a.holder("002")) is not None


async def test_an_older_journals_unknown_gives_up_its_terminal_on_upgrade(
        journal_target: str) -> None:
    """A build before issue 11 kept the terminal for an unknown payment; the upgrade frees
    it, once, and a second migrate changes nothing."""
    from desktop_app.store.migrations import MIGRATIONS

    stuck = sale()
    before = await Journal(journal_target).open()
    await before.record_intent(stuck, terminal_id="002", protocol="nvp")
    await before.mark_sent(stuck.reference)
    await before.db.run(lambda: before.db.change(  # as the older build left it
        "UPDATE payments SET state='unknown', terminal_slot='002' WHERE reference=?",
        (stuck.reference,)))
    step = next(v for v, script in enumerate(MIGRATIONS, start=1)  # the issue-11 step
                if any("terminal_slot=NULL" in str(statement) for statement in script))
    await before.db.run(lambda: before.db.change(  # and not yet migrated past it
        "DELETE FROM schema_version WHERE version>=?", (step,)))
    await before.close()
    after = await Journal(journal_target).open()
    try:
        assert await after.db.run(after.db.migrate) == len(MIGRATIONS)
        assert await after.holder("002") is None
        await after.record_intent(sale(), terminal_id="002", protocol="nvp")
        assert await after.db.run(after.db.migrate) == len(MIGRATIONS)
    finally:
        await after.close()
