"""How the patient pays: the tender, and how a card came to us (entry mode)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from desktop_app.domain.card import CardData, EncryptedCard, SavedCard
from desktop_app.domain.check import BankAccount, CheckImages
from desktop_app.domain.errors import ValidationError


class TenderKind(enum.Enum):
    CHIP = "chip"
    CONTACTLESS = "contactless"
    SWIPE = "swipe"
    KEYED = "keyed"
    PHONE = "phone"                          # keyed for a patient on the phone (not present)
    SAVED_CARD = "saved_card"
    CHECK_PRESENT = "check_present"          # scanned at the desk
    CHECK_NOT_PRESENT = "check_not_present"  # routing/account keyed, e.g. by phone
    HOSTED_SSO = "hosted_sso"

    @property
    def is_card(self) -> bool:
        return self in {TenderKind.CHIP, TenderKind.CONTACTLESS, TenderKind.SWIPE, TenderKind.KEYED,
                        TenderKind.PHONE}

    @property
    def is_check(self) -> bool:
        return self in {TenderKind.CHECK_PRESENT, TenderKind.CHECK_NOT_PRESENT}


class EntryMode(enum.Enum):
    """How the card was read. The gateway is told ``cardPresentStatus`` instead (gateway.json
    card_present_status); ``EMVCardEntryMode`` only comes back in replies."""

    CHIP = "Chip"
    CONTACTLESS = "Contactless"
    SWIPED = "Swiped"
    FALLBACK_SWIPE = "FallbackSwipe"
    KEYED = "Keyed"


_ENTRY = {
    TenderKind.CHIP: EntryMode.CHIP,
    TenderKind.CONTACTLESS: EntryMode.CONTACTLESS,
    TenderKind.SWIPE: EntryMode.SWIPED,
    TenderKind.KEYED: EntryMode.KEYED,
    TenderKind.PHONE: EntryMode.KEYED,
}


@dataclass(frozen=True)
class Tender:
    kind: TenderKind
    card: CardData | None = None
    saved_card: SavedCard | None = None
    bank_account: BankAccount | None = None
    entry_mode: EntryMode | None = None
    encrypted: EncryptedCard | None = None  # from an encrypting reader, instead of ``card``
    # Non-secret EMV receipt tags from the PIN pad (AID 4F, label 50, TVR 95, ...), hex values.
    emv_tags: dict[str, str] = field(default_factory=dict, compare=False)
    check_images: CheckImages | None = field(default=None, compare=False)  # scanned checks

    def __post_init__(self) -> None:
        if self.kind.is_card and self.card is None and self.encrypted is None:
            raise ValidationError("A card tender needs card data")
        if self.kind is TenderKind.SAVED_CARD and self.saved_card is None:
            raise ValidationError("Charging a saved card needs its token")
        if self.kind.is_check and self.bank_account is None:
            raise ValidationError("A check needs routing and account numbers")
        if self.entry_mode is None and self.kind in _ENTRY:
            object.__setattr__(self, "entry_mode", _ENTRY[self.kind])

    @classmethod
    def keyed(cls, card: CardData) -> Tender:
        return cls(TenderKind.KEYED, card=card)

    def describe(self) -> str:
        """What staff and receipts may see: brand and masked number, never more."""
        if self.card is not None:
            return f"{self.card.brand} {self.card.masked}"
        if self.encrypted is not None:
            return f"{self.encrypted.brand} {self.encrypted.masked}"
        if self.saved_card is not None:
            return f"{self.saved_card.brand} ****{self.saved_card.last_four}"
        if self.bank_account is not None:
            return f"Check {self.bank_account.masked_account}"
        return self.kind.value
