"""Workstations racing for one terminal on one shared journal, against the real sandbox.

Each desk is a PaymentService with its own Journal connection (its own database thread)
and its own identity; all share the terminal ID. Sales are slowed at the gateway (0.3 s
before the charge), so every desk's check sees the others' payments pending, sent and
in the middle of their exchange.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from desktop_app.domain import CardData, Money, Outcome, PaymentRequest, Tender, TransactionKind
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.services.payments import NotSent, PaymentService, TerminalBusy
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState
from desktop_app.store.identity import Origin
from tests.conftest import gateway_for, sandbox_admin

DESKS = 4
SALES_EACH = 3
VISA = CardData("4111111111111111", 12, 2030)


@dataclass
class InFlight:
    """Sales between hand-over to the real transport and its reply, across all desks."""

    now: int = 0
    peak: int = 0
    sent: list[str] = field(default_factory=list)

    def watch(self, gateway: GatewayClient) -> None:
        real = gateway.send

        async def send(request: PaymentRequest, protocol: Protocol | None = None) -> Outcome:
            if request.kind is not TransactionKind.SALE:
                return await real(request, protocol)
            self.now += 1
            self.peak = max(self.peak, self.now)
            self.sent.append(request.reference)
            try:
                return await real(request, protocol)
            finally:
                self.now -= 1
        gateway.send = send  # type: ignore[method-assign]


@pytest.fixture
async def desks(sandbox: object, journal_target: str) -> AsyncIterator[
        tuple[list[PaymentService], InFlight]]:
    """On PostgreSQL (a clinic's shared journal) and on SQLite (several processes, one PC)."""
    url = journal_target
    await sandbox_admin(sandbox, "POST", "/sandbox/faults", json={
        "mode": "delay", "delay": 0.3, "count": 0, "match": {"transactionAction": "AuthCapt"}})
    flight = InFlight()
    services = []
    for i in range(DESKS):
        journal = await Journal(url, Origin(f"desk{i}", f"FRONT-{i}")).open()
        gateway = gateway_for(sandbox.url, read_timeout=10.0)  # type: ignore[attr-defined]
        flight.watch(gateway)
        # A short settle window: without the in-flight rules a desk would call another
        # desk's slow sale "never reached the gateway" while the gateway is charging it.
        reconciler = Reconciler(gateway, journal, settle_after=timedelta(seconds=0.1),
                                exchange_limit=timedelta(seconds=20))
        services.append(PaymentService(gateway, journal, reconciler, lookup_attempts=1))
    yield services, flight
    for svc in services:
        await svc.gateway.aclose()
        await svc.journal.close()


async def take_sales(svc: PaymentService, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    seen = {"approved": 0, "busy": 0, "not_sent": 0, "other": 0}
    deadline = asyncio.get_running_loop().time() + 60
    while seen["approved"] < SALES_EACH and asyncio.get_running_loop().time() < deadline:
        request = PaymentRequest(TransactionKind.SALE, amount=Money(1000),
                                 tender=Tender.keyed(VISA))
        try:
            outcome = await svc.process(request)
        except TerminalBusy:
            seen["busy"] += 1
        except NotSent:
            seen["not_sent"] += 1
        else:
            seen["approved" if outcome.status.is_success else "other"] += 1
        await asyncio.sleep(rng.uniform(0, 0.1))
    return seen


async def test_desks_racing_for_one_terminal_never_overlap_and_journal_equals_ledger(
        desks: tuple[list[PaymentService], InFlight], sandbox: object) -> None:
    services, flight = desks
    counts = await asyncio.gather(*(take_sales(s, i) for i, s in enumerate(services)))
    total = {k: sum(c[k] for c in counts) for k in counts[0]}
    print("race:", total, "peak in flight:", flight.peak)

    assert flight.peak == 1, f"{flight.peak} sales in flight at once on one terminal"
    assert total["approved"] == DESKS * SALES_EACH and total["busy"] > 0
    assert total["other"] == 0

    journal = services[0].journal
    rows = {r.reference: r for r in await journal.history(limit=10_000)}
    ledger = await sandbox_admin(sandbox, "GET", "/sandbox/ledger")
    charged = {e["additional_info"]["additionalInfo1"]  # type: ignore[attr-defined]
               for e in ledger if e["kind"] == "sale"}  # type: ignore[attr-defined]
    approved = {ref for ref, r in rows.items() if r.state is JournalState.APPROVED}
    assert approved == charged, "journal and gateway ledger disagree"
    assert set(flight.sent) == charged  # everything handed to the transport was charged
    assert await journal.unresolved() == []

    audit = await journal.audit_rows()
    sent = {a["reference"] for a in audit if a["event"] == "payment.sent"}
    not_charged = {a["reference"] for a in audit if a["event"] == "reconcile.not_charged"}
    assert not sent & not_charged, "a payment was called not charged after it was sent"
