"""What the desk asks at check-in: who the patient is, under which payer, for which service."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.errors import ValidationError

_MEMBER_ID = re.compile(r"[A-Za-z0-9-]{2,80}")
_NPI = re.compile(r"\d{10}")


class Relationship(enum.Enum):
    """The patient's relationship to the subscriber (X12 INS02 codes of 005010X279A1)."""

    SELF = "18"
    SPOUSE = "01"
    CHILD = "19"
    OTHER = "34"


class ServiceType(enum.Enum):
    """The service types a front desk asks about (X12 EQ01 / EB03)."""

    HEALTH_BENEFIT_PLAN = "30"
    PHYSICIAN_VISIT_OFFICE = "98"


@dataclass(frozen=True)
class Provider:
    """The clinic as the information receiver: its NPI and name, from settings."""

    npi: str
    name: str

    def __post_init__(self) -> None:
        if not _NPI.fullmatch(self.npi) or not npi_check_digit_ok(self.npi):
            raise ValidationError("The provider NPI in settings is not a valid 10-digit NPI.")
        if not self.name.strip():
            raise ValidationError("The provider name in settings is empty.")


@dataclass(frozen=True)
class EligibilityQuery:
    """One check-in question. ``patient`` names are the subscriber's when SELF."""

    payer_id: str
    member_id: str
    last_name: str
    first_name: str
    birth_date: date
    relationship: Relationship = Relationship.SELF
    service_type: ServiceType = ServiceType.HEALTH_BENEFIT_PLAN
    payer_name: str = ""

    def __post_init__(self) -> None:
        if not self.payer_id.strip():
            raise ValidationError("Enter the payer ID.")
        if not _MEMBER_ID.fullmatch(self.member_id):
            raise ValidationError("The member ID must be 2 to 80 letters or digits.")
        if not self.last_name.strip() or not self.first_name.strip():
            raise ValidationError("Enter the patient's first and last name.")

    def __repr__(self) -> str:  # member ID and names are PHI: never in a repr or a log line
        return (f"EligibilityQuery(payer_id={self.payer_id!r}, service_type="
                f"{self.service_type.value}, relationship={self.relationship.value})")


def npi_check_digit_ok(npi: str) -> bool:
    """The NPI's Luhn check digit over the prefix 80840 (CMS's NPI check digit rule)."""
    digits = [int(c) for c in "80840" + npi]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0
