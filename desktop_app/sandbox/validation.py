"""Reading request fields (our keys) into checked values, with errors that name the field.

A front-desk integrator debugging a refusal needs to know *which* field was wrong, so every
message starts with the wire name. Card data stays inside ``CardInput`` (memory only, masked
repr); only brand, BIN and last four ever leave this module in replies or the ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from desktop_app.domain import Money
from desktop_app.domain.card import card_brand
from desktop_app.domain.check import aba_ok
from desktop_app.sandbox.errors import invalid
from desktop_app.sandbox.table import req, table
from desktop_app.sandbox.test_keys import FORMAT, decrypt_track

_AMOUNT = re.compile(r"[0-9]{1,10}(\.[0-9]{1,2})?")
_TRACK2 = re.compile(r";?([0-9]{13,19})=([0-9]{2})([0-9]{2})[0-9]*\??")
_TRACK1 = re.compile(r"%?B([0-9]{13,19})\^([^^]{0,26})\^([0-9]{2})([0-9]{2})[^?]*\??")
_DIGITS = re.compile(r"[0-9]+")
# cardExpDate as the portal's sample writes it (12-19); the field tables' CardExpiration also
# allows mm/YY, mm - yy, mm / yy.
_EXP_DATE = re.compile(r"([0-9]{1,2})\s*[-/]\s*([0-9]{2})")
# EMVCardEntryMode in replies, by how the card was presented (cardPresentStatus).
ENTRY_MODES = {"PresentEMV": "Chip", "MSDContactless": "Contactless",
               "PresentSwipeSign": "Swiped", "PresentSwipeNoSign": "Swiped"}


def value(fields: dict[str, str], key: str) -> str:
    """A request field by our key, stripped; '' when absent."""
    return fields.get(key, "").strip()


def required(fields: dict[str, str], key: str, what: str = "") -> str:
    text = value(fields, key)
    if not text:
        raise invalid(f"{req(key)} is required{' for ' + what if what else ''}")
    return text


def parse_amount(text: str, name: str = "amount") -> Money:
    """A positive amount with at most two decimal places: "12.34", "5", "0.10"."""
    if not _AMOUNT.fullmatch(text):
        raise invalid(f"{name} must be a positive amount with at most two decimal places, "
                      f"like 12.34")
    money = Money(int(Decimal(text) * 100))
    if not money.is_positive:
        raise invalid(f"{name} must be greater than zero")
    return money


def amount_field(fields: dict[str, str], what: str = "") -> Money:
    return parse_amount(required(fields, "amount", what), req("amount"))


def optional_amount(fields: dict[str, str]) -> Money | None:
    text = value(fields, "amount")
    return parse_amount(text, req("amount")) if text else None


@dataclass(frozen=True)
class CardInput:
    pan: str = field(repr=False)
    exp_month: int
    exp_year: int
    cvv: str | None = field(default=None, repr=False)
    holder: str = field(default="", repr=False)
    entry_mode: str = "Keyed"

    @property
    def brand(self) -> str:
        return card_brand(self.pan)

    @property
    def last_four(self) -> str:
        return self.pan[-4:]

    @property
    def bin(self) -> str:
        return self.pan[:6]


def _month(text: str, name: str = "") -> int:
    if not (_DIGITS.fullmatch(text) and 1 <= int(text) <= 12 and len(text) <= 2):
        raise invalid(f"{name or req('card_exp_date')} must have a month from 01 to 12")
    return int(text)


def _year(text: str) -> int:
    return int(text) + 2000


def exp_date(text: str) -> tuple[int, int]:
    """``cardExpDate`` MM-YY (or MM/YY) → (month, year)."""
    m = _EXP_DATE.fullmatch(text)
    if m is None:
        raise invalid(f"{req('card_exp_date')} must be the expiry as MM-YY, like 12-30")
    return _month(m.group(1)), _year(m.group(2))


def presence(fields: dict[str, str], key: str = "card_present_status") -> str:
    """``cardPresentStatus`` (or ``primaryCardPresentStatus``) in its table spelling: the
    gateway takes any letter case (H-gw sends ``notpresentphone``)."""
    text = value(fields, key)
    if not text:
        return ""
    known = table().presence_values().get(text.lower())
    if known is None:
        raise invalid(f"{req(key)} {text[:30]} is not a card present status")
    return known


def entry_mode(fields: dict[str, str], default: str) -> str:
    """What a reply's EMVCardEntryMode says, from the request's cardPresentStatus."""
    status = presence(fields)
    if not status:
        return default
    return ENTRY_MODES.get(status, "Keyed")


def _keyed_pan(text: str) -> str:
    if not (_DIGITS.fullmatch(text) and 13 <= len(text) <= 19):
        raise invalid(f"{req('card_number')} must be 13 to 19 digits")
    return text


def _from_track(fields: dict[str, str]) -> tuple[str, int, int, str, str]:
    """(pan, month, year, holder, entry mode) from track 2, else track 1."""
    track2, track1 = value(fields, "card_track2"), value(fields, "card_track1")
    name = req("card_track2")
    if track2:
        m = _TRACK2.fullmatch(track2)
        if m is None:
            raise invalid(f"{req('card_track2')} is not readable track 2 data")
        return m.group(1), _month(m.group(3), name), _year(m.group(2)), "", "Swiped"
    m = _TRACK1.fullmatch(track1)
    if m is None:
        raise invalid(f"{req('card_track1')} is not readable track 1 data")
    return (m.group(1), _month(m.group(4), req("card_track1")), _year(m.group(3)),
            m.group(2).strip(), "Swiped")


def _from_encrypted(fields: dict[str, str]) -> tuple[str, int, int, str, str]:
    """An encrypting reader's blob: "decrypted" with the sandbox test key (test_keys.py)."""
    ksn = required(fields, "key_serial_number", "encrypted card data")
    fmt = value(fields, "encryption_format")
    if fmt != FORMAT:
        raise invalid(f"{req('encryption_format')} {fmt!r} is not supported by the sandbox "
                      f"(use {FORMAT})")
    try:
        track2 = decrypt_track(value(fields, "encrypted_track2"), ksn)
    except ValueError:
        raise invalid(f"{req('encrypted_track2')} is not hex data") from None
    m = _TRACK2.fullmatch(track2)
    if m is None:
        raise invalid(f"{req('encrypted_track2')} does not decrypt to track 2 data "
                      f"(wrong {req('key_serial_number')}?)")
    month = _month(m.group(3), req("encrypted_track2"))
    return m.group(1), month, _year(m.group(2)), "", "Swiped"


