"""Hosted SSO payment: token, page, polling, and settling by token after a crash."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from desktop_app.domain import Money, Outcome, OutcomeStatus
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.services.payments import PaymentService
from desktop_app.services.reconcile import SSO_EXPIRED, SSO_NEVER_SHOWN, Reconciler
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
    """What the patient does in the embedded web view: fill the form and press Pay. The
    page then goes to the confirm URL sent with the token request; returns it."""
    async with httpx.AsyncClient() as browser:
        form = await browser.get(page.url)
        assert form.status_code == 200 and 'name="cardNumber"' in form.text
        done = await browser.post(page.url, data={
            "token": page.token, "cardNumber": pan, "cardExpirationMonth": "12",
            "cardExpirationYear": "2030", "cardVerificationNumber": "123",
            "cardHolderName": "Pat Doe", "action": "pay"})
        assert done.status_code == 303, done.text
        return done.headers["location"]


async def test_paid_page_is_polled_to_complete_and_journaled(checkout: SsoCheckout) -> None:
    page = await checkout.open_page(Money.parse("35.00"), patient_id="P-9")
    polls: list[int] = []
    assert await pay_on_page(page) == "https://frontdeskpay.invalid/hosted/confirm"
    outcome = await checkout.wait_for_payment(page, polls.append)
    assert outcome.status is OutcomeStatus.APPROVED and outcome.approved == Money(3500)
    assert outcome.last_four == "1111" and polls
    row = await checkout.payments.journal.get(page.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert row.transaction_id == outcome.transaction_id and row.sso_token == page.token


async def left_unpaid(tmp_path: Path, token_life: float, our_limit: float) -> Outcome:
    """A page nobody pays on: the gateway's token lives ``token_life`` s, our wait
    ``our_limit`` s."""
    settings = SandboxSettings(sso_token_lifetime=timedelta(seconds=token_life))
    async with SandboxServer(settings) as server:
        svc = await service_on(server, tmp_path)
        checkout = SsoCheckout(svc, poll_interval=0.1, lifetime=our_limit)
        page = await checkout.open_page(Money.parse("10.00"))
        outcome = await checkout.wait_for_payment(page)
        await svc.gateway.aclose()
        await svc.journal.close()
    return outcome


async def test_expired_page_ends_with_nothing_charged(tmp_path: Path) -> None:
    outcome = await left_unpaid(tmp_path, token_life=0.3, our_limit=10)
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


async def test_a_token_request_in_flight_is_never_settled_as_nothing_charged(
        sandbox: SandboxServer, tmp_path: Path) -> None:
    """Another desk has asked for a token (row sent, no token yet): its page may open any
    moment, so the watch leaves it; only past the exchange's limit was no page shown."""
    from desktop_app.domain import PaymentRequest, TransactionKind
    from desktop_app.store.identity import Origin

    other = await Journal(tmp_path / "journal.sqlite3", Origin("maria", "FRONT-2")).open()
    request = PaymentRequest(TransactionKind.SSO_TOKEN, amount=Money.parse("20.00"))
    await other.record_intent(request, terminal_id="002", protocol="nvp")
    await other.mark_sent(request.reference)
    svc = await service_on(sandbox, tmp_path)
    assert await svc.reconciler.run_once() == [None]
    row = await svc.journal.get(request.reference)
    assert row is not None and row.state is JournalState.SENT
    late = Reconciler(svc.gateway, svc.journal, settle_after=timedelta(0),
                      exchange_limit=timedelta(0))
    (settled,) = await late.run_once()
    assert settled is not None and settled.message == SSO_NEVER_SHOWN
    await svc.gateway.aclose()
    await svc.journal.close()
    await other.close()


async def test_a_page_still_new_at_our_deadline_ends_expired_not_unknown(tmp_path: Path) -> None:
    outcome = await left_unpaid(tmp_path, token_life=0.8, our_limit=0.3)
    assert outcome.status is OutcomeStatus.ERROR and outcome.message == SSO_EXPIRED
    assert "nothing was charged" in outcome.summary()


