"""BER-TLV: round trip, typed errors on garbage, and a receipt that never holds the PAN."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.errors import TlvError
from drivers.parsers import tlv
from drivers.parsers.tlv import Tlv
from tests.drivers.cards import PAN, leaks

CHIP_RESULT = bytes.fromhex(
    "5A084111111111111111" "57114111111111111111D30121010000000000" "5F24033012 31".replace(" ", "")
    + "5F2009444F452F4A414E4520"
    + "9F0206000000012345" "9F2608A1B2C3D4E5F60718" "9F270180" "950500000080 00".replace(" ", "")
    + "9B02E800" "9F3403420300" "9F36020031" "9C0100" "5F2A020840" "4F07A0000000031010"
    + "500B5649534120435245444954" + "9F120B5649534120435245444954"
)


def test_chip_result_maps_to_receipt_fields_with_masked_pan() -> None:
    items = tlv.decode(CHIP_RESULT)
    receipt = tlv.receipt(items)
    assert receipt.masked_pan == "411111******1111"
    assert receipt.aid == "A0000000031010"
    assert receipt.app_label == "VISA CREDIT"
    assert (receipt.tvr, receipt.tsi) == ("0000008000", "E800")
    assert receipt.cvm == "Online PIN"
    assert receipt.cryptogram_type == "ARQC"
    assert receipt.amount_cents == 12345
    assert receipt.expiry == "3012"
    assert "57" not in receipt.tags and "5A" not in receipt.tags
    assert not leaks(repr(receipt)) and not leaks(str(receipt.tags))


def test_card_fields_come_from_5a_and_57() -> None:
    pan, expiry, track2 = tlv.card_fields(tlv.decode(CHIP_RESULT))
    assert (pan, expiry) == (PAN, "3012")
    assert track2.startswith(PAN + "=3012")


def test_multi_byte_tags_long_lengths_and_constructed_objects() -> None:
    inner = Tlv("9F02", bytes(6))
    big = Tlv("DF8101", bytes(300))
    outer = Tlv("70", tlv.encode([inner, big]), (inner, big))
    data = tlv.encode([outer])
    assert data[:4] == bytes.fromhex("7082013B")
    assert tlv.decode(data) == (outer,)
    assert tlv.find(tlv.decode(data), "DF8101") == bytes(300)


@pytest.mark.parametrize("data", ["9F", "9F02", "9F0205", "5F2A8401", "5A80", "9FFFFFFFFF01"])
def test_truncated_or_odd_data_is_a_typed_error(data: str) -> None:
    with pytest.raises(TlvError):
        tlv.decode(bytes.fromhex(data))


@st.composite
def tags(draw: st.DrawFn, constructed: bool) -> str:
    cls = draw(st.sampled_from([0x40, 0x80, 0xC0])) | (0x20 if constructed else 0)
    if draw(st.booleans()) or cls == 0xE0:  # 0xFF is padding, never a tag's first byte
        return bytes([cls | draw(st.integers(1, 0x1E))]).hex().upper()
    middle = draw(st.lists(st.integers(0x81, 0xFF), max_size=2))
    return bytes([cls | 0x1F, *middle, draw(st.integers(0x01, 0x7F))]).hex().upper()


primitives = (st.builds(Tlv, tags(False), st.binary(max_size=40))
              | st.builds(Tlv, tags(False), st.binary(min_size=128, max_size=300)))


def constructed(children: st.SearchStrategy[list[Tlv]]) -> st.SearchStrategy[Tlv]:
    return st.builds(lambda tag, kids: Tlv(tag, tlv.encode(kids), tuple(kids)), tags(True),
                     children)


objects = st.recursive(primitives, lambda kids: constructed(st.lists(kids, min_size=1,
                                                                    max_size=3)), max_leaves=8)


@given(st.lists(objects, max_size=4))
def test_round_trip(items: list[Tlv]) -> None:
    assert tlv.decode(tlv.encode(items)) == tuple(items)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        items = tlv.decode(data)
    except TlvError:
        return
    tlv.receipt(items)
    tlv.card_fields(items)


@pytest.mark.parametrize(("data", "position"), [
    ("9C0100" "E103" "9F0202", 5),        # child 9F02 (at 5) runs past its parent E1
    ("9C0100" "E104" "5A809F02", 6),      # child 5A's length form 80 is at 6
    ("E105" "70035A0812", 4),             # grandchild 5A (at 4) runs past its parent 70
    ("E101" "9F", 2),                     # child tag cut short at 2
])
def test_error_positions_inside_constructed_objects_count_from_the_whole_buffer(
        data: str, position: int) -> None:
    with pytest.raises(TlvError) as info:
        tlv.decode(bytes.fromhex(data))
    assert info.value.position == position
