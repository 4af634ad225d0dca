"""PaymentService over the real sandbox and a real journal file."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.domain import (
    CardData,
    Money,
    Outcome,
    OutcomeStatus,
    PaymentRequest,
    Tender,
    TransactionKind,
    ValidationError,
)
from desktop_app.gateway import GatewayError, GatewayUnreachable
from desktop_app.services.payments import PaymentService, PossibleDoubleCharge
from desktop_app.services.reconcile import NOT_CHARGED, Reconciler
from desktop_app.store import Journal, JournalState
from tests.conftest import charges_for, gateway_for, inject_fault
from tests.services.conftest import Hooked

VISA = CardData("4111111111111111", 12, 2030)
K = TransactionKind


def sale(amount: str = "10.00") -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money.parse(amount), tender=Tender.keyed(VISA))


@pytest.fixture
async def service(sandbox: object, journal_target: str) -> AsyncIterator[PaymentService]:
    journal = await Journal(journal_target).open()
    gateway = gateway_for(sandbox.url, read_timeout=1.0)  # type: ignore[attr-defined]
    reconciler = Reconciler(gateway, journal, settle_after=timedelta(seconds=3))
    yield PaymentService(gateway, journal, reconciler, lookup_attempts=2, lookup_delay=0.05)
    await gateway.aclose()
    await journal.close()


async def test_approved_sale_is_journaled_with_masked_card(service: PaymentService) -> None:
    outcome = await service.process(sale())
    row = await service.journal.get(outcome.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert row.approved == Money(1000) and row.transaction_id == outcome.transaction_id
    events = [a["event"] for a in await service.journal.audit_rows()]
    assert events == ["payment.intent", "payment.sent", "payment.approved"]


async def test_partial_approval_records_what_was_approved(service: PaymentService) -> None:
    outcome = await service.process(sale("80.10"))
    assert outcome.status is OutcomeStatus.PARTIALLY_APPROVED
    row = await service.journal.get(outcome.reference)
    assert row is not None and (row.approved, row.balance_due) == (Money(4005), Money(4005))


async def test_lost_reply_is_settled_by_its_webhook_and_charged_once(
        hooked: Hooked, tmp_path: Path) -> None:
    """No look-up by our reference exists: the webhook carrying it (AdditionalInfo1) is
    what settles a lost reply, while the sale is still being taken."""
    journal = await Journal(tmp_path / "journal.sqlite3").open()
    async with gateway_for(hooked.url, read_timeout=1.0) as gw:
        svc = PaymentService(gw, journal, Reconciler(gw, journal, webhooks=hooked.store),
                             lookup_attempts=20, lookup_delay=0.05)
        await inject_fault(hooked.sandbox, "drop_after_charge")
        request = sale()
        outcome = await svc.process(request)
    assert outcome.status is OutcomeStatus.APPROVED and outcome.transaction_id
    assert await charges_for(hooked.sandbox, request.reference) == 1
    audit = [a for a in await journal.audit_rows() if a["reference"] == request.reference]
    assert [a["event"] for a in audit][-2:] == ["payment.approved", "reconcile.webhook"]
    await journal.close()


async def test_timeout_leaves_unknown_which_frees_the_terminal_but_not_for_a_repeat(
        service: PaymentService, sandbox: object) -> None:
    await inject_fault(sandbox, "delay", delay=2)  # slower than our 1 s read timeout
    request = sale()
    outcome = await service.process(request)
    assert outcome.status is OutcomeStatus.UNKNOWN
    assert "declined" not in outcome.summary().lower()
    with pytest.raises(PossibleDoubleCharge, match="may have been charged") as caught:
        await service.process(sale())  # the same amount again, no patient: maybe a repeat
    assert caught.value.unknown.reference == request.reference
    other = await service.process(sale("1.00"))  # another payment: the desk goes on
    assert other.status is OutcomeStatus.APPROVED
    await asyncio.sleep(3.2)  # past settle_after: still nobody may say "not charged"
    await service.reconciler.run_once()
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.UNKNOWN


async def test_over_refund_and_double_void_are_refused_locally(service: PaymentService) -> None:
    paid = await service.process(sale("20.00"))
    await service.process(PaymentRequest(K.SIMPLE_REFUND, amount=Money(1500),
                                         transaction_id=paid.transaction_id))
    with pytest.raises(ValidationError, match=r"more than the \$5\.00 left"):
        await service.process(PaymentRequest(K.SIMPLE_REFUND, amount=Money(600),
                                             transaction_id=paid.transaction_id))
    other = await service.process(sale("3.00"))
    await service.process(PaymentRequest(K.VOID, transaction_id=other.transaction_id))
    with pytest.raises(ValidationError, match="already been voided"):
        await service.process(PaymentRequest(K.VOID, transaction_id=other.transaction_id))


async def test_gateway_refusal_is_recorded_as_error_and_raised(service: PaymentService) -> None:
    with pytest.raises(GatewayError):
        await service.process(PaymentRequest(K.VOID, transaction_id="no-such-transaction"))
    rows = await service.journal.history()
    assert rows[0].state is JournalState.ERROR


async def test_unreachable_gateway_charges_nothing(tmp_path: Path) -> None:
    journal = await Journal(tmp_path / "j.sqlite3").open()
    async with gateway_for("http://127.0.0.1:9", connect_timeout=0.3) as gw:
        svc = PaymentService(gw, journal, Reconciler(gw, journal), lookup_attempts=1)
        with pytest.raises(GatewayUnreachable):
            await svc.process(sale())
    row = (await journal.history())[0]
    assert row.state is JournalState.ERROR
    await journal.close()


async def test_pending_row_that_never_left_is_settled_as_not_charged(
        service: PaymentService) -> None:
    request = sale()
    await service.journal.record_intent(request, terminal_id="002", protocol="nvp")
    await service.reconciler.run_once()
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.ERROR and row.message == NOT_CHARGED


async def test_watch_settles_unknown_payments_in_the_background(
        service: PaymentService) -> None:
    request = sale()
    await service.journal.record_intent(request, terminal_id="002", protocol="nvp")
    told: list[Outcome] = []
    service.reconciler.add_listener(told.append)
    watcher = asyncio.create_task(service.reconciler.watch(interval=0.05))
    try:
        for _ in range(100):  # until the listener is told: the row settles a moment before
            if told:
                break
            await asyncio.sleep(0.05)
    finally:
        watcher.cancel()
    assert await service.journal.unresolved() == []
    assert [o.reference for o in told] == [request.reference]  # the UI is told, once


async def test_saved_card_is_remembered_by_token_and_charged(service: PaymentService) -> None:
    from desktop_app.domain import TenderKind

    saved = await service.process(PaymentRequest(K.SAVE_ON_FILE, tender=Tender.keyed(VISA),
                                                 patient_id="P-42"))
    assert saved.status is OutcomeStatus.APPROVED
    (record,) = await service.journal.saved_cards.for_patient("P-42")
    assert (record.card.brand, record.card.last_four) == ("VISA", "1111")
    assert "1111" in repr(record.card) and record.card.token not in repr(record.card)
    charged = await service.process(PaymentRequest(
        K.CHARGE_SAVED_CARD, amount=Money(700), patient_id="P-42",
        tender=Tender(TenderKind.SAVED_CARD, saved_card=record.card)))
    assert charged.status is OutcomeStatus.APPROVED


async def test_emv_receipt_tags_are_kept_for_reprints(service: PaymentService) -> None:
    from desktop_app.domain import EntryMode, TenderKind

    tags = {"4F": "A0000000031010", "50": "VISA CREDIT", "95": "0000008000", "9B": "E800"}
    tender = Tender(TenderKind.CHIP, card=VISA, entry_mode=EntryMode.CHIP, emv_tags=tags)
    outcome = await service.process(PaymentRequest(K.SALE, amount=Money(1200), tender=tender))
    row = await service.journal.get(outcome.reference)
    assert row is not None and row.emv_tags == tags and row.entry_mode == "Chip"


async def test_a_failure_after_the_approval_was_recorded_is_told_as_the_approval(
        service: PaymentService) -> None:
    """A cancel or error landing after the gateway said yes (saving the card, a bug) must
    never be shown as "nothing was charged"."""
    request = sale("12.00")
    outcome = await service.process(request)
    told = await service.after_failure(request)
    assert told is not None and told.status is OutcomeStatus.APPROVED
    assert (told.approved, told.transaction_id) == (Money(1200), outcome.transaction_id)
    never_sent = sale("13.00")
    assert await service.after_failure(never_sent) is None  # no row: it never left
