"""The tender choices at the desk (no domain import: the form is on screen before it loads)."""

from __future__ import annotations

import enum


class TenderChoice(enum.Enum):
    """What staff pick in the form; the reader decides chip/tap/swipe by itself."""

    CARD_ON_READER = "card_on_reader"
    KEYED_CARD = "keyed_card"
    CARD_ON_FILE = "card_on_file"
    CHECK_AT_DESK = "check_at_desk"
    CHECK_NOT_PRESENT = "check_not_present"
    HOSTED_PAGE = "hosted_page"

    @property
    def needs_card_fields(self) -> bool:
        return self is TenderChoice.KEYED_CARD

    @property
    def needs_check_fields(self) -> bool:
        return self in (TenderChoice.CHECK_AT_DESK, TenderChoice.CHECK_NOT_PRESENT)
