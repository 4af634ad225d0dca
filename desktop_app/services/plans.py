"""Payment plans for a patient balance: set one up on a card saved on file (SOAP
``DoPaymentPlanCreate``), list the plans, and show the gateway's plan webhooks for each.

Why SOAP whatever the payment protocol: the REST ``paymentplan`` path is public only for
saving a card (modobio_web), while the installment fields (``TotalAmountDue``, ``Frequency``,
``PaymentAmount``, ``StartDate``, ``NumberOfPayments``) are public only in the SOAP payment
WSDL (H-paywsdl); their values are not public and live in soap.json ``plan_values``.

Money safety: creating a plan charges nothing by itself, but the gateway will charge the card
as payments fall due, so a plan is treated like a payment. It is journaled ``pending`` (with
our reference, sent in the reference slot) before the request leaves. A refusal
(``GatewayError`` other than ``OutcomeUnknown``) set nothing up: ``refused``. A lost or
doubtful reply may have set the plan up: ``unknown``, never re-sent by us; the plan's
``Created`` webhook carrying our reference settles it, or staff check the gateway's portal.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop_app.domain import Money, SavedCard
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.plans import Frequency, split
from desktop_app.domain.requests import new_reference
from desktop_app.gateway import GatewayClient
from desktop_app.gateway.errors import GatewayError, OutcomeUnknown
from desktop_app.gateway.soap_table import soap_table
from desktop_app.gateway.verdict import money
from desktop_app.gateway.wire import WireRequest
from desktop_app.services.history import GatewayUpdates
from desktop_app.store import Journal
from desktop_app.store.plans import PlanRecord, PlanState, PlanTerms
from desktop_app.webhooks.store import StoredMessage

log = logging.getLogger(__name__)
UNKNOWN_MESSAGE = ("The gateway's answer did not arrive: the plan may be set up. Check the "
                   "gateway's portal before setting it up again.")


@dataclass(frozen=True)
class PlanView:
    """A plan as History and the CLI show it: the journal's row and the gateway's word."""

    record: PlanRecord
    updates: tuple[StoredMessage, ...] = ()


def plan_wire(table: str, key: str) -> str:
    """A value from soap.json ``plan_values`` (unconfirmed there, with its source)."""
    return str(soap_table().raw["plan_values"][table][key])


class PlanService:
    def __init__(self, gateway: GatewayClient, journal: Journal,
                 updates: GatewayUpdates) -> None:
        self.gateway = gateway
        self.journal = journal
        self.updates = updates

    async def saved_cards(self, patient_id: str) -> list[SavedCard]:
        """The patient's cards saved on file, newest first: what a plan can charge."""
        return [r.card for r in await self.journal.saved_cards.for_patient(patient_id)]

    async def create(self, terms: PlanTerms) -> PlanRecord:
        frequency = Frequency(terms.frequency)
        each, last = split(terms.total, terms.payments)
        if not terms.card_token:
            raise ValidationError("Choose a card saved on file for the plan.")
        reference = new_reference()
        await self.journal.plans.add(reference, terms, each, last)
        await self.journal.audit("plan.create", True, reference, terms.total.wire())
        try:
            reply = await self.gateway.soap().exchange(
                WireRequest("payment_plan", self._values(terms, frequency, each, reference)))
        except OutcomeUnknown as exc:
            await self._settle(reference, PlanState.UNKNOWN, message=UNKNOWN_MESSAGE)
            log.warning("plan %s unknown: %s", reference, exc.detail or type(exc).__name__)
            return await self._get(reference)
        except GatewayError as exc:
            await self._settle(reference, PlanState.REFUSED, message=str(exc))
            return await self._get(reference)
        values = reply.values
        plan_id = values.get("payment_plan_id", "")
        if not plan_id:  # an answer without the plan's ID cannot be followed: unknown
            await self._settle(reference, PlanState.UNKNOWN, message=UNKNOWN_MESSAGE)
            return await self._get(reference)
        try:
            balance = money(values.get("plan_balance", ""), "TotalBalanceRemaining")
        except OutcomeUnknown:
            balance = None
        await self._settle(reference, PlanState.CREATED, plan_id=plan_id,
                           gateway_status=values.get("plan_status", ""),
                           next_date=values.get("plan_next_date", ""), balance=balance)
        return await self._get(reference)

    def _values(self, terms: PlanTerms, frequency: Frequency, each: Money,
                reference: str) -> dict[str, str]:
        config = self.gateway.config
        return {"merchant_id": config.merchant_id, "store_id": config.store_id,
                "terminal_id": config.terminal_id, "patient_id": terms.patient_id,
                "saved_card_id": terms.card_token, "our_reference": reference,
                "plan_type": plan_wire("plan_type", "installment"),
                "plan_is_installment": "true", "plan_total": terms.total.wire(),
                "plan_payment_amount": each.wire(),
                "plan_frequency": plan_wire("frequency", frequency.value),
                "plan_start_date": terms.start.strftime(plan_wire("date_format", "value")),
                "plan_payments": str(terms.payments)}

    async def _settle(self, reference: str, state: PlanState, **changes: object) -> None:
        await self.journal.plans.settle(reference, state, **changes)  # type: ignore[arg-type]
        await self.journal.audit(f"plan.{state.value}", state is PlanState.CREATED, reference,
                                 str(changes.get("plan_id", "")))

    async def _get(self, key: str) -> PlanRecord:
        record = await self.journal.plans.get(key)
        assert record is not None, "a plan row written by this service"
        return record

    async def plans(self, limit: int = 200, patient_id: str = "") -> list[PlanView]:
        """Every plan (or this patient's), newest first, with its webhook updates; an unknown
        plan whose Created webhook (carrying our reference) has arrived is settled by it
        first."""
        records = [await self._settled_by_webhook(r)
                   for r in await self.journal.plans.all(limit, patient_id)]
        found = await self.updates.for_plans([r.plan_id for r in records if r.plan_id])
        return [PlanView(r, tuple(m for m in found if m.payment_plan_id == r.plan_id))
                for r in records]

    async def plan(self, key: str) -> PlanView | None:
        """One plan by our reference or the gateway's PaymentPlanID."""
        record = await self.journal.plans.get(key)
        if record is None:
            return None
        record = await self._settled_by_webhook(record)
        updates = await self.updates.for_plans([record.plan_id]) if record.plan_id else []
        return PlanView(record, tuple(updates))

    async def _settled_by_webhook(self, record: PlanRecord) -> PlanRecord:
        if record.state not in (PlanState.UNKNOWN, PlanState.PENDING):
            return record
        named = [m for m in await self.updates.find(our_reference=record.reference)
                 if m.payment_plan_id]
        if not named:
            return record
        await self._settle(record.reference, PlanState.CREATED,
                           plan_id=named[0].payment_plan_id, message="",
                           expect=(PlanState.UNKNOWN, PlanState.PENDING))
        return await self._get(record.reference)
