"""The one follower of a payment whose outcome is unknown: real sandbox, real SQLite journal."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from desktop_app.domain import Money, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.sandbox import SandboxServer
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.services.follow import FollowUpdate, PaymentFollower, follow_until_settled
from desktop_app.services.payments import PaymentService
from desktop_app.services.reconcile import Reconciler
from desktop_app.services.sso import SsoCheckout
from desktop_app.store import Journal, JournalState
from tests.conftest import gateway_for, inject_fault
from tests.services.conftest import Hooked


@pytest.fixture
async def payments(hooked: Hooked, tmp_path: Path) -> AsyncIterator[PaymentService]:
    journal = await Journal(tmp_path / "journal.sqlite3").open()
    gateway = gateway_for(hooked.url)
    yield PaymentService(gateway, journal, Reconciler(gateway, journal, webhooks=hooked.store),
                         lookup_attempts=0)
    await gateway.aclose()
    await journal.close()


def card_sale(amount: str) -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse(amount),
                          tender=demo_card_tender(), patient_id="MRN-F")


async def test_an_unknown_sale_the_gateway_charged_is_followed_to_approved(
        payments: PaymentService, hooked: Hooked) -> None:
    await inject_fault(hooked.sandbox, "drop_after_charge")
    request = card_sale("17.00")
    assert (await payments.process(request)).status is OutcomeStatus.UNKNOWN
    await hooked.stored(request.reference)  # its webhook: what settles it
    updates = [u async for u in PaymentFollower(payments, request.reference, interval=0.05)]
    assert [u.checks for u in updates] == [1]
    assert updates[-1].outcome is not None
    assert updates[-1].outcome.status is OutcomeStatus.APPROVED
    row = await payments.journal.get(request.reference)
    assert row is not None and row.state is JournalState.APPROVED


async def test_a_payment_settled_elsewhere_is_taken_as_the_journal_has_it(
        payments: PaymentService, hooked: Hooked) -> None:
    await inject_fault(hooked.sandbox, "drop_after_charge")
    request = card_sale("18.00")
    await payments.process(request)
    await hooked.stored(request.reference)
    await payments.reconciler.run_once()  # the background watch got there first
    outcome = await follow_until_settled(PaymentFollower(payments, request.reference))
    assert outcome.status is OutcomeStatus.APPROVED and outcome.approved == Money(1800)
    assert outcome.last_four == "1111" and outcome.reference == request.reference


async def test_not_knowing_is_never_turned_into_not_charged_by_the_follower(
        sandbox: SandboxServer, tmp_path: Path) -> None:
    """The gateway never answered and has no record of it, but the request left moments
    ago: it may still be in flight, so the follower goes on saying "not known"."""
    journal = await Journal(tmp_path / "journal.sqlite3").open()
    gateway = gateway_for(sandbox.url, read_timeout=0.5)
    svc = PaymentService(gateway, journal, Reconciler(gateway, journal), lookup_attempts=0)
    try:
        await inject_fault(sandbox, "timeout", delay=3.0)
        request = card_sale("20.00")
        assert (await svc.process(request)).status is OutcomeStatus.UNKNOWN
        seen = []
        async for update in PaymentFollower(svc, request.reference, interval=0.05):
            seen.append(update)
            if len(seen) == 3:
                break
        assert [u.settled for u in seen] == [False, False, False]
        row = await journal.get(request.reference)
        assert row is not None and row.state is JournalState.UNKNOWN
    finally:
        await gateway.aclose()
        await journal.close()


async def test_check_now_asks_at_once_when_the_hosted_page_is_paid(
        payments: PaymentService) -> None:
    page = await SsoCheckout(payments).open_page(Money.parse("23.00"))
    follower = PaymentFollower(payments, page.reference, interval=60.0)
    updates: list[FollowUpdate] = []

    async def follow() -> None:
        async for update in follower:
            updates.append(update)

    task = asyncio.ensure_future(follow())
    while not updates:
        await asyncio.sleep(0.01)
    async with httpx.AsyncClient() as browser:
        paid = await browser.post(page.url, data={
            "token": page.token, "cardNumber": "4111111111111111",
            "cardExpirationMonth": "12", "cardExpirationYear": "2030",
            "cardVerificationNumber": "123", "action": "pay"})
    assert paid.status_code == 303  # on to the confirm URL: paid
    follower.check_now()
    await asyncio.wait_for(task, 30)  # half the 60 s interval: only check_now can end it
    outcome = updates[-1].outcome
    assert outcome is not None and outcome.status is OutcomeStatus.APPROVED
