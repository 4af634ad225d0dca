"""The eligibility inquiry, X12 270 005010X279A1: payer, clinic, subscriber, and the patient
as a dependent when it is not the subscriber.

Loop order (2000A payer, 2000B receiver, 2000C subscriber, 2000D dependent) and the segments
used follow the public 005010X279A1 layout; resources/x12/270.5010.X279.A1.xml is the same
layout as a pyx12 map, and every 270 built here is validated against it in the tests.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.edi.envelope import Parties, clean, interchange
from desktop_app.edi.query import EligibilityQuery, Provider, Relationship

VERSION = "005010X279A1"
TRACE_COMPANY = "9FRONTDESK"  # TRN03: "9" then a user-assigned ID, as 5010 allows


def build_270(query: EligibilityQuery, provider: Provider, *, reference: str, control: int,
              now: datetime, parties: Parties | None = None) -> str:
    """The 270 text for ``query``; ``reference`` (ours) travels in BHT03 and TRN02."""
    parties = parties or Parties(sender=provider.npi, receiver=clean(query.payer_id, 15))
    ref = clean(reference, 30)
    body: list[list[str]] = [
        ["BHT", "0022", "13", ref, now.strftime("%Y%m%d"), now.strftime("%H%M")],
        ["HL", "1", "", "20", "1"],
        ["NM1", "PR", "2", clean(query.payer_name or query.payer_id, 60), "", "", "", "",
         "PI", clean(query.payer_id, 80)],
        ["HL", "2", "1", "21", "1"],
        ["NM1", "1P", "2", clean(provider.name, 60), "", "", "", "", "XX", provider.npi],
    ]
    dependent = query.relationship is not Relationship.SELF
    body.append(["HL", "3", "2", "22", "1" if dependent else "0"])
    body.append(["TRN", "1", ref, TRACE_COMPANY])
    if dependent:
        body.append(["NM1", "IL", "1", "", "", "", "", "", "MI", clean(query.member_id, 80)])
        body.append(["HL", "4", "3", "23", "0"])
        body.append(["TRN", "1", ref, TRACE_COMPANY])
        insured = [["INS", "N", query.relationship.value]]
        body.extend(_person("03", query, now.date(), [], insured))
    else:
        body.extend(_person("IL", query, now.date(), ["MI", clean(query.member_id, 80)], []))
    return interchange(parties, "HS", VERSION, "270", control, body, now)


def _person(entity: str, query: EligibilityQuery, today: date, ident: list[str],
            insured: list[list[str]]) -> list[list[str]]:
    """NM1, DMG, INS (dependents only), the date of service and the question (EQ)."""
    return [
        ["NM1", entity, "1", clean(query.last_name, 60), clean(query.first_name, 35), "", "",
         "", *ident],
        ["DMG", "D8", query.birth_date.strftime("%Y%m%d")],
        *insured,
        ["DTP", "291", "D8", today.strftime("%Y%m%d")],
        ["EQ", query.service_type.value],
    ]
