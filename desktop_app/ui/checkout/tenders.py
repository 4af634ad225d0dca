"""How the form's fields become a domain ``Tender``, each problem tied to its field.

A keyed card is checked field by field before the domain sees it, so the form can clear
and focus just the field at fault (a wrong expiry does not make staff key the number again).
The messages are in ``core_messages.py`` for translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop_app.domain import BankAccount, CardData, Tender, TenderKind, ValidationError
from desktop_app.domain.card import luhn_ok
from desktop_app.domain.check import aba_ok
from desktop_app.ui.checkout.choices import TenderChoice


class FieldProblem(ValidationError):
    """Input the form can point at: ``field`` is the form's key for the widget at fault."""

    def __init__(self, field_key: str, message: str) -> None:
        super().__init__(message)
        self.field = field_key


@dataclass
class KeyedFields:
    """Text as typed. Not frozen, so the form can wipe it right after use."""

    pan: str = field(default="", repr=False)
    expiry: str = ""
    cvv: str = field(default="", repr=False)
    name: str = field(default="", repr=False)
    zip_code: str = ""


@dataclass(frozen=True)
class CheckFields:
    routing: str = ""
    account: str = field(default="", repr=False)
    check_number: str = ""
    holder: str = field(default="", repr=False)
    account_type: str = "Checking"
    holder_type: str = "Personal"


def parse_expiry(text: str, today: date | None = None) -> tuple[int, int]:
    """``MM/YY``, ``MMYY`` or ``MM/YYYY`` → (month, four-digit year); a month that is not
    one, or a card whose last valid month has passed, is refused here, at the desk."""
    digits = text.replace("/", "").replace(" ", "")
    if not digits.isdigit() or len(digits) not in (4, 6):
        raise FieldProblem("expiry", "Expiry must look like MM/YY")
    month, year = int(digits[:2]), int(digits[2:])
    if not 1 <= month <= 12:
        raise FieldProblem("expiry", "Expiry month must be 01 to 12")
    year += 2000 if year < 100 else 0
    today = today or date.today()
    if (year, month) < (today.year, today.month):  # valid through the end of its month
        raise FieldProblem("expiry", "This card has expired: check the expiry date")
    return month, year


def keyed_tender(fields: KeyedFields, today: date | None = None) -> Tender:
    pan = "".join(ch for ch in fields.pan if ch.isdigit())
    if not 13 <= len(pan) <= 19:
        raise FieldProblem("pan", "Card number must be 13 to 19 digits")
    if not luhn_ok(pan):
        raise FieldProblem("pan", "Card number is not valid (check digit); please re-enter it")
    month, year = parse_expiry(fields.expiry, today)
    if fields.cvv and not (fields.cvv.isdigit() and 3 <= len(fields.cvv) <= 4):
        raise FieldProblem("cvv", "Security code must be 3 or 4 digits")
    zip_code = fields.zip_code.replace("-", "").replace(" ", "")
    if zip_code and not (zip_code.isdigit() and len(zip_code) in (5, 9)):
        raise FieldProblem("zip", "Billing ZIP must be 5 digits (or ZIP+4)")
    card = CardData(pan=pan, exp_month=month, exp_year=year, cvv=fields.cvv or None,
                    cardholder_name=fields.name.strip(), billing_zip=zip_code)
    return Tender.keyed(card)


def check_tender(choice: TenderChoice, fields: CheckFields, *,
                 needs_holder: bool = False) -> Tender:
    routing, account = fields.routing.strip(), fields.account.strip()
    if not aba_ok(routing):
        raise FieldProblem("routing",
                           "Routing number is not valid (check digit); please re-enter it")
    if not (account.isdigit() and 4 <= len(account) <= 17):
        raise FieldProblem("account", "Account number must be 4 to 17 digits")
    if needs_holder and not fields.holder.strip():
        raise FieldProblem("holder", "Enter the account holder's name as the check shows it")
    bank = BankAccount(routing, account, check_number=fields.check_number.strip(),
                       account_type=fields.account_type, holder_name=fields.holder.strip(),
                       holder_type=fields.holder_type)
    kind = (TenderKind.CHECK_PRESENT if choice is TenderChoice.CHECK_AT_DESK
            else TenderKind.CHECK_NOT_PRESENT)
    return Tender(kind, bank_account=bank)
