"""Card data that is safe to hold in memory and never safe to print.

PCI DSS 3.3.1 / 3.4.1: the PAN may be displayed masked to first six / last four at most;
track data, CVV and PIN are never stored after authorization. ``repr`` and ``str`` here are
masked so an exception, a log line or a debugger print can't leak them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.domain.errors import ValidationError


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask_pan(pan: str) -> str:
    """First six and last four, the rest as '*': the most PCI DSS allows on screen."""
    digits = "".join(ch for ch in pan if ch.isdigit())
    if len(digits) < 13:
        return "*" * len(digits)
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def card_brand(pan: str) -> str:
    if pan.startswith("4"):
        return "VISA"
    if pan[:2] in {"51", "52", "53", "54", "55"} or "2221" <= pan[:4] <= "2720":
        return "MASTERCARD"
    if pan[:2] in {"34", "37"}:
        return "AMEX"
    if pan.startswith("6011") or pan.startswith("65"):
        return "DISCOVER"
    return "OTHER"


@dataclass(frozen=True)
class CardData:
    """A card as captured at the desk. Sensitive fields are excluded from repr and eq."""

    pan: str = field(repr=False)
    exp_month: int
    exp_year: int
    cvv: str | None = field(default=None, repr=False, compare=False)
    track1: str | None = field(default=None, repr=False, compare=False)
    track2: str | None = field(default=None, repr=False, compare=False)
    cardholder_name: str = field(default="", repr=False)
    # For address verification (AVS) of a card not present: the wire's AddressVerificationInfo
    # Zip (wire facts, SOAP card requests); empty when not asked.
    billing_zip: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not (self.pan.isdigit() and 13 <= len(self.pan) <= 19):
            raise ValidationError("Card number must be 13 to 19 digits")
        if not luhn_ok(self.pan):
            raise ValidationError("Card number is not valid (check digit); please re-enter it")
        if not 1 <= self.exp_month <= 12:
            raise ValidationError("Expiry month must be 01 to 12")
        if self.exp_year < 100:
            object.__setattr__(self, "exp_year", 2000 + self.exp_year)
        if self.cvv is not None and not (self.cvv.isdigit() and 3 <= len(self.cvv) <= 4):
            raise ValidationError("Security code must be 3 or 4 digits")

    @property
    def masked(self) -> str:
        return mask_pan(self.pan)

    @property
    def last_four(self) -> str:
        return self.pan[-4:]

    @property
    def bin(self) -> str:
        return self.pan[:6]

    @property
    def brand(self) -> str:
        return card_brand(self.pan)

    def __repr__(self) -> str:
        return f"CardData({self.masked}, exp={self.exp_month:02d}/{self.exp_year})"

    __str__ = __repr__

    @classmethod
    def from_keyed_line(cls, line: str) -> CardData:
        """Parse the CLI's one line ``PAN MM/YY [CVV]`` (never from argv: shells keep history)."""
        parts = line.split()
        if len(parts) not in (2, 3):
            raise ValidationError("Expected: card number, expiry MM/YY, optional security code")
        pan = parts[0].replace("-", "")
        month, sep, year = parts[1].partition("/")
        if not sep or not month.isdigit() or not year.isdigit():
            raise ValidationError("Expiry must look like MM/YY")
        return cls(pan=pan, exp_month=int(month), exp_year=int(year),
                   cvv=parts[2] if len(parts) == 3 else None)


@dataclass(frozen=True)
class SavedCard:
    """A card saved on file: the gateway's token plus what may be shown. Never a PAN."""

    token: str = field(repr=False)
    brand: str
    last_four: str
    exp_month: int | None = None
    exp_year: int | None = None

    def __repr__(self) -> str:
        return f"SavedCard({self.brand} ****{self.last_four})"


_TRACK_SHAPED = re.compile(r"%B\d|;\d{12,19}=|\d{12,19}\^|\d{13,19}=\d{4}")


def looks_like_track_data(text: str) -> bool:
    """A magnetic stripe's text (track 1 ``%B…^``, track 2 ``;…=``) typed into a field by a
    keyboard-wedge reader: such text is refused and cleared, never stored."""
    return bool(_TRACK_SHAPED.search(text))


_MASKED_TRACK2 = re.compile(r";?([0-9]{4,6})([0-9*]{3,9})([0-9]{4})=([0-9]{2})([0-9]{2})[0-9*]*\??")
_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})+")


@dataclass(frozen=True)
class EncryptedCard:
    """What an encrypting reader (SRED / P2PE) gives us: the tracks encrypted under a DUKPT
    key identified by the KSN, plus a masked track 2 in clear for the receipt.

    Passed to the gateway opaque: this app holds no key and never decrypts (PCI P2PE keeps the
    clear card data out of the PC altogether). Only the masked fields may be shown or stored.
    """

    format: str
    masked_track2: str
    ksn: str
    encrypted_track2: str = field(repr=False)
    encrypted_track1: str = field(default="", repr=False)
    device_serial: str = ""
    # An EMV reader's whole ARQC message (MagTek DynaFlex: length, F9 container, CBC-MAC), hex,
    # for gateways that take it as one opaque value; empty for a swipe-only reader.
    arqc: str = field(default="", repr=False)
    # The reader's card type (MagTek DFDF52) and fallback indicator (DFDF53), hex; empty if
    # the reader sends none.
    card_type: str = ""
    fallback: bool = False

    def __post_init__(self) -> None:
        m = _MASKED_TRACK2.fullmatch(self.masked_track2)
        if m is None or "*" not in m.group(2):
            raise ValidationError("The reader's masked track is not masked or not readable")
        if not (_HEX.fullmatch(self.ksn) and len(self.ksn) in (20, 24)):
            raise ValidationError("The reader's key serial number (KSN) is not valid")
        for blob in (self.encrypted_track2, self.encrypted_track1):
            if blob and not _HEX.fullmatch(blob):
                raise ValidationError("The reader's encrypted data is damaged; swipe again")
        if not self.encrypted_track2:
            raise ValidationError("The reader sent no encrypted track 2; swipe again")

    def _part(self, group: int) -> str:
        m = _MASKED_TRACK2.fullmatch(self.masked_track2)
        assert m is not None
        return m.group(group)

    @property
    def masked(self) -> str:
        return self._part(1) + self._part(2) + self._part(3)

    @property
    def last_four(self) -> str:
        return self._part(3)

    @property
    def brand(self) -> str:
        return card_brand(self._part(1))

    @property
    def exp_month(self) -> int:
        return int(self._part(5))

    @property
    def exp_year(self) -> int:
        return 2000 + int(self._part(4))
