"""The tender choices at the desk and how the form's fields become a domain ``Tender``."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain import BankAccount, CardData, Tender, TenderKind, ValidationError
from desktop_app.ui.checkout.choices import TenderChoice


@dataclass
class KeyedFields:
    """Text as typed. Not frozen, so the form can wipe it right after use."""

    pan: str = field(default="", repr=False)
    expiry: str = ""
    cvv: str = field(default="", repr=False)


@dataclass(frozen=True)
class CheckFields:
    routing: str = ""
    account: str = field(default="", repr=False)
    check_number: str = ""


def parse_expiry(text: str) -> tuple[int, int]:
    """``MM/YY``, ``MMYY`` or ``MM/YYYY`` → (month, year)."""
    digits = text.replace("/", "").replace(" ", "")
    if not digits.isdigit() or len(digits) not in (4, 6):
        raise ValidationError("Expiry must look like MM/YY")
    return int(digits[:2]), int(digits[2:])


def keyed_tender(fields: KeyedFields) -> Tender:
    pan = "".join(ch for ch in fields.pan if ch.isdigit())
    month, year = parse_expiry(fields.expiry)
    card = CardData(pan=pan, exp_month=month, exp_year=year, cvv=fields.cvv or None)
    return Tender.keyed(card)


def check_tender(choice: TenderChoice, fields: CheckFields) -> Tender:
    account = BankAccount(fields.routing.strip(), fields.account.strip(),
                          check_number=fields.check_number.strip())
    kind = (TenderKind.CHECK_PRESENT if choice is TenderChoice.CHECK_AT_DESK
            else TenderKind.CHECK_NOT_PRESENT)
    return Tender(kind, bank_account=account)
