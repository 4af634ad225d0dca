"""Bank account details from a scanned check (MICR) or keyed by phone."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.errors import ValidationError


def aba_ok(routing: str) -> bool:
    """ABA routing number check digit: weights 3, 7, 1 repeating, sum divisible by 10."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(routing, weights, strict=True)) % 10 == 0


@dataclass(frozen=True)
class BankAccount:
    routing_number: str
    account_number: str = field(repr=False)
    check_number: str = ""
    account_type: str = "Checking"   # or "Savings"
    holder_name: str = field(default="", repr=False)  # the account holder, as the check says
    holder_type: str = "Personal"    # or "Business"

    def __post_init__(self) -> None:
        if not aba_ok(self.routing_number):
            raise ValidationError("Routing number is not valid (check digit); please re-enter it")
        if not (self.account_number.isdigit() and 4 <= len(self.account_number) <= 17):
            raise ValidationError("Account number must be 4 to 17 digits")

    @property
    def masked_account(self) -> str:
        return "*" * (len(self.account_number) - 4) + self.account_number[-4:]

    def __repr__(self) -> str:
        return f"BankAccount({self.routing_number}, {self.masked_account})"
