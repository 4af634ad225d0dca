"""The bridge's resumable streams, pure: whatever the cuts and resends, every byte arrives
once and in order; frames and pairing proofs refuse what they must."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.bridge import wire
from drivers.bridge.pairing import PairingWindow, new_code, normalized, proof
from drivers.bridge.wire import BridgeProtocolError, Kind, Outbox


@given(st.lists(st.binary(min_size=1, max_size=40), max_size=30),
       st.lists(st.integers(0, 3), max_size=30))
def test_resends_after_any_cut_deliver_every_byte_exactly_once(
        chunks: list[bytes], lost_after: list[int]) -> None:
    sender, received, delivered = Outbox(), 0, bytearray()
    for i, chunk in enumerate(chunks):
        offset = sender.append(chunk)
        if lost_after and lost_after[i % len(lost_after)] == 0:
            continue  # this frame died with the link
        new = wire.fresh(offset, chunk, received) if offset <= received else b""
        if offset > received:  # a gap: the link is down until the resume below
            backlog = sender.since(received)
            new = wire.fresh(received, backlog, received)
        received += len(new)
        delivered += new
        sender.acknowledge(received if i % 3 == 0 else sender.base)
    delivered += sender.since(received)  # the final resume
    assert bytes(delivered) == b"".join(chunks)


def test_a_resend_overlapping_what_arrived_gives_only_the_new_part() -> None:
    assert wire.fresh(10, b"abcdef", 13) == b"def"
    assert wire.fresh(10, b"abc", 20) == b""
    with pytest.raises(BridgeProtocolError, match="gap"):
        wire.fresh(12, b"x", 10)


def test_an_acknowledgement_beyond_what_was_sent_is_refused() -> None:
    out = Outbox()
    out.append(b"12345")
    out.acknowledge(3)
    assert out.since(3) == b"45"
    with pytest.raises(BridgeProtocolError):
        out.acknowledge(9)
    with pytest.raises(BridgeProtocolError):
        out.since(1)  # forgotten once acknowledged


async def test_frames_round_trip_and_oversized_or_unknown_ones_are_refused() -> None:
    reader = asyncio.StreamReader()
    reader.feed_data(wire.data(7, b"\x01\x02") + wire.message(Kind.REPLY, ok=True)
                     + wire.HEADER.pack(wire.MAX_BODY + 1, Kind.DATA))
    kind, body = await wire.read_frame(reader)
    assert kind is Kind.DATA and wire.offset_body(body) == (7, b"\x01\x02")
    kind, body = await wire.read_frame(reader)
    assert kind is Kind.REPLY and wire.json_body(body) == {"ok": True}
    with pytest.raises(BridgeProtocolError, match="too long"):
        await wire.read_frame(reader)
    odd = asyncio.StreamReader()
    odd.feed_data(wire.HEADER.pack(0, 99))
    with pytest.raises(BridgeProtocolError, match="unknown"):
        await wire.read_frame(odd)


def test_a_proof_made_over_another_certificate_does_not_check() -> None:
    window = PairingWindow()
    seen_by_app = proof(window.code, "app", "app-fp", "attacker-fp")  # a man in the middle
    assert not window.check(seen_by_app, "app-fp", "bridge-fp")
    assert window.check(proof(window.code, "app", "app-fp", "bridge-fp"), "app-fp", "bridge-fp")
    assert not window.open  # single use


def test_codes_are_twelve_unambiguous_characters() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(normalized(c)) == 12 and not set(normalized(c)) & set("ILOU") for c in codes)
