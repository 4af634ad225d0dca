"""ISO 7813 tracks: valid swipes round-trip, anything else is a typed error or a bad read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.errors import TrackError
from drivers.parsers.tracks import (
    BadRead,
    ServiceCode,
    Swipe,
    Track,
    encode_swipe,
    encode_track1,
    encode_track2,
    parse_swipe,
    parse_track1,
    parse_track2,
)
from tests.drivers.cards import PAN, SWIPE, TRACK2, leaks

digits = st.text("0123456789", min_size=1, max_size=1)
pans = st.text("0123456789", min_size=12, max_size=19)
names = st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ /.-"), min_size=2, max_size=26)
services = st.text("0123456789", min_size=3, max_size=3).map(ServiceCode)


@st.composite
def tracks(draw: st.DrawFn, number: int) -> Track:
    pan = draw(pans)
    disc_max = (79 - 16 - len(pan) - 26) if number == 1 else (40 - 12 - len(pan))
    disc = draw(st.text("0123456789", max_size=max(disc_max, 0)))
    name = draw(names) if number == 1 else ""
    return Track(number, pan, draw(st.integers(0, 99)), draw(st.integers(1, 12)),
                 draw(services), disc, name)


def test_swipe_gives_card_data_with_masked_repr() -> None:
    swipe = parse_swipe(SWIPE)
    assert isinstance(swipe, Swipe)
    card = swipe.card_data()
    assert (card.pan, card.exp_month, card.exp_year) == (PAN, 12, 2030)
    assert card.cardholder_name == "JANE DOE"
    assert swipe.primary.service_code.has_chip is False
    assert not leaks(repr(swipe)) and not leaks(repr(card))


@pytest.mark.parametrize("text", ["%E?", ";E?", "%E?;E?", "%E?;E?+E?\r"])
def test_bad_read_sentinels_are_a_bad_read_not_an_error(text: str) -> None:
    assert isinstance(parse_swipe(text), BadRead)


def test_good_track_2_beside_a_bad_track_1_is_enough() -> None:
    swipe = parse_swipe("%E?" + TRACK2)
    assert isinstance(swipe, Swipe) and swipe.track1 is None


def test_tracks_that_disagree_are_rejected_without_quoting_them() -> None:
    other = TRACK2.replace(PAN, "4012888888881881")
    with pytest.raises(TrackError) as info:
        parse_swipe(f"%B{PAN}^DOE/JANE^30121010000000000000?" + other)
    assert not leaks(str(info.value))


def test_wrong_lrc_is_detected() -> None:
    good = encode_track2(parse_track2(TRACK2), with_lrc=True)
    assert parse_track2(good).pan == PAN
    bad = good[:-1] + chr(((ord(good[-1]) - 0x30 + 1) % 16) + 0x30)
    with pytest.raises(TrackError, match="LRC"):
        parse_track2(bad)


@given(tracks(1), st.booleans())
def test_track1_round_trips(track: Track, with_lrc: bool) -> None:
    assert parse_track1(encode_track1(track, with_lrc=with_lrc)) == track


@given(tracks(2), st.booleans())
def test_track2_round_trips(track: Track, with_lrc: bool) -> None:
    assert parse_track2(encode_track2(track, with_lrc=with_lrc)) == track


@given(tracks(1), tracks(2))
def test_swipe_round_trips(t1: Track, t2: Track) -> None:
    t1 = Track(1, t2.pan, t2.exp_year, t2.exp_month, t1.service_code, t1.discretionary[:10],
               t1.name)
    swipe = Swipe(t1, t2)
    assert parse_swipe(encode_swipe(swipe)) == swipe


@given(st.text(max_size=120))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        result = parse_swipe(text)
    except TrackError as exc:
        assert not leaks(str(exc))
        return
    assert isinstance(result, Swipe | BadRead)


@given(st.text(alphabet=st.sampled_from("%;?^=B0123456789E"), max_size=60))
def test_track_shaped_noise_never_crashes(text: str) -> None:
    for parse in (parse_swipe, parse_track1, parse_track2):
        try:
            parse(PAN[:4] + text if parse is not parse_swipe else text)
        except TrackError as exc:
            assert PAN not in str(exc)


# Track 3 as ISO 4909 writes it (start sentinel ";", format code 01, PAN, "="...): the layout
# of the sample in Wikipedia's "Magnetic stripe card" article, digits in place of its X masks.
TRACK3 = f";01{PAN}=724724100000000000030300000040400099010=0000000000000000000==1=0000?"


def test_a_track_3_written_with_a_semicolon_does_not_reject_tracks_1_and_2() -> None:
    swipe = parse_swipe(SWIPE.rstrip("\r") + TRACK3 + "\r")
    assert isinstance(swipe, Swipe) and swipe.track1 is not None and swipe.track2 is not None
    assert swipe.card_data().pan == PAN


@pytest.mark.parametrize("track1", [
    f"%B{PAN}^DOE/JANE^3012101000?0",          # bad LRC
    f"%B{PAN}^DOE/JANE^30",                   # end sentinel lost: must not swallow track 2
    f"%B{PAN[:6]}#{PAN[7:]}^DOE/JANE^3012101?",  # a misread character
    "%B^^?",
])
def test_a_good_track_2_survives_a_garbled_track_1(track1: str) -> None:
    swipe = parse_swipe(track1 + TRACK2)
    assert isinstance(swipe, Swipe) and swipe.track1 is None
    assert swipe.card_data().pan == PAN


def test_with_no_good_track_the_first_error_is_raised_without_data() -> None:
    with pytest.raises(TrackError) as info:
        parse_swipe(f"%B{PAN}^DOE/JANE^30;{PAN}=30?")
    assert not leaks(str(info.value))
