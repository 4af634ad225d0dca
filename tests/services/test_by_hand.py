"""The last channel: a person settles an unknown payment from the gateway's portal, audited.
A payment no look-up can settle must not hold the terminal forever."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from desktop_app.domain import (
    CardData,
    Money,
    OutcomeStatus,
    PaymentRequest,
    Tender,
    ValidationError,
)
from desktop_app.domain import TransactionKind as K
from desktop_app.services.payments import PaymentService, TerminalBusy
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState
from tests.conftest import gateway_for

VISA = CardData("4111111111111111", 12, 2030)


def sale(amount: str = "30.00") -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money.parse(amount), tender=Tender.keyed(VISA))


@pytest.fixture
async def service(sandbox: object, journal_target: str) -> AsyncIterator[PaymentService]:
    journal = await Journal(journal_target).open()
    gateway = gateway_for(sandbox.url)  # type: ignore[attr-defined]
    yield PaymentService(gateway, journal, Reconciler(gateway, journal, timedelta(hours=1)))
    await gateway.aclose()
    await journal.close()


async def stuck(service: PaymentService, request: PaymentRequest) -> None:
    """A payment whose answer was lost and that no look-up can settle (for instance its
    reply was ambiguous, and the look-up repeats the same fields)."""
    await service.journal.record_intent(request, terminal_id=service.terminal_id,
                                        protocol="nvp")
    await service.journal.mark_sent(request.reference)
    await service.journal.mark_unknown(request.reference, "reply could be read two ways")


@pytest.mark.parametrize("charged", ["T9X77", None])
async def test_a_person_settles_it_from_the_portal_and_the_terminal_is_free_again(
        service: PaymentService, charged: str | None) -> None:
    request = sale()
    await stuck(service, request)
    with pytest.raises(TerminalBusy):
        await service.require_terminal_clear()
    outcome = await service.settle_by_hand(request.reference, charged)
    row = await service.journal.get(request.reference)
    assert row is not None
    if charged:
        assert row.state is JournalState.APPROVED and row.transaction_id == "T9X77"
        assert row.approved == Money(3000) and outcome.status is OutcomeStatus.APPROVED
    else:
        assert row.state is JournalState.ERROR and "nothing was charged" in (row.message or "")
    audit = [a for a in await service.journal.audit_rows()
             if a["event"] == "payment.settled_by_hand"]
    assert len(audit) == 1 and audit[0]["workstation"]
    assert (await service.process(sale("31.00"))).status.is_success  # the desk goes on


async def test_only_an_unknown_payment_can_be_settled_by_hand(service: PaymentService) -> None:
    approved = await service.process(sale())
    with pytest.raises(ValidationError, match="not known"):
        await service.settle_by_hand(approved.reference, None)
    request = sale("32.00")
    await stuck(service, request)
    with pytest.raises(ValidationError, match="exactly as"):
        await service.settle_by_hand(request.reference, "T 1; DROP")
    assert (await service.journal.get(request.reference)).state is JournalState.UNKNOWN  # type: ignore[union-attr]


def test_reconcile_by_hand_from_the_command_line(tmp_path: object) -> None:
    import asyncio
    import os
    import subprocess
    import sys
    from pathlib import Path

    home = Path(str(tmp_path))
    request = sale()

    async def make_stuck() -> None:
        journal = await Journal(home / "data" / "journal.sqlite3").open()
        await journal.record_intent(request, terminal_id="002", protocol="nvp")
        await journal.mark_sent(request.reference)
        await journal.mark_unknown(request.reference, "lost")
        await journal.close()

    asyncio.run(make_stuck())
    env = {**os.environ, "FRONTDESK_PAY_HOME": str(home)}
    root = Path(__file__).resolve().parents[2]
    base = [sys.executable, "main.py", "reconcile", "--by-hand", request.reference, "--json"]
    asked = subprocess.run(base, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert asked.returncode == 3 and "--charged" in asked.stdout + asked.stderr
    done = subprocess.run([*base, "--not-charged"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["state"] == "error"
