"""``main.py eligibility check``: the check-in question from the command line, for IT and
scripts. Exit codes: 0 active, 2 not active / not found / refused, 3 error (no answer).
``--enhanced`` asks DoEligibilityInquiryEnhanced (what the patient owes today) even where the
settings do not; it is refused, nothing sent, while unconfirmed operations are not allowed.

The member ID and names are arguments (a script has them anyway) but never reach the log:
only the journal's database keeps the 270 and 271.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from desktop_app.bootstrap import open_runtime
from desktop_app.cli.output import emit_error, one_line
from desktop_app.domain import FrontDeskError, Money
from desktop_app.domain.errors import ValidationError
from desktop_app.edi.eligibility import Coverage, Eligibility
from desktop_app.edi.query import EligibilityQuery, Relationship, ServiceType
from desktop_app.gateway import Protocol
from desktop_app.services.eligibility import eligibility_service, summary

EXIT = {Coverage.ACTIVE: 0, Coverage.INACTIVE: 2, Coverage.NOT_FOUND: 2, Coverage.REJECTED: 2,
        Coverage.PAYER_UNAVAILABLE: 3, Coverage.UNKNOWN: 3}
RELATIONSHIPS = {r.name.lower(): r for r in Relationship}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eligibility", help="check a patient's coverage (X12 270/271)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="ask the payer whether coverage is active")
    check.add_argument("--payer", required=True, metavar="ID", help="payer ID (e.g. SBX01)")
    check.add_argument("--member", required=True, metavar="ID", help="member ID on the card")
    check.add_argument("--last", required=True, metavar="NAME")
    check.add_argument("--first", required=True, metavar="NAME")
    check.add_argument("--dob", required=True, metavar="YYYY-MM-DD", help="date of birth")
    check.add_argument("--service-type", default="30", choices=[s.value for s in ServiceType],
                       help="30 health benefit plan coverage (default), 98 office visit")
    check.add_argument("--relationship", default="self", choices=sorted(RELATIONSHIPS),
                       help="the patient's relationship to the subscriber")
    check.add_argument("--gateway", metavar="URL", help="a running gateway instead of the "
                       "sandbox")
    check.add_argument("--protocol", choices=["soap11", "soap12"], default="soap11")
    check.add_argument("--enhanced", action="store_true", default=None,
                       help="ask DoEligibilityInquiryEnhanced, which adds what the patient "
                       "owes today (default: as the settings say)")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=run)


def _query(args: argparse.Namespace) -> EligibilityQuery:
    try:
        born = date.fromisoformat(args.dob)
    except ValueError:
        raise ValidationError("The date of birth must be YYYY-MM-DD.") from None
    return EligibilityQuery(args.payer, args.member, args.last, args.first, born,
                            RELATIONSHIPS[args.relationship], ServiceType(args.service_type))


async def run(args: argparse.Namespace) -> int:
    try:
        query = _query(args)
        async with open_runtime(gateway_url=args.gateway, reconcile=False) as rt:
            service = eligibility_service(rt.gateway, rt.settings, rt.journal,
                                          soap12=args.protocol == Protocol.SOAP12.value,
                                          enhanced=args.enhanced)
            exchange = await service.check(query)
    except FrontDeskError as exc:
        return emit_error(exc, as_json=args.json)
    answer = exchange.eligibility
    message = one_line(summary(answer))  # the gateway's own words are in the journal
    if args.json:
        print(json.dumps({"reference": exchange.reference, **as_json(answer),
                          "message": message}))
    else:
        print(message)
        for label, value in _lines(answer):
            print(f"  {label}: {value}")
    return EXIT[answer.coverage]


def _money(value: Money | None) -> str | None:
    return None if value is None else value.wire()


def as_json(answer: Eligibility) -> dict[str, object]:
    return {
        "active": answer.active,
        "coverage": answer.coverage.value,
        "plan": answer.plan,
        "service_type": answer.service_type,
        "copay": _money(answer.copay),
        "deductible_remaining": _money(answer.deductible_remaining.in_network),
        "deductible_remaining_out_of_network": _money(answer.deductible_remaining.out_of_network),
        "coinsurance_percent": None if answer.coinsurance_percent is None
        else str(answer.coinsurance_percent),
        "out_of_pocket_remaining": _money(answer.out_of_pocket_remaining.in_network),
        "out_of_pocket_remaining_out_of_network":
            _money(answer.out_of_pocket_remaining.out_of_network),
        "patient_owes": _money(answer.patient_owes),
        "rejections": [{"reason": r.reason, "follow_up": r.follow_up}
                       for r in answer.rejections],
    }


def _lines(answer: Eligibility) -> list[tuple[str, str]]:
    rows = [("plan", answer.plan), ("copay", _money(answer.copay) or ""),
            ("deductible remaining", _money(answer.deductible_remaining.in_network) or ""),
            ("coinsurance", f"{answer.coinsurance_percent} %"
             if answer.coinsurance_percent is not None else ""),
            ("out-of-pocket remaining", _money(answer.out_of_pocket_remaining.in_network) or ""),
            ("patient owes today", _money(answer.patient_owes) or "")]
    return [(label, value) for label, value in rows if value]
