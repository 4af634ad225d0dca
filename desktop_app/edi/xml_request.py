"""The typed eligibility request of ``DoEligibilityInquiryEnhanced``, built from the portal's
public field table (resources/protocol/eligibility_xml.json): which field carries what, its
format and its lengths.

Lengths are enforced, never truncated: a name cut to fit could match another patient, so a
value the payer cannot take is refused before anything is sent, naming the desk's field (never
its value: member IDs and names are PHI). Dates go as MM/DD/YYYY, as the table says.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.edi.query import EligibilityQuery, Provider, Relationship
from desktop_app.paths import resources_dir

_DATE = re.compile(r"(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What staff typed, in their words, for a refusal (the table's names mean nothing to them).
DESK_WORDS = {
    "RecipientID": "payer ID", "RecipientName": "payer name", "SubscriberID": "member ID",
    "SubscriberLastName": "last name", "SubscriberFirstName": "first name",
    "PatientLastName": "last name", "PatientFirstName": "first name",
    "ProviderLastName": "clinic name", "TraceNumber": "reference",
}


@dataclass(frozen=True)
class RequestField:
    wire: str
    format: str
    required: bool
    min: int = 0
    max: int = 0


@dataclass(frozen=True)
class XmlTable:
    raw: dict[str, Any]

    @property
    def fields(self) -> tuple[RequestField, ...]:
        return tuple(RequestField(f["wire"], f["format"], f["required"], f.get("min", 0),
                                  f.get("max", 0)) for f in self.raw["request_fields"])

    def wire(self, key: str) -> str:
        return str(self.raw["sent"][key])

    def value(self, key: str) -> str:
        return str(self.raw["values"][key]["value"])

    @property
    def parameter(self) -> str:
        return str(self.raw["request_parameter"]["wire"])

    def reply(self, key: str) -> str:
        return str(self.raw["reply"][key]["wire"])

    @property
    def reply_confirmed(self) -> bool:
        """Whether a public page shows every name the reply is read by (today: none does)."""
        return all(entry.get("confirmed", False) for key, entry in self.raw["reply"].items()
                   if not key.startswith("_"))

    @property
    def patient_owes_limit(self) -> str:
        return str(self.raw["patient_owes_limit"]["value"])


@cache
def xml_table() -> XmlTable:
    path = resources_dir() / "protocol" / "eligibility_xml.json"
    return XmlTable(json.loads(path.read_text(encoding="utf-8")))


def table_date(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def build_request(query: EligibilityQuery, provider: Provider, *, reference: str,
                  today: date) -> dict[str, str]:
    """Field name → value, in the table's order, checked against the table."""
    t = xml_table()
    ours = {
        "recipient_id": query.payer_id.strip(),
        "recipient_id_qualifier": t.value("recipient_id_qualifier"),
        "recipient_name": (query.payer_name or query.payer_id).strip(),
        "subscriber_id": query.member_id.strip(),
        "patient_relationship": query.relationship.value,
        "service_type": query.service_type.value,
        "provider_last_name": provider.name.strip(),
        "provider_id": provider.npi,
        "provider_id_qualifier": t.value("provider_id_qualifier"),
        "trace_number": reference,
        "as_of_date": table_date(today),
    }
    # As in our 270: the names and birth date are the patient's, who is the subscriber
    # unless the relationship says a dependent (then the subscriber's own are not asked).
    who = "subscriber" if query.relationship is Relationship.SELF else "patient"
    ours[f"{who}_last_name"] = query.last_name.strip()
    ours[f"{who}_first_name"] = query.first_name.strip()
    ours[f"{who}_birth_date"] = table_date(query.birth_date)
    values = {t.wire(key): value for key, value in ours.items()}
    check_request(values)
    return {f.wire: values[f.wire] for f in t.fields if f.wire in values}


def problems(values: dict[str, str]) -> list[tuple[str, str]]:
    """What the table refuses in ``values`` (field name → text): (field, why), no values."""
    found: list[tuple[str, str]] = []
    for f in xml_table().fields:
        value = values.get(f.wire, "")
        if not value:
            if f.required:
                found.append((f.wire, "is required"))
        elif _CONTROL.search(value):
            found.append((f.wire, "has a control character"))
        elif f.format == "DT" and not _DATE.fullmatch(value):
            found.append((f.wire, "must be MM/DD/YYYY"))
        elif f.max and len(value) > f.max:
            found.append((f.wire, f"is longer than {f.max} characters"))
        elif len(value) < f.min:
            found.append((f.wire, f"is shorter than {f.min} characters"))
        elif f.format == "NUM" and not (value.isascii() and value.isdigit()):
            found.append((f.wire, "must be digits"))
    known = {f.wire for f in xml_table().fields}
    found += [(name[:40], "is not a field of the request") for name in sorted(set(values) - known)]
    return found


def check_request(values: dict[str, str]) -> None:
    """A ValidationError the desk can act on, for the first problem the table finds."""
    found = problems(values)
    if found:
        wire, why = found[0]
        raise ValidationError(f"The payer cannot take the {DESK_WORDS.get(wire, wire)} as it "
                              f"is ({wire} {why}). Nothing was sent.")
