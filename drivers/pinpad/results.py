"""Turning a pad's ``CardResult`` into the domain ``Tender`` the payment service charges.

Pure, so the mapping (entry modes, fallback, what goes into ``emv_tags``) is tested without
a device. A result that does not yield a valid card is a ``BadRead``: the answer is the
same as for an unreadable stripe, ask for the card again.
"""

from __future__ import annotations

from desktop_app.domain import CardData, EntryMode, Tender, TenderKind, ValidationError
from drivers.errors import ParseError
from drivers.parsers import tlv
from drivers.parsers.tracks import BadRead, Swipe, display_name, parse_swipe
from drivers.pinpad.messages import CardResult, Entry

_KINDS = {Entry.CHIP: TenderKind.CHIP, Entry.TAP: TenderKind.CONTACTLESS,
          Entry.KEYED: TenderKind.KEYED}


def _from_tlv(result: CardResult) -> Tender | BadRead:
    try:
        items = tlv.decode(bytes.fromhex(result.tlv_hex))
    except (ValueError, ParseError):
        return BadRead((), "card data from the pad was malformed")
    pan, expiry, track2 = tlv.card_fields(items)
    name = (tlv.find(items, "5F20") or b"").decode("ascii", "replace")
    try:
        card = CardData(pan=pan, exp_month=int(expiry[2:4]), exp_year=2000 + int(expiry[:2]),
                        # same form as a swiped track 2, sentinels included, for the gateway
                        track2=f";{track2}?" if track2 else None,
                        cardholder_name=display_name(name))
    except (ValueError, ValidationError):
        return BadRead((), "card number or expiry from the pad was not valid")
    return Tender(_KINDS[result.entry], card=card, emv_tags=tlv.receipt(items).tags)


def _from_tracks(result: CardResult, after_chip_failure: bool) -> Tender | BadRead:
    try:
        swipe = parse_swipe(result.tracks)
    except ParseError:
        return BadRead((1, 2), "stripe could not be decoded")
    if not isinstance(swipe, Swipe):
        return swipe
    try:
        card = swipe.card_data()
    except ValidationError:
        return BadRead((1, 2), "card number check digit failed")
    mode = EntryMode.FALLBACK_SWIPE if after_chip_failure else EntryMode.SWIPED
    return Tender(TenderKind.SWIPE, card=card, entry_mode=mode)


def tender_from_result(result: CardResult, *, after_chip_failure: bool) -> Tender | BadRead:
    if result.entry is Entry.SWIPE:
        return _from_tracks(result, after_chip_failure)
    return _from_tlv(result)


def chip_card_swiped(tender: Tender, after_chip_failure: bool) -> bool:
    """A chip card swiped without a chip failure first: EMV rules say insert it instead."""
    if tender.kind is not TenderKind.SWIPE or after_chip_failure or tender.card is None:
        return False
    track2 = tender.card.track2 or ""
    service = track2.partition("=")[2][4:7]
    return service[:1] in ("2", "6")
