"""Hostile replies through the real PaymentService, Reconciler and a SQLite journal file:
the payment is journaled unknown, nothing is re-sent, the terminal waits, and a later
look-up that finds the charge settles it (issue 10, §2: "nothing re-sent", "journal
consistent")."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.domain import OutcomeStatus
from desktop_app.services.payments import PaymentService, TerminalBusy
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState
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
    reconciler = Reconciler(gateway, journal, settle_after=timedelta(seconds=settle_after))
    return PaymentService(gateway, journal, reconciler, lookup_attempts=2, lookup_delay=0.05)


@pytest.fixture
async def service(hostile: Hostile, tmp_path: Path) -> AsyncIterator[PaymentService]:
    svc = await open_service(hostile, tmp_path, settle_after=30)
    yield svc
    await svc.gateway.aclose()
    await svc.journal.close()


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
    assert hostile.lookups[request.reference] >= 1, "looked up by our reference"
    assert not SETTLED_WRONGLY & set(await events(service, request.reference))

    hostile.mode = "approve"  # the gateway is fine again: the desk still waits
    second = sale()
    with pytest.raises(TerminalBusy):
        await service.process(second)
    assert hostile.payments[second.reference] == 0

    hostile.lookup = "found"  # the look-up finds the charge: adopted, not charged again
    await service.reconciler.run_once()
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert hostile.payments[request.reference] == 1


async def test_dripping_reply_is_not_settled_by_a_window_it_used_up(
        hostile: Hostile, tmp_path: Path) -> None:
    """The exchange lasts 2.5 s, longer than the 1.5 s settle window: counted from when it
    was sent, "not found" would mean "nothing charged"; counted from its end, it waits."""
    svc = await open_service(hostile, tmp_path, settle_after=1.5, read_timeout=2.0)
    try:
        hostile.mode = "drip"
        request = sale()
        outcome = await svc.process(request)
        assert outcome.status is OutcomeStatus.UNKNOWN
        assert hostile.lookups[request.reference] >= 1  # asked, and told "not found"
        assert await svc.reconciler.run_once() == [None]
        row = await svc.journal.get(request.reference)
        assert row is not None and row.state is JournalState.UNKNOWN
        assert "reconcile.not_charged" not in await events(svc, request.reference)
    finally:
        await svc.gateway.aclose()
        await svc.journal.close()


async def test_lookups_that_hang_leave_it_unknown(service: PaymentService,
                                                  hostile: Hostile) -> None:
    hostile.mode, hostile.lookup = "gzip_garbage", "hang"
    request = sale()
    outcome = await service.process(request)
    assert outcome.status is OutcomeStatus.UNKNOWN
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.UNKNOWN
    assert hostile.payments[request.reference] == 1
