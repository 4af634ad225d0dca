"""PlanService over the real sandbox (SOAP DoPaymentPlanCreate on loopback), a real journal
and a real webhook receiver: plans are set up on a card saved on file, their instalments run
in the sandbox, and the gateway's plan webhooks show against each plan."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest

from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.services.history import GatewayUpdates
from desktop_app.services.plans import PlanService, PlanView
from desktop_app.store import Journal
from desktop_app.store.plans import PlanState, PlanTerms
from desktop_app.webhooks.config import ReceiverConfig
from desktop_app.webhooks.server import WebhookServer
from desktop_app.webhooks.store import open_webhook_store
from tests.conftest import gateway_for, inject_fault

VISA = CardData("4111111111111111", 12, 2030)


@dataclass
class Desk:
    plans: PlanService
    sandbox: SandboxServer
    token: str

    def terms(self, total: str = "100.00", payments: int = 3, token: str = "") -> PlanTerms:
        return PlanTerms("P-42", Money.parse(total), payments, "monthly", date(2027, 1, 31),
                         token or self.token, "VISA ****1111")

    async def run_next(self, plan_id: str) -> dict[str, str]:
        async with httpx.AsyncClient(base_url=self.sandbox.url) as client:
            response = await client.post(f"/sandbox/plans/{plan_id}/run")
        result: dict[str, str] = response.json()
        return result

    async def updates_for(self, key: str, count: int) -> PlanView:
        for _ in range(250):
            view = await self.plans.plan(key)
            assert view is not None
            if len(view.updates) >= count:
                return view
            await asyncio.sleep(0.02)
        raise AssertionError(f"{count} plan updates did not arrive")


@pytest.fixture
async def desk(tmp_path: Path, journal_target: str) -> AsyncIterator[Desk]:
    store = tmp_path / "webhooks.sqlite3"
    receiver = WebhookServer(ReceiverConfig(port=0, sandbox=True, shutdown_timeout=2.0),
                             open_webhook_store(store))
    await receiver.start()
    settings = SandboxSettings(webhook_url=receiver.url, webhook_retry_delays=(0.05,) * 5)
    async with SandboxServer(settings) as sandbox:
        journal = await Journal(journal_target).open()
        gateway = gateway_for(sandbox.url, read_timeout=2.0)
        saved = await gateway.send(PaymentRequest(TransactionKind.SAVE_ON_FILE,
                                                  tender=Tender.keyed(VISA), patient_id="P-42"))
        updates = GatewayUpdates(store)
        yield Desk(PlanService(gateway, journal, updates), sandbox, saved.saved_card_token)
        await updates.close()
        await gateway.aclose()
        await journal.close()
    await receiver.stop()


async def test_a_plan_is_set_up_and_charges_nothing_until_a_payment_falls_due(
        desk: Desk) -> None:
    record = await desk.plans.create(desk.terms())
    assert record.state is PlanState.CREATED and record.plan_id
    assert (record.payment, record.last) == (Money(3333), Money(3334))
    assert (record.next_date, record.balance, record.gateway_status) == (
        "01/31/2027", Money(10000), "Active")
    assert [e.kind for e in desk.sandbox.ledger] == ["save_on_file"]
    events = [a["event"] for a in await desk.plans.journal.audit_rows()]
    assert events[-2:] == ["plan.create", "plan.created"]


async def test_each_payment_that_runs_shows_as_a_plan_update(desk: Desk) -> None:
    record = await desk.plans.create(desk.terms())
    amounts = [(await desk.run_next(record.plan_id))["amount"] for _ in range(3)]
    assert amounts == ["33.33", "33.33", "33.34"]  # the remainder on the last payment
    view = await desk.updates_for(record.plan_id, 4)
    assert [m.trigger for m in view.updates] == ["Created", "Updated", "Updated", "Updated"]
    assert [m.amount for m in view.updates[1:]] == amounts
    charged = [e.approved for e in desk.sandbox.ledger if e.kind == "charge_saved_card"]
    assert sum(charged, Money.zero()) == Money(10000)


async def test_a_card_the_gateway_does_not_hold_is_refused_and_sets_nothing_up(
        desk: Desk) -> None:
    record = await desk.plans.create(desk.terms(token="not-a-saved-card"))
    assert record.state is PlanState.REFUSED and not record.plan_id
    assert "not a card saved" in record.message
    assert desk.sandbox.state.plans.plans == {}


async def test_a_lost_reply_is_unknown_until_the_created_webhook_names_our_reference(
        desk: Desk) -> None:
    await inject_fault(desk.sandbox, "drop_after_charge")
    record = await desk.plans.create(desk.terms())
    assert record.state is PlanState.UNKNOWN and "may be set up" in record.message
    [plan_id] = desk.sandbox.state.plans.plans  # the gateway did set it up
    for _ in range(250):
        view = await desk.plans.plan(record.reference)
        assert view is not None
        if view.record.state is PlanState.CREATED:
            break
        await asyncio.sleep(0.02)
    assert (view.record.state, view.record.plan_id) == (PlanState.CREATED, plan_id)
    assert [v.record.reference for v in await desk.plans.plans()] == [record.reference]


async def test_a_balance_too_small_to_split_is_refused_before_anything_is_written(
        desk: Desk) -> None:
    from desktop_app.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="too small"):
        await desk.plans.create(desk.terms(total="0.02", payments=3))
    assert await desk.plans.journal.plans.all() == []
