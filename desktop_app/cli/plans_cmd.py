"""``main.py plans create|list|show``: payment plans for a patient balance.

``create`` sets a plan up on the patient's newest card saved on file (``--card 1111`` picks
another by its last four digits): ``--amount`` split into ``--payments`` payments, each the
even share rounded down and the last carrying the remaining cents, every ``--frequency``
from ``--start``. ``list`` shows every plan; ``show PLAN`` one plan (our reference or the
gateway's PaymentPlanID) with the gateway's plan updates. ``--json`` for scripts.

Exit codes: 0 set up (or listed), 3 refused or not found (nothing set up), 4 unknown: the
plan may be set up; check the gateway's portal before setting it up again.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from desktop_app.bootstrap import open_runtime
from desktop_app.cli.output import emit_error, one_line, plain_help
from desktop_app.domain import FrontDeskError, Money
from desktop_app.domain.plans import Frequency
from desktop_app.services.plans import PlanView
from desktop_app.services.runtime import Runtime
from desktop_app.store.plans import PlanRecord, PlanState, PlanTerms
from desktop_app.webhooks.logsafe import escape

EXIT = {PlanState.CREATED: 0, PlanState.REFUSED: 3, PlanState.UNKNOWN: 4, PlanState.PENDING: 4}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plans", help="set up, list and show payment plans",
                       description=plain_help(__doc__),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gateway", help="gateway URL (a test sandbox)")
    p.add_argument("--json", action="store_true", help="print JSON")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="set up a plan on a card saved on file")
    create.add_argument("--patient", required=True, help="the patient's account number")
    create.add_argument("--amount", required=True, help="the balance, e.g. 250.00")
    create.add_argument("--payments", required=True, type=int, help="how many payments")
    create.add_argument("--frequency", choices=[f.value for f in Frequency], default="monthly")
    create.add_argument("--start", type=date.fromisoformat, default=date.today(),
                        help="first payment date, YYYY-MM-DD (default today)")
    create.add_argument("--card", help="last four digits of the saved card (default newest)")
    actions.add_parser("list", help="every plan, newest first")
    show = actions.add_parser("show", help="one plan with the gateway's updates")
    show.add_argument("plan", help="our reference or the gateway's PaymentPlanID")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    try:
        async with open_runtime(gateway_url=args.gateway, reconcile=False) as rt:
            if args.action == "create":
                record = await rt.plans.create(await _terms(rt, args))
                return _emit([PlanView(record)], args.json, EXIT[record.state])
            if args.action == "list":
                return _emit(await rt.plans.plans(), args.json, 0)
            view = await rt.plans.plan(args.plan)
            if view is None:
                raise FrontDeskError(f"No payment plan {args.plan!r} in the journal.")
            return _emit([view], args.json, 0, updates=True)
    except FrontDeskError as exc:
        return emit_error(exc, as_json=args.json)


async def _terms(rt: Runtime, args: argparse.Namespace) -> PlanTerms:
    cards = [c for c in await rt.plans.saved_cards(args.patient)
             if not args.card or c.last_four == args.card]
    if not cards:
        raise FrontDeskError("No card saved on file for this patient"
                             f"{' ending ' + args.card if args.card else ''}: save one first.")
    card = cards[0]
    return PlanTerms(args.patient, Money.parse(args.amount), args.payments, args.frequency,
                     args.start, card.token, f"{card.brand} ****{card.last_four}")


def plan_json(view: PlanView) -> dict[str, Any]:
    r = view.record
    return {"reference": r.reference, "state": r.state.value, "plan_id": r.plan_id,
            "patient_id": r.terms.patient_id, "total": r.terms.total.wire(),
            "payments": r.terms.payments, "payment": r.payment.wire(), "last": r.last.wire(),
            "frequency": r.terms.frequency, "start": r.terms.start.isoformat(),
            "card": r.terms.card_display, "gateway_status": r.gateway_status,
            "next_date": r.next_date, "balance": r.balance.wire() if r.balance else None,
            "message": r.message, "created_at": r.created_at,
            "updates": [u.as_json() for u in view.updates]}


def _line(r: PlanRecord) -> str:
    every = (f"{r.terms.payments - 1} x {r.payment.wire()} + {r.last.wire()}"
             if r.last != r.payment else f"{r.terms.payments} x {r.payment.wire()}")
    return one_line(f"{r.created_at[:19]}  {r.state.value:<8} {r.terms.total.wire():>10}  "
                    f"{every} {r.terms.frequency} from {r.terms.start.isoformat()}  "
                    f"{escape(r.terms.card_display)}  {escape(r.plan_id) or r.reference}  "
                    f"{escape(r.message)}")


def _emit(views: list[PlanView], as_json: bool, code: int, updates: bool = False) -> int:
    if as_json:
        print(json.dumps([plan_json(v) for v in views], indent=1))
        return code
    for view in views:
        print(_line(view.record))
        if updates:  # the gateway's words: escaped, no control character reaches the terminal
            for u in view.updates:
                print(f"  {escape(u.received_at[:19])}  {escape(u.trigger)}  "
                      f"{escape(u.amount)}  {escape(u.transaction_id)}")
    return code
