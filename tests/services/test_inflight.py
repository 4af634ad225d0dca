"""When a payment the gateway has no record of may still be in flight, and who may say it
was never charged. Real journals on both backends; a real sandbox or a loopback gateway
that drips its reply."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from desktop_app.domain import CardData, Money, Outcome, OutcomeStatus, PaymentRequest, Tender
from desktop_app.domain import TransactionKind as K
from desktop_app.services.payments import NotSent, PaymentService
from desktop_app.services.reconcile import NOT_CHARGED, Reconciler
from desktop_app.store import Journal, JournalState
from desktop_app.store.identity import Origin
from tests.conftest import gateway_for, sandbox_admin

VISA = CardData("4111111111111111", 12, 2030)
OTHER_DESK = Origin("maria", "FRONT-2")


def sale() -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money(1500), tender=Tender.keyed(VISA))


@pytest.fixture
async def journal(journal_target: str) -> AsyncIterator[Journal]:
    j = await Journal(journal_target).open()
    yield j
    await j.close()


async def set_times(journal: Journal, reference: str, **ago: float) -> None:
    """Move a row's sent_at / ended_at / created_at this many seconds into the past."""
    for column, seconds in ago.items():
        at = (datetime.now(UTC) - timedelta(seconds=seconds)).isoformat()
        await journal.db.run(lambda c=column, a=at: journal.db.change(
            f"UPDATE payments SET {c}=? WHERE reference=?", (a, reference)))


async def test_a_sent_payment_is_never_declared_not_charged_by_a_clock(
        journal: Journal, sandbox: object) -> None:
    """Sent ten minutes ago, its exchange ended long past any window: with no look-up by
    our reference, silence from every channel still does not mean nothing was charged."""
    request = sale()
    await journal.record_intent(request, terminal_id="002", protocol="nvp")
    await journal.mark_sent(request.reference)
    await set_times(journal, request.reference, sent_at=600)
    await journal.mark_unknown(request.reference, "reply never finished")
    await set_times(journal, request.reference, ended_at=3600)
    async with gateway_for(sandbox.url) as gw:  # type: ignore[attr-defined]
        reconciler = Reconciler(gw, journal, settle_after=timedelta(seconds=90))
        row = await journal.get(request.reference)
        assert row is not None and await reconciler.settle(row) is None
    assert (await journal.get(request.reference)).state is JournalState.UNKNOWN  # type: ignore[union-attr]
    assert "reconcile.not_charged" not in [a["event"] for a in await journal.audit_rows()]


async def test_another_desks_exchange_without_an_end_is_in_flight(
        journal_target: str, sandbox: object) -> None:
    other = await Journal(journal_target, OTHER_DESK).open()
    request = sale()
    await other.record_intent(request, terminal_id="002", protocol="nvp")
    await other.mark_sent(request.reference)
    await set_times(other, request.reference, sent_at=120)  # past settle_after, not the limit
    mine = await Journal(journal_target).open()
    async with gateway_for(sandbox.url) as gw:  # type: ignore[attr-defined]
        reconciler = Reconciler(gw, mine, settle_after=timedelta(seconds=90),
                                exchange_limit=timedelta(minutes=5))
        assert await reconciler.run_once() == [None]
    assert (await mine.get(request.reference)).state is JournalState.SENT  # type: ignore[union-attr]
    await mine.close()
    await other.close()


async def test_a_stale_not_charged_never_lands_and_a_settled_intent_is_never_sent(
        journal_target: str, sandbox: object) -> None:
    """Desk B judges desk A's intent; A sends it meanwhile: B's "not charged" is refused.
    And when B's judgement lands first, A does not send it."""
    a = await Journal(journal_target, OTHER_DESK).open()
    b = await Journal(journal_target).open()
    first = sale()
    await a.record_intent(first, terminal_id="002", protocol="nvp")
    judged = await b.get(first.reference)
    assert judged is not None
    await a.mark_sent(first.reference)  # A moves on while B looks it up
    assert not await b.record_outcome(first.reference, not_charged(first), judged=judged)
    assert (await b.get(first.reference)).state is JournalState.SENT  # type: ignore[union-attr]
    await a.record_outcome(first.reference, not_charged(first))

    async with gateway_for(sandbox.url) as gw:  # type: ignore[attr-defined]
        desk_a = PaymentService(gw, a, Reconciler(gw, a))
        desk_b = Reconciler(gw, b, settle_after=timedelta(0))
        real_mark_sent = a.mark_sent

        async def b_settles_first(reference: str) -> bool:
            (row,) = await b.unresolved()
            assert (await desk_b.settle(row)).message == NOT_CHARGED  # type: ignore[union-attr]
            return await real_mark_sent(reference)

        a.mark_sent = b_settles_first  # type: ignore[method-assign]
        with pytest.raises(NotSent, match="nothing was charged"):
            await desk_a.process(sale())
        assert await sandbox_admin(sandbox, "GET", "/sandbox/ledger") == []
    await a.close()
    await b.close()


