"""The DynaFlex ARQC message → an encrypted ``Tender``, passed to the gateway opaque. Pure.

Layout (MagTek D998200582 Appendix A; the sample ARQC in WebHID_Public ``js/DemoUnigate.js``;
``API_Unigate.js`` reads DFDF52/DFDF53 from it): a 2-byte length, then container F9 with the
MAC KSN DFDF54, MAC encryption type DFDF55, device serial DFDF25 and FA → 70 holding the clear
tags (DFDF52 card type, DFDF53 fallback indicator, DFDF4D masked track 2, EMV tags such as
9F26, 82) and container F8 (DFDF59 encrypted data, DFDF56 its KSN, DFDF57 its encryption
type, DFDF58 padding count); after F9, the CBC-MAC. Nothing here decrypts.
"""

from __future__ import annotations

from desktop_app.domain import EncryptedCard, EntryMode, Tender, TenderKind, ValidationError
from drivers.errors import ParseError
from drivers.parsers import tlv
from drivers.parsers.tracks import BadRead

# DFDF52: API_Unigate.js treats 01-03 as magnetic stripe and anything else as EMV; the
# sample ARQC with 9F6E (contactless form factor) carries 06. 05 for contact chip is our
# reading, unconfirmed (kept here as data).
CARD_TYPES = {0x01: TenderKind.SWIPE, 0x02: TenderKind.SWIPE, 0x03: TenderKind.SWIPE,
              0x05: TenderKind.CHIP, 0x06: TenderKind.CONTACTLESS}
ENCRYPTION_TYPES = {0x80: "TDES-DUKPT-Data", 0x81: "AES-DUKPT-Data", 0x82: "TDES-DUKPT-MAC"}


def split(data: bytes) -> tuple[tuple[tlv.Tlv, ...], bytes]:
    """The ARQC's TLVs and its trailing MAC."""
    if len(data) < 2:
        raise ParseError("ARQC", "shorter than its length field", 0)
    n = int.from_bytes(data[:2], "big")
    if n > len(data) - 2:
        raise ParseError("ARQC", "length runs past the end", 0)
    return tlv.decode(data[2:2 + n], offset=2), data[2 + n:]


def tender(data: bytes, scheme: str) -> Tender | BadRead:
    """An ARQC's tender, or a ``BadRead`` when it holds no usable card (ask again)."""
    try:
        items, _mac = split(data)
    except ParseError:
        return BadRead((), "the reader's card data was malformed")

    def get(tag: str) -> bytes:
        return tlv.find(items, tag) or b""

    card_type = get("DFDF52")
    kind = CARD_TYPES.get(card_type[0]) if card_type else None
    fallback = get("DFDF53")[:1] == b"\x01"
    if kind is None or not get("DFDF59"):
        return BadRead((), "the reader sent no encrypted card data")
    try:
        card = EncryptedCard(
            format=scheme, masked_track2=get("DFDF4D").decode("ascii", "replace"),
            ksn=get("DFDF56").hex().upper(), encrypted_track2=get("DFDF59").hex().upper(),
            device_serial=get("DFDF25").decode("ascii", "replace").rstrip("\0"),
            arqc=data.hex().upper(), card_type=card_type.hex().upper(), fallback=fallback)
    except ValidationError:
        return BadRead((), "the reader's masked card data was not usable")
    mode = EntryMode.FALLBACK_SWIPE if fallback and kind is TenderKind.SWIPE else None
    clear = [t for t in tlv.walk(items) if t.tag == "70"]
    tags = tlv.receipt(clear).tags if clear else {}
    return Tender(kind, encrypted=card, entry_mode=mode, emv_tags=tags)