@pytest.mark.parametrize("patient_pays", [False, True], ids=["expires", "paid"])
async def test_a_page_closed_by_staff_is_settled_by_the_background_watch(
        tmp_path: Path, patient_pays: bool) -> None:
    import asyncio

    settings = SandboxSettings(sso_token_lifetime=timedelta(seconds=1))
    async with SandboxServer(settings) as server:
        svc = await service_on(server, tmp_path)
        page = await SsoCheckout(svc).open_page(Money.parse("12.00"))  # then closed
        assert [r.reference for r in await svc.journal.unresolved()] == [page.reference]
        told: list[object] = []
        svc.reconciler.add_listener(told.append)
        watch = asyncio.create_task(svc.reconciler.watch(interval=0.1))
        if patient_pays:
            await pay_on_page(page)
        for _ in range(60):  # until the round that settled it has also told its listeners
            if told and not await svc.journal.unresolved():
                break
            await asyncio.sleep(0.1)
        watch.cancel()
        row = await svc.journal.get(page.reference)
        await svc.gateway.aclose()
        await svc.journal.close()
    assert row is not None and len(told) == 1
    if patient_pays:
        assert row.state is JournalState.APPROVED and row.approved == Money(1200)
    else:
        assert row.state is JournalState.ERROR and row.message == SSO_EXPIRED


async def test_the_token_request_is_a_payment_service_step(checkout: SsoCheckout) -> None:
    page = await checkout.open_page(Money.parse("9.00"))
    events = [(a["event"], a["reference"]) for a in await checkout.payments.journal.audit_rows()]
    assert events == [(e, page.reference) for e in
                      ("payment.intent", "payment.sent", "payment.sso_token")]


async def test_a_token_request_that_fails_is_journaled_and_frees_the_desk(
        tmp_path: Path) -> None:
    from desktop_app.gateway import GatewayUnreachable

    journal = await Journal(tmp_path / "journal.sqlite3").open()
    async with gateway_for("http://127.0.0.1:9", connect_timeout=0.3) as gw:
        checkout = SsoCheckout(PaymentService(gw, journal, Reconciler(gw, journal)))
        with pytest.raises(GatewayUnreachable):
            await checkout.open_page(Money.parse("9.00"))
    (row,) = await journal.history()
    await journal.close()
    assert row.state is JournalState.ERROR  # was left "sent" for the reconciler to guess


async def test_cancelling_the_token_request_shows_no_page_and_charges_nothing(
        sandbox: SandboxServer, checkout: SsoCheckout) -> None:
    import asyncio

    from tests.conftest import inject_fault

    await inject_fault(sandbox, "delay", delay=2)
    opening = asyncio.create_task(checkout.open_page(Money.parse("9.00")))
    await asyncio.sleep(0.5)
    opening.cancel()
    with pytest.raises(asyncio.CancelledError):
        await opening
    (row,) = await checkout.payments.journal.history()
    assert row.state is JournalState.ERROR and row.message == SSO_NEVER_SHOWN
    assert await checkout.payments.journal.unresolved() == []


@pytest.mark.parametrize("patient_pays", [False, True], ids=["expires", "paid"])
async def test_a_crash_between_the_token_and_the_page_is_settled_by_token_after_restart(
        tmp_path: Path, patient_pays: bool) -> None:
    """The token was journaled, then the app died before showing the page: the restarted app
    neither blocks the desk nor guesses; the token's own status settles it."""
    settings = SandboxSettings(sso_token_lifetime=timedelta(seconds=1))
    async with SandboxServer(settings) as server:
        before = await service_on(server, tmp_path)
        page = await SsoCheckout(before).open_page(Money.parse("12.00"))
        await before.gateway.aclose()
        await before.journal.close()  # the crash: nothing else of the first run survives
        if patient_pays:  # (only a copy of the URL could pay: the gateway would still book it)
            await pay_on_page(page)
        after = await service_on(server, tmp_path)
        (row,) = await after.journal.unresolved()
        assert row.sso_token == page.token and row.state is JournalState.SENT
        for _ in range(40):
            if not await after.journal.unresolved():
                break
            await after.reconciler.run_once()
            await asyncio.sleep(0.1)
        row = await after.journal.get(page.reference)
        await after.gateway.aclose()
        await after.journal.close()
    assert row is not None
    if patient_pays:
        assert row.state is JournalState.APPROVED and row.approved == Money(1200)
    else:
        assert row.state is JournalState.ERROR and row.message == SSO_EXPIRED