def not_charged(request: PaymentRequest) -> Outcome:
    return Outcome(OutcomeStatus.ERROR, reference=request.reference, message=NOT_CHARGED)


async def test_a_late_reply_never_overwrites_a_newer_truth(journal: Journal) -> None:
    request = sale()
    await journal.record_intent(request, terminal_id="002", protocol="nvp")
    await journal.mark_sent(request.reference)
    approved = Outcome(OutcomeStatus.APPROVED, reference=request.reference,
                       approved=Money(1500), transaction_id="T1")
    assert await journal.record_outcome(request.reference, approved)
    assert not await journal.mark_unknown(request.reference, "cancelled")
    assert not await journal.record_outcome(request.reference, not_charged(request))
    row = await journal.get(request.reference)
    assert row is not None and (row.state, row.transaction_id) == (JournalState.APPROVED, "T1")
    events = [a["event"] for a in await journal.audit_rows()]
    assert "payment.unknown.refused" in events and "payment.error.refused" in events


@pytest.fixture
async def dripping_gateway() -> AsyncIterator[str]:
    """Starts a sale reply with ``responseCode=000`` and drips it for 1.5 s, then drops the
    connection; has never heard of any reference when asked."""
    async def nvp(request: web.Request) -> web.StreamResponse:
        body = await request.text()
        if "ViewReceipt" in body:
            return web.Response(text="errorCode=404&errorMessage=Transaction+not+found")
        response = web.StreamResponse(headers={"Content-Length": "4096"})
        await response.prepare(request)
        await response.write(b"responseCode=000&")
        for _ in range(15):
            await asyncio.sleep(0.1)
            await response.write(b"x")
        assert request.transport is not None
        request.transport.abort()
        return response

    app = web.Application()
    app.router.add_post("/payment/NVP.aspx", nvp)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_a_reply_that_dripped_past_the_window_stays_unknown(
        journal: Journal, dripping_gateway: str) -> None:
    async with gateway_for(dripping_gateway, read_timeout=1.0) as gw:
        reconciler = Reconciler(gw, journal, settle_after=timedelta(seconds=1))
        service = PaymentService(gw, journal, reconciler, lookup_attempts=2, lookup_delay=0.1)
        request = sale()
        outcome = await service.process(request)
        assert outcome.status is OutcomeStatus.UNKNOWN
        assert (await reconciler.run_once()) == [None]  # a moment later: still in the window
    row = await journal.get(request.reference)
    assert row is not None and row.state is JournalState.UNKNOWN and row.ended_at is not None
    assert row.sent_at is not None and row.ended_at > row.sent_at


async def test_the_gateways_approval_overrules_another_desks_not_charged_by_hand(
        journal_target: str, sandbox: object) -> None:
    """Staff at desk B settle desk A's slow sale by hand as not charged (misreading the
    portal) while the gateway is charging it. A's approval then arrives: the journal says
    approved (audited as overruled), never "nothing was charged"."""
    a = await Journal(journal_target, OTHER_DESK).open()
    b = await Journal(journal_target).open()
    await sandbox_admin(sandbox, "POST", "/sandbox/faults", json={
        "mode": "delay", "delay": 1.5, "count": 1})
    async with gateway_for(sandbox.url, read_timeout=10.0) as gw:  # type: ignore[attr-defined]
        desk_a = PaymentService(gw, a, Reconciler(gw, a))
        desk_b = PaymentService(gw, b, Reconciler(gw, b))
        paying = asyncio.ensure_future(desk_a.process(sale()))
        await asyncio.sleep(0.5)  # A's sale is with the gateway
        (row,) = await b.unresolved()
        guess = await desk_b.settle_by_hand(row.reference, None)
        assert guess.status is OutcomeStatus.ERROR  # B's wrong word lands
        outcome = await paying
        assert outcome.status is OutcomeStatus.APPROVED
        recorded = await b.get(outcome.reference)
        assert recorded is not None and recorded.state is JournalState.APPROVED
        events = [r["event"] for r in await b.audit_rows()]
        assert "reconcile.overruled" in events
    await a.close()
    await b.close()