def card_input(fields: dict[str, str]) -> CardInput:
    """Keyed card number + expiry, or track 2 / track 1 data."""
    if value(fields, "card_number"):
        pan = _keyed_pan(value(fields, "card_number"))
        month, year = exp_date(required(fields, "card_exp_date", "a keyed card"))
        holder, mode = value(fields, "cardholder_name"), "Keyed"
    elif value(fields, "encrypted_track2"):
        pan, month, year, holder, mode = _from_encrypted(fields)
    elif value(fields, "card_track2") or value(fields, "card_track1"):
        pan, month, year, holder, mode = _from_track(fields)
        holder = value(fields, "cardholder_name") or holder
    else:
        raise invalid(f"{req('card_number')} is required (or {req('card_track2')}, "
                      f"{req('card_track1')} or {req('saved_card_id')})")
    cvv = value(fields, "card_cvv") or None
    if cvv is not None and not (_DIGITS.fullmatch(cvv) and 3 <= len(cvv) <= 4):
        raise invalid(f"{req('card_cvv')} must be 3 or 4 digits")
    return CardInput(pan, month, year, cvv, holder, entry_mode(fields, mode))


@dataclass(frozen=True)
class BankInput:
    routing: str
    account: str = field(repr=False)
    check_number: str
    account_type: str

    @property
    def last_four(self) -> str:
        return self.account[-4:]


def bank_input(fields: dict[str, str]) -> BankInput:
    routing = required(fields, "routing_number", "an eCheck")
    if not aba_ok(routing):
        raise invalid(f"{req('routing_number')} is not a valid ABA routing number "
                      "(9 digits with a 3-7-1 check digit)")
    account = required(fields, "account_number", "an eCheck")
    if not (_DIGITS.fullmatch(account) and 4 <= len(account) <= 17):
        raise invalid(f"{req('account_number')} must be 4 to 17 digits")
    check = value(fields, "check_number")
    if check and not (_DIGITS.fullmatch(check) and len(check) <= 15):
        raise invalid(f"{req('check_number')} must be digits")
    return BankInput(routing, account, check, value(fields, "account_type") or "Checking")
