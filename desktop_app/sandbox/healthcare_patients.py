"""The sandbox payer's test patients and the 271 it answers for each (README "Test patients").

Modelled on the portal's eligibility "Test Cases" page (one member per outcome): active with
an office-visit copay, deductible met, inactive, not found, invalid member ID, payer
unavailable. The 271 is written here from the public 005010X279A1 layout, apart from the
app's reader (desktop_app/edi/x271.py), so the two can disagree; both are checked by pyx12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

PAYER_ID, PAYER_NAME = "SBX01", "SANDBOX HEALTH"
MEMBER_FORMAT = re.compile(r"SBX\d{6}")


@dataclass(frozen=True)
class TestPatient:
    member_id: str
    last: str
    first: str
    born: date
    case: str      # active | deductible_met | inactive | payer_unavailable
    plan: str = ""
    copay: str = ""
    deductible: str = ""
    deductible_met: str = ""
    coinsurance: str = ""   # a fraction, as EB08 carries it
    out_of_pocket_left: str = ""


PATIENTS = {p.member_id: p for p in (
    TestPatient("SBX100001", "DOE", "JANE", date(1980, 1, 1), "active", "SANDBOX PPO GOLD",
                copay="25.00", deductible="1500.00", deductible_met="1000.00",
                coinsurance="0.2", out_of_pocket_left="2000.00"),
    TestPatient("SBX100002", "ROE", "RICHARD", date(1975, 5, 15), "active",
                "SANDBOX HMO SILVER", copay="40.00", deductible="2000.00",
                deductible_met="2000.00", coinsurance="0.1", out_of_pocket_left="350.00"),
    TestPatient("SBX100003", "POE", "PAT", date(1990, 2, 20), "inactive", "SANDBOX PPO BRONZE"),
    TestPatient("SBX100005", "LOE", "LEE", date(1970, 7, 7), "payer_unavailable"),
)}


@dataclass(frozen=True)
class Inquiry:
    """What the sandbox reads from a 270 to answer it."""

    payer_id: str
    member_id: str
    last: str
    first: str
    born: str
    service_type: str
    trace: str
    provider: tuple[str, str]  # name, NPI
    control: str


def benefits(patient: TestPatient) -> list[list[str]]:
    """EB segments (EB01..EB12) for one patient; office visit (98) figures named as such."""
    if patient.case == "inactive":
        return [["EB", "6", "IND", "30", "", patient.plan]]
    left = str(Decimal(patient.deductible) - Decimal(patient.deductible_met))
    return [
        ["EB", "1", "IND", "30", "PR", patient.plan],
        ["EB", "B", "IND", "98", "", "", "27", patient.copay, "", "", "", "", "Y"],
        ["EB", "C", "IND", "30", "", "", "23", patient.deductible, "", "", "", "", "Y"],
        ["EB", "C", "IND", "30", "", "", "29", left, "", "", "", "", "Y"],
        ["EB", "A", "IND", "98", "", "", "", "", patient.coinsurance, "", "", "", "Y"],
        ["EB", "G", "IND", "30", "", "", "29", patient.out_of_pocket_left, "", "", "", "", "Y"],
    ]


def answer_271(inquiry: Inquiry, now: datetime) -> str:
    """The whole interchange answering ``inquiry`` (a 271, or AAA refusals inside one)."""
    body: list[list[str]] = [["BHT", "0022", "11", inquiry.trace, now.strftime("%Y%m%d"),
                              now.strftime("%H%M")],
                             ["HL", "1", "", "20", "1"],
                             ["NM1", "PR", "2", PAYER_NAME, "", "", "", "", "PI", PAYER_ID],
                             ["HL", "2", "1", "21", "1"],
                             ["NM1", "1P", "2", inquiry.provider[0], "", "", "", "", "XX",
                              inquiry.provider[1]],
                             ["HL", "3", "2", "22", "0"],
                             ["TRN", "2", inquiry.trace, "9SANDBOXPY"]]
    subscriber = ["NM1", "IL", "1", inquiry.last, inquiry.first, "", "", "", "MI",
                  inquiry.member_id]
    patient = PATIENTS.get(inquiry.member_id)
    if not MEMBER_FORMAT.fullmatch(inquiry.member_id):
        body += [subscriber, ["AAA", "Y", "", "72", "C"]]
    elif patient is None:
        body += [subscriber, ["AAA", "Y", "", "75", "C"]]
    else:
        body += [["NM1", "IL", "1", patient.last, patient.first, "", "", "", "MI",
                  patient.member_id], ["DMG", "D8", patient.born.strftime("%Y%m%d")]]
        body += benefits(patient)
    return _interchange(body, inquiry, now, "HB", "271")


def _interchange(body: list[list[str]], inquiry: Inquiry, now: datetime, fic: str,
                 set_id: str) -> str:
    control = inquiry.control.zfill(9)[-9:]
    lines = [["ISA", "00", " " * 10, "00", " " * 10, "ZZ", PAYER_ID.ljust(15), "ZZ",
              inquiry.provider[1].ljust(15)[:15], now.strftime("%y%m%d"), now.strftime("%H%M"),
              "^", "00501", control, "0", "T", ":"],
             ["GS", fic, PAYER_ID, inquiry.provider[1], now.strftime("%Y%m%d"),
              now.strftime("%H%M"), str(int(control)), "X", "005010X279A1"],
             ["ST", set_id, "0001", "005010X279A1"], *body,
             ["SE", str(len(body) + 2), "0001"], ["GE", "1", str(int(control))],
             ["IEA", "1", control]]
    out = []
    for segment in lines:
        while len(segment) > 1 and segment[-1] == "":
            segment = segment[:-1]
        out.append("*".join(segment) + "~")
    return "\n".join(out) + "\n"
