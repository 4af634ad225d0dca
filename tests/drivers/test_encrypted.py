"""Encrypting readers: masked tracks + KSN + opaque blob, passed through, never decrypted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Tender, TenderKind
from desktop_app.sandbox.test_keys import FORMAT, encrypt_track
from drivers.errors import TrackError
from drivers.parsers.encrypted import encode_encrypted, parse_encrypted
from drivers.parsers.wedge import WedgeAssembler, WedgeKind

PAN = "4111111111111111"
KSN = "FFFF9876543210E00001"


def reader_output(pan: str = PAN, masked: str = "411111******1111") -> str:
    track2 = f";{pan}=30121010000000000000?"
    masked_tracks = f"%B{masked}^DOE/JOHN^3012?;{masked}=3012?"
    return encode_encrypted(masked_tracks, encrypt_track(f"%B{pan}^DOE/JOHN^3012?", KSN),
                            encrypt_track(track2, KSN), "B1234567", KSN)


def test_output_parses_to_masked_card_and_opaque_blobs() -> None:
    card = parse_encrypted(reader_output(), FORMAT)
    assert (card.brand, card.last_four, card.masked) == ("VISA", "1111", "411111******1111")
    assert (card.exp_month, card.exp_year, card.ksn) == (12, 2030, KSN)
    tender = Tender(TenderKind.SWIPE, encrypted=card)
    for text in (repr(card), str(card), repr(tender), tender.describe()):
        assert PAN not in text and card.encrypted_track2 not in text


def test_a_masked_field_holding_a_full_number_is_refused() -> None:
    with pytest.raises(TrackError, match="not masked"):
        parse_encrypted(reader_output(masked=PAN), FORMAT)


@given(st.text(max_size=300))
def test_arbitrary_text_parses_or_is_a_bad_read(text: str) -> None:
    try:
        parse_encrypted(text, FORMAT)
    except TrackError as exc:
        assert PAN not in str(exc)


def test_wedge_recognises_an_encrypted_swipe_at_machine_speed() -> None:
    assembler = WedgeAssembler(scheme=FORMAT)
    decision = None
    for i, ch in enumerate(reader_output() + "\r"):
        decision = assembler.feed(ch, i * 0.002) or decision
    assert decision is not None and decision.kind is WedgeKind.SWIPE
    assert decision.encrypted is not None and decision.encrypted.last_four == "1111"


def test_the_simulators_copy_of_the_sandbox_test_scheme_agrees_with_the_sandbox() -> None:
    from drivers.sim_cards import SANDBOX_SCHEME, sandbox_encrypt

    track = f";{PAN}=30121010000000000000?"
    assert SANDBOX_SCHEME == FORMAT
    assert sandbox_encrypt(track.encode(), KSN).hex() == encrypt_track(track, KSN)
