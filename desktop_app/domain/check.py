"""Bank account details from a scanned check (MICR) or keyed by phone; a scanned check's images."""

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


@dataclass(frozen=True)
class CheckImages:
    """A scanned check's images as the eCheck request carries them (``ImageData`` one file,
    ``ImageFormat``, ``NumPages``) with the MICR line as read (``MICRData``). Kept in memory
    only until the gateway has them: never in the journal, logs or an exception's repr."""

    data: bytes = field(repr=False)
    image_format: str = "TIFF"   # "TIFF" (G4, front and back as two pages) or "JPEG"
    pages: int = 2
    micr_line: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return f"CheckImages({self.image_format}, {self.pages} pages, {len(self.data)} bytes)"
