"""Keyboard wedge: structure decides; timing only settles text that is not a valid track."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.parsers.wedge import Keystroke, WedgeAssembler, WedgeKind, classify
from tests.drivers.cards import PAN, SWIPE, TRACK1, TRACK2, leaks


def keys(text: str, gap: float, start: float = 0.0) -> list[Keystroke]:
    return [Keystroke(ch, start + i * gap) for i, ch in enumerate(text)]


def test_fast_swipe_is_a_swipe() -> None:
    decision = classify(keys(SWIPE, 0.002))
    assert decision.kind is WedgeKind.SWIPE and decision.swipe is not None
    assert not leaks(repr(decision))


def test_swipe_smeared_by_citrix_is_still_a_swipe() -> None:
    """ICA delivers keys in batches: long pauses, then many keys at the same instant."""
    smeared = [Keystroke(ch, (i // 12) * 0.3) for i, ch in enumerate(SWIPE)]
    assert classify(smeared).kind is WedgeKind.SWIPE


def test_person_typing_a_semicolon_is_typing() -> None:
    decision = classify(keys(";see note\r", 0.15))
    assert decision.kind is WedgeKind.TYPING and decision.text == ";see note"


def test_garbled_fast_track_is_a_bad_read_and_bad_sentinel_too() -> None:
    assert classify(keys(";41111111=3?\r", 0.002)).kind is WedgeKind.BAD_READ
    assert classify(keys("%E?;E?\r", 0.002)).kind is WedgeKind.BAD_READ


def test_assembler_ends_bursts_at_enter_or_idle() -> None:
    wedge = WedgeAssembler(idle_s=0.5)
    decisions = [wedge.feed(ch, i * 0.002) for i, ch in enumerate(SWIPE)]
    assert [d.kind for d in decisions if d] == [WedgeKind.SWIPE]
    assert wedge.feed("a", 10.0) is None and wedge.flush(10.1) is None
    typed = wedge.flush(10.6)
    assert typed is not None and typed.kind is WedgeKind.TYPING and typed.text == "a"


@given(st.lists(st.tuples(st.text(min_size=1, max_size=1), st.floats(0, 1)), max_size=80))
def test_any_keystrokes_never_crash(presses: list[tuple[str, float]]) -> None:
    wedge = WedgeAssembler()
    t = 0.0
    for ch, gap in presses:
        t += gap
        wedge.feed(ch, t)
    wedge.flush(t + 1)


# A reader set to strip sentinels (MagTek keyboard-emulation readers have the setting).
BARE_TRACK1 = TRACK1[1:-1]
BARE_TRACK2 = TRACK2[1:-1]


@pytest.mark.parametrize("burst", [BARE_TRACK1 + "\r" + BARE_TRACK2 + "\r",
                                   BARE_TRACK1 + BARE_TRACK2 + "\r", BARE_TRACK2 + "\r"])
def test_a_sentinel_stripped_swipe_at_reader_speed_is_a_swipe_never_typing(burst: str) -> None:
    decision = classify(keys(burst, 0.002))
    assert decision.kind is WedgeKind.SWIPE and decision.swipe is not None
    assert decision.swipe.card_data().pan == PAN and decision.text == ""


def test_a_card_number_alone_at_reader_speed_is_captured_not_typed() -> None:
    decision = classify(keys(PAN + "\r", 0.002))
    assert decision.kind is WedgeKind.BAD_READ and decision.text == ""
    assert not leaks(repr(decision))


def test_the_same_digits_typed_by_a_person_or_failing_luhn_are_typing() -> None:
    assert classify(keys(PAN + "\r", 0.15)).kind is WedgeKind.TYPING
    not_a_card = PAN[:-1] + "2"
    assert classify(keys(not_a_card + "\r", 0.002)).kind is WedgeKind.TYPING


def test_a_luhn_card_number_after_a_sentinel_is_never_typing_even_slowly() -> None:
    assert classify(keys(";" + PAN + "\r", 0.15)).kind is WedgeKind.BAD_READ


def test_assembler_keeps_a_stripped_track_1_and_its_track_2_in_one_burst() -> None:
    wedge = WedgeAssembler(idle_s=0.5)
    burst = BARE_TRACK1 + "\r" + BARE_TRACK2 + "\r"
    decisions = [wedge.feed(ch, i * 0.002) for i, ch in enumerate(burst)]
    assert not any(decisions)
    decision = wedge.flush(10.0)
    assert decision is not None and decision.kind is WedgeKind.SWIPE
    assert decision.swipe is not None and decision.swipe.track1 is not None
    assert decision.swipe.track2 is not None
