"""MICR lines: every symbol set, ABA check digit, damaged characters listed by position."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.check import aba_ok
from drivers.errors import MicrError
from drivers.parsers.micr import SYMBOL_SETS, MicrLine, encode_micr, parse_micr

ROUTING = "021000021"  # a real ABA number with a valid check digit
PERSONAL = "⑆021000021⑆ 1234567890⑈ 1001"


@pytest.mark.parametrize("line", [
    PERSONAL,
    "T021000021T 1234567890U 1001",
    "A021000021A 1234567890C 1001",
    "⑆021000021⑆ 123⑉456⑉7890⑈ 1001 ⑇0000012550⑇",
])
def test_vendor_symbol_sets_give_the_same_account(line: str) -> None:
    micr = parse_micr(line)
    assert (micr.routing_number, micr.account_number, micr.check_number) == (
        ROUTING, "1234567890", "1001")
    bank = micr.bank_account()
    assert bank.masked_account == "******7890" and "1234567890" not in repr(micr)


def test_business_check_number_is_the_auxiliary_on_us() -> None:
    micr = parse_micr("⑈004512⑈ ⑆021000021⑆ 987654321⑈ ⑇0000100000⑇")
    assert (micr.check_number, micr.auxiliary_on_us, micr.amount_cents) == ("004512", "004512",
                                                                             100000)


def test_damaged_characters_are_listed_by_position() -> None:
    with pytest.raises(MicrError) as info:
        parse_micr("⑆0210?0021⑆ 12345?7890⑈ 1001")
    assert info.value.positions == (5, 17)
    assert "positions 5, 17" in str(info.value) and "damaged" in str(info.value)


def test_bad_check_digit_is_refused() -> None:
    with pytest.raises(MicrError, match="check digit"):
        parse_micr("⑆021000022⑆ 1234567890⑈ 1001")


@st.composite
def routings(draw: st.DrawFn) -> str:
    head = draw(st.text("0123456789", min_size=8, max_size=8))
    return next(head + d for d in "0123456789" if aba_ok(head + d))


micr_lines = st.builds(
    MicrLine, routings(), st.text("0123456789", min_size=4, max_size=17),
    st.text("0123456789", min_size=1, max_size=8), st.just(""),
    st.none() | st.integers(0, 9_999_999_999))


@given(micr_lines, st.sampled_from(sorted(SYMBOL_SETS)))
def test_round_trip(micr: MicrLine, symbols: str) -> None:
    assert parse_micr(encode_micr(micr, symbols), symbols) == micr
    assert parse_micr(encode_micr(micr, symbols)) == micr


@given(st.text(alphabet=st.sampled_from("0123456789 ⑆⑇⑈⑉TUABCD?x"), max_size=60))
def test_arbitrary_lines_never_crash(line: str) -> None:
    with contextlib.suppress(MicrError):
        parse_micr(line)


@given(st.text(max_size=60))
def test_arbitrary_text_never_crashes(line: str) -> None:
    with contextlib.suppress(MicrError):
        parse_micr(line)


@pytest.mark.parametrize(("line", "symbols"), [
    ("T0210-00021T 1234567890U 1001", "magtek_0000"),
    ("t021000021t 1234567890o 1001", "magtek_0001"),
    ("T021000021T 1234567890O 1001", "magtek_0002"),
    ("T021000021T 123-4567890U 1001 $0000012345$", "magtek_0000"),
])
def test_mini_micr_raw_formats_are_detected_and_parsed(line: str, symbols: str) -> None:
    from drivers.parsers.micr import detect_symbols

    assert detect_symbols(line) == symbols
    micr = parse_micr(line)
    assert (micr.routing_number, micr.account_number) == ("021000021", "1234567890")


def test_a_raw_line_with_unreadable_characters_lists_their_positions() -> None:
    with pytest.raises(MicrError) as info:
        parse_micr("T0210?0021T 1234567890U 1001")
    assert info.value.positions == (5,)
