"""Hosted SSO payment: token, page, polling, and settling by token after a crash."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from desktop_app.domain import Money, OutcomeStatus
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.services.payments import PaymentService
from desktop_app.services.reconcile import SSO_EXPIRED, Reconciler
from desktop_app.services.sso import SsoCheckout, SsoPage
from desktop_app.store import Journal, JournalState
from tests.conftest import gateway_for


async def service_on(server: SandboxServer, tmp_path: Path) -> PaymentService:
    journal = await Journal(tmp_path / "journal.sqlite3").open()
    gateway = gateway_for(server.url)
    return PaymentService(gateway, journal, Reconciler(gateway, journal))


@pytest.fixture
async def checkout(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[SsoCheckout]:
    svc = await service_on(sandbox, tmp_path)
    yield SsoCheckout(svc, poll_interval=0.05, lifetime=10)
    await svc.gateway.aclose()
    await svc.journal.close()


async def pay_on_page(page: SsoPage, pan: str = "4111111111111111") -> str:
    """What the patient does in the embedded web view: fill the form and press Pay."""
    async with httpx.AsyncClient() as browser:
        form = await browser.get(page.url)
        assert form.status_code == 200 and 'name="cardNumber"' in form.text
        done = await browser.post(page.url, data={
            "token": page.token, "cardNumber": pan, "cardExpirationMonth": "12",
            "cardExpirationYear": "2030", "cardVerificationNumber": "123",
            "cardHolderName": "Pat Doe"})
        return done.text


async def test_paid_page_is_polled_to_complete_and_journaled(checkout: SsoCheckout) -> None:
    page = await checkout.open_page(Money.parse("35.00"), patient_id="P-9")
    polls: list[int] = []
    assert "complete" in (await pay_on_page(page)).lower()
    outcome = await checkout.wait_for_payment(page, polls.append)
    assert outcome.status is OutcomeStatus.APPROVED and outcome.approved == Money(3500)
    assert outcome.last_four == "1111" and polls
    row = await checkout.payments.journal.get(page.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert row.transaction_id == outcome.transaction_id and row.sso_token == page.token


async def test_expired_page_ends_with_nothing_charged(tmp_path: Path) -> None:
    settings = SandboxSettings(sso_token_lifetime=timedelta(seconds=0.3))
    async with SandboxServer(settings) as server:
        svc = await service_on(server, tmp_path)
        checkout = SsoCheckout(svc, poll_interval=0.1, lifetime=10)
        page = await checkout.open_page(Money.parse("10.00"))
        outcome = await checkout.wait_for_payment(page)
        await svc.gateway.aclose()
        await svc.journal.close()
    assert outcome.status is OutcomeStatus.ERROR and outcome.message == SSO_EXPIRED


async def test_page_paid_after_the_app_stopped_polling_is_adopted_at_restart(
        checkout: SsoCheckout) -> None:
    page = await checkout.open_page(Money.parse("12.00"))
    journal = checkout.payments.journal
    assert [r.reference for r in await journal.unresolved()] == [page.reference]
    await pay_on_page(page)  # the dialog was closed (polling cancelled); the patient paid
    await checkout.payments.reconciler.run_once()
    row = await journal.get(page.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert row.approved == Money(1200)


async def test_a_closed_unpaid_page_does_not_block_the_desk(checkout: SsoCheckout) -> None:
    from desktop_app.domain import CardData, PaymentRequest, Tender, TransactionKind

    page = await checkout.open_page(Money.parse("12.00"))  # staff close it without paying
    sale = await checkout.payments.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse("5.00"),
        tender=Tender.keyed(CardData("4111111111111111", 12, 2030))))
    assert sale.status is OutcomeStatus.APPROVED
    row = await checkout.payments.journal.get(page.reference)
    assert row is not None and row.state is JournalState.SENT  # still settled by token later
