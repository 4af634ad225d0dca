"""The last channel: a person settles an unknown payment from the gateway's portal, audited.
A payment no look-up can settle must not hold the terminal forever."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
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
from desktop_app.services.payments import PaymentService, PossibleDoubleCharge, TerminalBusy
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState
from tests.conftest import charges_for, gateway_for, inject_fault, sandbox_admin

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
async def test_a_person_settles_it_from_the_portal_and_the_repeat_is_allowed_again(
        service: PaymentService, charged: str | None) -> None:
    request = sale()
    await stuck(service, request)
    with pytest.raises(PossibleDoubleCharge):
        await service.require_terminal_clear(sale())  # the same 30.00 again: maybe a repeat
    await service.require_terminal_clear(sale("31.00"))  # anything else: the desk goes on
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
    assert len(audit) == 1 and audit[0]["workstation"] and audit[0]["os_user"]
    assert audit[0]["detail"] == ("T9X77 $30.00" if charged else "not charged")
    assert (await service.process(sale())).status.is_success  # the desk may charge it now


async def test_the_amount_staff_confirm_is_what_is_recorded(service: PaymentService) -> None:
    request = sale()
    await stuck(service, request)
    with pytest.raises(ValidationError, match="no more than was asked"):
        await service.settle_by_hand(request.reference, "T1", Money(3001))
    outcome = await service.settle_by_hand(request.reference, "T1", Money(1250))
    assert outcome.status is OutcomeStatus.PARTIALLY_APPROVED
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.PARTIALLY_APPROVED
    assert (row.approved, row.balance_due) == (Money(1250), Money(1750))


async def test_same_patient_is_held_but_another_patient_with_the_same_copay_is_not(
        service: PaymentService) -> None:
    mine = PaymentRequest(K.SALE, amount=Money(2500), tender=Tender.keyed(VISA),
                          patient_id="P-100")
    await stuck(service, mine)
    with pytest.raises(PossibleDoubleCharge):  # the same patient, any amount
        await service.require_terminal_clear(replace(mine, reference="X1", amount=Money(99)))
    with pytest.raises(PossibleDoubleCharge):  # no patient named: the same amount is held
        await service.require_terminal_clear(sale("25.00"))
    other = replace(mine, reference="X2", patient_id="P-200")
    await service.require_terminal_clear(other)  # two patients, one copay: not a repeat
    refund = PaymentRequest(K.REFUND, amount=Money(2500), tender=Tender.keyed(VISA),
                            patient_id="P-100")
    await service.require_terminal_clear(refund)  # money the other way: not a repeat


async def test_a_crashed_exchange_holds_the_terminal_only_while_it_may_run(
        sandbox: object, journal_target: str) -> None:
    journal = await Journal(journal_target).open()
    gateway = gateway_for(sandbox.url)  # type: ignore[attr-defined]
    reconciler = Reconciler(gateway, journal, timedelta(hours=1),
                            exchange_limit=timedelta(seconds=0))
    service = PaymentService(gateway, journal, reconciler)
    try:
        request = sale()
        await journal.record_intent(request, terminal_id=service.terminal_id, protocol="nvp")
        await journal.mark_sent(request.reference)  # and the process died here
        reconciler.settle_after = timedelta(hours=1)
        with pytest.raises(TerminalBusy, match="still being checked"):
            await service.require_terminal_clear(sale("5.00"))
        reconciler.settle_after = timedelta(0)  # its exchange can no longer be running
        await service.require_terminal_clear(sale("5.00"))
        row = await journal.get(request.reference)
        assert row is not None and row.state is JournalState.UNKNOWN
        with pytest.raises(PossibleDoubleCharge):
            await service.require_terminal_clear(sale())
    finally:
        await gateway.aclose()
        await journal.close()


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
    base = [sys.executable, "main.py", "reconcile", "settle", request.reference, "--json"]
    asked = subprocess.run(base, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert asked.returncode == 2 and "--transaction-id" in asked.stderr  # say which
    too_much = subprocess.run([*base, "--transaction-id", "T1", "--amount", "30.01"], cwd=root,
                              env=env, capture_output=True, text=True, timeout=60)
    assert too_much.returncode == 3 and "no more than was asked" in too_much.stdout
    done = subprocess.run([*base, "--transaction-id", "T1", "--amount", "12.00"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == {"reference": request.reference,
                                       "state": "partially_approved", "transaction_id": "T1",
                                       "approved": "12.00"}
    again = subprocess.run([*base, "--not-charged"], cwd=root, env=env, capture_output=True,
                           text=True, timeout=60)
    assert again.returncode == 3 and "not known" in again.stdout  # settled once only


async def test_a_lost_reply_no_channel_answers_is_settled_from_the_portal(
        service: PaymentService, sandbox: object) -> None:
    """No receiver, no EOD file yet: the charge stays unknown, however often it is checked,
    until staff read the portal (here: the sandbox's ledger, which is what its portal shows)."""
    await inject_fault(sandbox, "drop_after_charge")
    request = sale("44.00")
    service.lookup_attempts = 2
    assert (await service.process(request)).status is OutcomeStatus.UNKNOWN
    assert await service.reconciler.run_once() == [None]
    (charged,) = [e for e in await sandbox_admin(sandbox, "GET", "/sandbox/ledger")  # type: ignore[attr-defined]
                  if e["additional_info"].get("additionalInfo1") == request.reference]
    outcome = await service.settle_by_hand(request.reference, charged["transaction_id"],
                                           Money.parse(charged["amount_approved"]))
    assert outcome.status is OutcomeStatus.APPROVED
    row = await service.journal.get(request.reference)
    assert row is not None and row.transaction_id == charged["transaction_id"]
    assert row.approved == Money(4400) and await charges_for(sandbox, request.reference) == 1
