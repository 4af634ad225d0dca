"""The sandbox's payment plan service: ``DoPaymentPlanCreate`` sets a plan up on a card saved
on file, and each instalment, when it runs, charges that card like any charge on file and
posts the plan's webhook (``PaymentPlanID``, ``PaymentPlanTransactionType``).

Element names are public (H-paywsdl); the values (plan type, frequencies, date format) and
where the remainder of an uneven split goes are not, so they are read from soap.json
``plan_values``, all marked unconfirmed. A plan books nothing when it is created: no money
moves until an instalment runs (``run_next``, the trainer's "run the next payment now").
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from aiohttp import web

from desktop_app.domain import Money
from desktop_app.domain.plans import MAX_PAYMENTS, MIN_PAYMENTS, Frequency, due_date
from desktop_app.paths import resources_dir
from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.app_state import services
from desktop_app.sandbox.core import Context, Result
from desktop_app.sandbox.errors import GatewayRefusal, invalid
from desktop_app.sandbox.validation import parse_amount, value

Notify = Callable[[str, str, Mapping[str, str]], object]


@cache
def _soap() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        (resources_dir() / "protocol" / "soap.json").read_text(encoding="utf-8"))
    return raw


def plan_values() -> dict[str, Any]:
    values: dict[str, Any] = _soap()["plan_values"]
    return values


def _get(fields: dict[str, str], key: str) -> str:
    """A DoPaymentPlanCreate element by our key; refused by its element name if missing."""
    text = value(fields, key)
    if not text:
        name = _soap()["request_elements"][key]["path"]
        raise invalid(f"{name} is required for a payment plan")
    return text


def _date_format() -> str:
    return str(plan_values()["date_format"]["value"])


@dataclass
class Plan:
    plan_id: str
    account_id: str
    token: str
    total: Money
    payment: Money
    count: int
    frequency: Frequency
    start: date
    info: dict[str, str] = field(default_factory=dict)
    paid: list[tuple[str, Money]] = field(default_factory=list)  # (transaction ID, amount)

    @property
    def balance(self) -> Money:
        return self.total - sum((m for _, m in self.paid), Money.zero())

    @property
    def next_amount(self) -> Money:
        """Every payment is ``payment``; the last carries what is left (plan_values remainder)."""
        return self.balance if len(self.paid) == self.count - 1 else self.payment

    @property
    def status(self) -> str:
        return "Completed" if len(self.paid) >= self.count else "Active"

    def reply(self) -> dict[str, str]:
        fmt = _date_format()
        out = {"payment_plan_id": self.plan_id, "plan_status": self.status,
               "plan_balance": self.balance.wire(),
               "plan_payments_left": str(self.count - len(self.paid))}
        if self.status == "Active":
            out["plan_next_date"] = due_date(self.start, self.frequency,
                                             len(self.paid)).strftime(fmt)
            out["plan_next_amount"] = self.next_amount.wire()
        return out


@dataclass
class PlanBook:
    plans: dict[str, Plan] = field(default_factory=dict)
    notify: Notify | None = None  # the webhook sender's send_plan_update

    def announce(self, plan: Plan, update: str, fields: Mapping[str, str]) -> None:
        if self.notify is not None:
            self.notify(plan.plan_id, update, {**fields, **plan.info})


def _our_key(table: str, text: str) -> str:
    """A wire value of plan_values[table] → our key; anything else is refused."""
    for key, wire in plan_values()[table].items():
        if key not in ("source", "confirmed") and str(wire).lower() == text.strip().lower():
            return str(key)
    raise invalid(f"{text[:20]} is not a {table.replace('_', ' ')} the plan service knows")


def create(ctx: Context) -> Result:
    """DoPaymentPlanCreate: an installment plan on a card saved on this account."""
    book: PlanBook = ctx.state.plans
    token = _get(ctx.fields, "saved_card_id")
    if ctx.state.vault.get(ctx.account.account_id, token) is None:
        raise invalid("SaveOnFileTransactionID is not a card saved on this account")
    _our_key("plan_type", _get(ctx.fields, "plan_type"))
    total = _amount(ctx.fields, "plan_total", "TotalAmountDue")
    payment = _amount(ctx.fields, "plan_payment_amount", "PaymentAmount")
    frequency = Frequency(_our_key("frequency", _get(ctx.fields, "plan_frequency")))
    count = _count(_get(ctx.fields, "plan_payments"))
    try:
        start = datetime.strptime(_get(ctx.fields, "plan_start_date"), _date_format()).date()
    except ValueError:
        raise invalid("StartDate is not a date the plan service reads") from None
    if payment.cents * count > total.cents or payment.cents * (count - 1) >= total.cents:
        raise invalid("PaymentAmount times NumberOfPayments does not make TotalAmountDue")
    info = {f"AdditionalInfo{k[-1]}": value(ctx.fields, k) for k in ctx.additional_info}
    plan = Plan(uuid.uuid4().hex, ctx.account.account_id, token, total, payment, count,
                frequency, start, info)
    book.plans[plan.plan_id] = plan
    book.announce(plan, "Created", {"Amount": total.wire()})
    return Result(plan.reply())


def _amount(fields: dict[str, str], key: str, name: str) -> Money:
    return parse_amount(_get(fields, key), name)


def _count(text: str) -> int:
    if not text.isdigit() or not MIN_PAYMENTS <= int(text) <= MAX_PAYMENTS:
        raise invalid(f"NumberOfPayments must be a whole number from {MIN_PAYMENTS} to "
                      f"{MAX_PAYMENTS}")
    return int(text)


def run_next(book: PlanBook, process: Callable[[Account, str, dict[str, str]], dict[str, str]],
             account: Account, plan_id: str) -> dict[str, str]:
    """Charge the plan's next instalment now, as the card on file; post the plan update."""
    plan = book.plans.get(plan_id)
    if plan is None or plan.account_id != account.account_id:
        raise GatewayRefusal("404", f"No payment plan {plan_id[:40]}")
    if plan.status != "Active":
        raise invalid(f"Payment plan {plan_id[:40]} is complete")
    amount = plan.next_amount
    reply = process(account, "charge_saved_card", {
        "merchant_id": account.merchant_id, "store_id": account.store_id,
        "terminal_id": account.terminal_id, "saved_card_id": plan.token,
        "amount": amount.wire(), "card_present_status": "NotPresentInstallment",
        **{f"additional_info_{k[-1]}": v for k, v in plan.info.items()}})
    approved = reply.get("transaction_status") == "C" and reply.get("response_code") == "000"
    if approved:
        plan.paid.append((reply.get("transaction_id", ""), amount))
    book.announce(plan, "Updated", {"Amount": amount.wire(),
                                    "TransactionID": reply.get("transaction_id", ""),
                                    "ResponseCode": reply.get("response_code", "")})
    return {**reply, **plan.reply()}


async def get_plans(request: web.Request) -> web.Response:
    """``GET /sandbox/plans``: every plan with its reply fields (the trainer's view)."""
    book = services(request).state.plans
    return web.json_response([{**p.reply(), "paid": [[t, m.wire()] for t, m in p.paid]}
                              for p in book.plans.values()])


async def post_run_next(request: web.Request) -> web.Response:
    """``POST /sandbox/plans/{plan_id}/run``: the next instalment falls due now."""
    svc = services(request)
    plan = svc.state.plans.plans.get(request.match_info["plan_id"])
    account = next((a for a in svc.settings.accounts
                    if plan is not None and a.account_id == plan.account_id), None)
    try:
        if plan is None or account is None:
            raise GatewayRefusal("404", f"No payment plan {request.match_info['plan_id'][:40]}")
        reply = run_next(svc.state.plans, svc.processor.process, account, plan.plan_id)
    except GatewayRefusal as refusal:
        return web.json_response(refusal.fields(), status=int(refusal.code))
    return web.json_response(reply)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/sandbox/plans", get_plans)
    app.router.add_post("/sandbox/plans/{plan_id}/run", post_run_next)
