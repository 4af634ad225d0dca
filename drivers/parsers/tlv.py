"""BER-TLV as EMV uses it (EMV Book 3 Annex B), and the receipt fields we keep from it.

The PIN pad runs the EMV kernel; we only read its result. ``EmvReceipt`` keeps what a
receipt and the gateway may see. The PAN (5A) becomes a masked PAN and track 2 equivalent
data (57) is never copied into it (PCI DSS 3.3.1, 3.4.1).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from desktop_app.domain.card import mask_pan
from drivers.errors import TlvError

MAX_DEPTH = 8  # EMV nests two or three levels; deeper is garbage, not data


@dataclass(frozen=True)
class Tlv:
    """One data object. ``tag`` is upper-case hex ("9F02"); constructed ones have children."""

    tag: str
    value: bytes = field(repr=False)
    children: tuple[Tlv, ...] = ()

    @property
    def constructed(self) -> bool:
        return bool(int(self.tag[:2], 16) & 0x20)


def _tag(data: bytes, i: int, offset: int) -> tuple[str, int]:
    start = i
    first = data[i]
    i += 1
    if first & 0x1F == 0x1F:
        while True:
            if i >= len(data):
                raise TlvError("EMV data", "tag runs past the end", offset + start)
            i += 1
            if not data[i - 1] & 0x80:
                break
            if i - start > 4:
                raise TlvError("EMV data", "tag longer than 4 bytes", offset + start)
    return data[start:i].hex().upper(), i


def _length(data: bytes, i: int, offset: int) -> tuple[int, int]:
    if i >= len(data):
        raise TlvError("EMV data", "length missing", offset + i)
    first = data[i]
    if first < 0x80:
        return first, i + 1
    count = first & 0x7F
    if count == 0 or count > 4:
        raise TlvError("EMV data", "unsupported length form", offset + i)
    if i + 1 + count > len(data):
        raise TlvError("EMV data", "length runs past the end", offset + i)
    return int.from_bytes(data[i + 1:i + 1 + count], "big"), i + 1 + count


def decode(data: bytes, *, offset: int = 0, depth: int = 0) -> tuple[Tlv, ...]:
    """Every data object in ``data``. 0x00 and 0xFF between objects are padding (Annex B).

    ``offset`` is where ``data`` sits in the outermost buffer: every error position is
    counted from the start of that buffer, also inside constructed objects."""
    if depth > MAX_DEPTH:
        raise TlvError("EMV data", "nested too deeply", offset)
    items: list[Tlv] = []
    i = 0
    while i < len(data):
        if data[i] in (0x00, 0xFF):
            i += 1
            continue
        start = i
        tag, i = _tag(data, i, offset)
        length, i = _length(data, i, offset)
        if i + length > len(data):
            raise TlvError("EMV data", f"value of {tag} runs past the end", offset + start)
        value = data[i:i + length]
        children: tuple[Tlv, ...] = ()
        if int(tag[:2], 16) & 0x20:
            children = decode(value, offset=offset + i, depth=depth + 1)
        items.append(Tlv(tag, value, children))
        i += length
    return tuple(items)


def _encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(items: Sequence[Tlv]) -> bytes:
    """Inverse of ``decode``; constructed objects are re-encoded from their children."""
    out = bytearray()
    for item in items:
        value = encode(item.children) if item.children else item.value
        out += bytes.fromhex(item.tag) + _encode_length(len(value)) + value
    return bytes(out)


def walk(items: Sequence[Tlv]) -> Iterator[Tlv]:
    for item in items:
        yield item
        yield from walk(item.children)


def find(items: Sequence[Tlv], tag: str) -> bytes | None:
    return next((t.value for t in walk(items) if t.tag == tag), None)


# Tags a receipt or the gateway may see. Not 5A (PAN), 57 (track 2 equivalent), 5F20 (name).
RECEIPT_TAGS = ("4F", "50", "9F12", "95", "9B", "9F34", "9F26", "9F27", "9F36", "9C", "8A",
                "5F2A", "9F02", "5F24")

# EMV Book 4 Annex A2: CVM method codes (low 6 bits of byte 1 of 9F34).
CVM_METHODS = {
    0x00: "Failed CVM", 0x01: "Offline PIN", 0x02: "Online PIN", 0x03: "Offline PIN and signature",
    0x04: "Offline PIN", 0x05: "Offline PIN and signature", 0x1E: "Signature",
    0x1F: "No CVM required", 0x3F: "No CVM performed",
}
CRYPTOGRAM_TYPES = {0x00: "AAC", 0x40: "TC", 0x80: "ARQC"}  # 9F27 bits 8-7


def _bcd(value: bytes) -> str:
    return value.hex().upper().rstrip("F")


@dataclass(frozen=True)
class EmvReceipt:
    """What a chip or contactless receipt shows, with a masked PAN only."""

    masked_pan: str = ""
    aid: str = ""
    app_label: str = ""
    tvr: str = ""
    tsi: str = ""
    cvm: str = ""
    cryptogram_type: str = ""
    amount_cents: int | None = None
    expiry: str = ""  # YYMM
    tags: dict[str, str] = field(default_factory=dict, compare=False)  # RECEIPT_TAGS, hex


def _text(value: bytes | None) -> str:
    return value.decode("ascii", "replace").strip() if value else ""


def receipt(items: Sequence[Tlv]) -> EmvReceipt:
    """Receipt fields from the pad's TLV result; malformed values read as blank, not crash."""
    pan = _bcd(find(items, "5A") or b"")
    cvm_raw = find(items, "9F34") or b""
    cid = find(items, "9F27") or b""
    amount = _bcd(find(items, "9F02") or b"")
    tags = {t.tag: t.value.hex().upper() for t in walk(items) if t.tag in RECEIPT_TAGS}
    label = find(items, "9F12") or find(items, "50")
    return EmvReceipt(
        masked_pan=mask_pan(pan) if pan.isdigit() else "",
        aid=tags.get("4F", ""),
        app_label=_text(label),
        tvr=tags.get("95", ""),
        tsi=tags.get("9B", ""),
        cvm=CVM_METHODS.get(cvm_raw[0] & 0x3F, "Unknown") if cvm_raw else "",
        cryptogram_type=CRYPTOGRAM_TYPES.get(cid[0] & 0xC0, "") if cid else "",
        amount_cents=int(amount) if amount.isdigit() else None,
        expiry=_bcd(find(items, "5F24") or b"")[:4],
        tags=tags,
    )


def card_fields(items: Sequence[Tlv]) -> tuple[str, str, str]:
    """PAN, expiry YYMM and track 2 equivalent (``PAN=YYMM...``) for ``CardData`` only."""
    pan = _bcd(find(items, "5A") or b"")
    track2 = (find(items, "57") or b"").hex().upper().rstrip("F").replace("D", "=")
    if not pan and "=" in track2:
        pan = track2.partition("=")[0]
    expiry = _bcd(find(items, "5F24") or b"")[:4] or track2.partition("=")[2][:4]
    return pan, expiry, track2
