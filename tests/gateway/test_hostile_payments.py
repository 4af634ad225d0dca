"""Hostile replies through the real PaymentService, Reconciler and a SQLite journal file:
the payment is journaled unknown, nothing is re-sent, no look-up by our reference is made
(the real gateway has none), a repeat of it is refused, and its webhook, once it arrives in
the real webhook store, settles it (issue 10, §2: "nothing re-sent", "journal consistent";
issue 11: reconciliation through the real channels)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.domain import OutcomeStatus
from desktop_app.services.payments import PaymentService, PossibleDoubleCharge
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.store import WebhookStore, open_webhook_store
from tests.conftest import gateway_for
from tests.gateway.hostile import Hostile
from tests.gateway.hostile_cases import sale, use

SETTLED_WRONGLY = {"payment.approved", "payment.partially_approved", "payment.declined",
                   "payment.error", "reconcile.not_charged"}
MODES = ["drip", "gzip_garbage", "oversized", "reset", "approval on HTTP 500",
         "duplicate code, other value", "errorCode with an approval", "unlisted code 999",
         "partial larger than the request"]


@pytest.fixture
async def hostile() -> AsyncIterator[Hostile]:
    server = await Hostile(drip_interval=0.2).start()
    yield server
    await server.stop()


async def open_service(hostile: Hostile, tmp_path: Path, settle_after: float,
                       read_timeout: float = 1.0) -> PaymentService:
    journal = await Journal(str(tmp_path / "journal.sqlite3")).open()
    gateway = gateway_for(hostile.url, read_timeout=read_timeout, connect_timeout=0.5)
    webhooks = await open_webhook_store(tmp_path / "webhooks.sqlite3").open()
    reconciler = Reconciler(gateway, journal, settle_after=timedelta(seconds=settle_after),
                            webhooks=webhooks)
    return PaymentService(gateway, journal, reconciler, lookup_attempts=2, lookup_delay=0.05)


async def close(svc: PaymentService) -> None:
    await svc.gateway.aclose()
    await svc.journal.close()
    await svc.reconciler.webhooks.close()  # type: ignore[union-attr]


@pytest.fixture
async def service(hostile: Hostile, tmp_path: Path) -> AsyncIterator[PaymentService]:
    svc = await open_service(hostile, tmp_path, settle_after=30)
    yield svc
    await close(svc)


def approval_webhook(reference: str) -> bytes:
    """The gateway's webhook for the charge, PascalCase as HHK reads it (webhooks.json)."""
    return json.dumps({"TransactionID": "HOSTILE-TXN-1", "TransactionAction": "Sale",
                       "CurrentTransactionStatusCode": "C", "Amount": "10.00",
                       "ResponseCode": "000", "AdditionalInfo1": reference}).encode()


async def events(service: PaymentService, reference: str) -> list[str]:
    return [str(a["event"]) for a in await service.journal.audit_rows()
            if a.get("reference") == reference]


@pytest.mark.parametrize("mode", MODES)
async def test_hostile_reply_is_journaled_unknown_and_never_resent(
        service: PaymentService, hostile: Hostile, mode: str) -> None:
    use(hostile, mode)
    request = sale()
    outcome = await service.process(request)
    assert outcome.status is OutcomeStatus.UNKNOWN
    assert "declined" not in outcome.summary().lower()
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.UNKNOWN
    assert hostile.payments[request.reference] == 1, "sent once"
    assert hostile.lookups[request.reference] == 0, "no look-up by our reference exists"
    assert not SETTLED_WRONGLY & set(await events(service, request.reference))

    hostile.mode = "approve"  # the gateway is fine again: a repeat of it is still refused
    second = sale()
    with pytest.raises(PossibleDoubleCharge):
        await service.process(second)
    assert hostile.payments[second.reference] == 0

    webhooks = service.reconciler.webhooks
    assert isinstance(webhooks, WebhookStore)
    await webhooks.save(parse_json(approval_webhook(request.reference)))  # it arrives
    await service.reconciler.run_once()
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert row.transaction_id == "HOSTILE-TXN-1"
    assert hostile.payments[request.reference] == 1


async def test_dripping_reply_is_not_settled_by_a_window_it_used_up(
        hostile: Hostile, tmp_path: Path) -> None:
    """The exchange lasts 2.5 s, longer than the 1.5 s settle window: a sent payment is
    never declared "nothing charged" by a clock, whichever way the window is counted."""
    svc = await open_service(hostile, tmp_path, settle_after=1.5, read_timeout=2.0)
    try:
        hostile.mode = "drip"
        request = sale()
        outcome = await svc.process(request)
        assert outcome.status is OutcomeStatus.UNKNOWN
        assert await svc.reconciler.run_once() == [None]
        row = await svc.journal.get(request.reference)
        assert row is not None and row.state is JournalState.UNKNOWN
        assert "reconcile.not_charged" not in await events(svc, request.reference)
    finally:
        await close(svc)


async def test_an_unreadable_reply_stays_unknown_and_no_look_up_is_made(
        service: PaymentService, hostile: Hostile) -> None:
    """The service's settle attempts after an unreadable reply use the reconciler's own
    channels and never the gateway: one that would hang any look-up (ViewReceipt) cannot
    hold the desk, and the payment comes back unknown, journaled so, sent once."""
    hostile.mode, hostile.lookup = "gzip_garbage", "hang"
    request = sale()
    outcome = await asyncio.wait_for(service.process(request), 60)
    assert outcome.status is OutcomeStatus.UNKNOWN
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.UNKNOWN
    assert (hostile.payments[request.reference], hostile.lookups[request.reference]) == (1, 0)
