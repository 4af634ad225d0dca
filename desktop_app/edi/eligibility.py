"""What a 271 says, in the desk's terms: is the coverage active, and what does the patient owe.

Money is ``Money`` (integer cents). A 271 that is neither clearly active nor clearly inactive
is UNKNOWN, never "active": the desk then asks the payer, it does not guess.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

from desktop_app.domain.money import Money


class Coverage(enum.Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    NOT_FOUND = "not found"          # the payer has no such subscriber (AAA 75, 67, ...)
    REJECTED = "rejected"            # the question was refused (bad member ID, name, DOB)
    PAYER_UNAVAILABLE = "payer unavailable"  # AAA 42 and kin, or a fault: ask again later
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Rejection:
    """An AAA segment: the payer's reason code, what to do next, and where it was given."""

    reason: str
    follow_up: str
    loop: str


@dataclass(frozen=True)
class Networks:
    """One figure for in-network and out-of-network providers (EB12 Y / N)."""

    in_network: Money | None = None
    out_of_network: Money | None = None


@dataclass(frozen=True)
class Eligibility:
    coverage: Coverage
    plan: str = ""
    service_type: str = "30"
    copay: Money | None = None
    coinsurance_percent: Decimal | None = None
    deductible_remaining: Networks = Networks()
    out_of_pocket_remaining: Networks = Networks()
    rejections: tuple[Rejection, ...] = ()
    trace: str = ""                    # our reference as the payer echoed it (TRN02)
    messages: tuple[str, ...] = field(default=(), repr=False)  # payer free text (MSG)
    patient_owes: Money | None = None  # DoEligibilityInquiryEnhanced's "Effective Benefit"

    @property
    def active(self) -> bool:
        return self.coverage is Coverage.ACTIVE

    @property
    def to_collect(self) -> Money | None:
        """What the desk takes today: what InstaMed computed the patient owes, else the copay;
        nothing unless coverage is active."""
        if not self.active:
            return None
        return self.patient_owes if self.patient_owes is not None else self.copay
