"""Link layer: the decoder survives any bytes; the session retransmits and NAKs over a pty."""

from __future__ import annotations

import asyncio
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.errors import LinkError
from drivers.link import ACK, ETX, NAK, STX, FrameDecoder, Kind, LinkSession, encode_frame
from drivers.transports.serial import SerialTransport

payloads = st.binary(max_size=200).map(
    lambda b: bytes(x for x in b if x not in (STX, ETX, ACK, NAK)))
garbage = st.binary(max_size=30).map(lambda b: bytes(x for x in b if x != STX))


def frames(events: list) -> list[bytes]:  # type: ignore[type-arg]
    return [e.payload for e in events if e.kind is Kind.FRAME]


@given(st.binary(max_size=600))
def test_any_bytes_never_crash_the_decoder(data: bytes) -> None:
    decoder = FrameDecoder()
    for i in range(0, len(data), 7):
        decoder.feed(data[i:i + 7])


@given(st.lists(payloads, max_size=5))
def test_framed_payloads_round_trip(items: list[bytes]) -> None:
    stream = b"".join(encode_frame(p) for p in items)
    assert frames(FrameDecoder().feed(stream)) == items


@given(st.lists(st.tuples(garbage, payloads), max_size=5), garbage)
def test_garbage_between_frames_is_skipped(items: list[tuple[bytes, bytes]], tail: bytes) -> None:
    stream = b"".join(g + encode_frame(p) for g, p in items) + tail
    assert frames(FrameDecoder().feed(stream)) == [p for _, p in items]


def test_truncated_frame_resyncs_on_next_stx() -> None:
    stream = encode_frame(b"lost")[:3] + encode_frame(b"kept")
    assert frames(FrameDecoder().feed(stream)) == [b"kept"]


def test_bad_checksum_is_reported_for_a_nak() -> None:
    frame = encode_frame(b"hello")
    events = FrameDecoder().feed(frame[:-1] + bytes([frame[-1] ^ 1]))
    assert [e.kind for e in events] == [Kind.BAD_FRAME]


async def read_until(master: int, count: int, timeout: float = 2.0) -> bytes:
    data = b""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while len(data) < count and loop.time() < end:
        try:
            data += os.read(master, 4096)
        except BlockingIOError:
            await asyncio.sleep(0.005)
    return data


async def test_send_retransmits_after_nak_over_a_pty(pty_pair: tuple[int, str]) -> None:
    master, path = pty_pair
    os.set_blocking(master, False)
    link = LinkSession(SerialTransport(path), ack_timeout=0.5)
    await link.transport.open()
    link.start()
    try:
        sending = asyncio.create_task(link.send(b"T02"))
        frame = encode_frame(b"T02")
        assert await read_until(master, len(frame)) == frame
        os.write(master, bytes([NAK]))
        assert await read_until(master, len(frame)) == frame
        os.write(master, b"\xffjunk" + bytes([ACK]))
        await asyncio.wait_for(sending, 2)
    finally:
        await link.close()


async def test_silent_device_gives_link_error_after_retries(pty_pair: tuple[int, str]) -> None:
    _, path = pty_pair
    link = LinkSession(SerialTransport(path), ack_timeout=0.05, retries=3)
    await link.transport.open()
    link.start()
    try:
        with pytest.raises(LinkError, match="not answering"):
            await link.send(b"T02")
    finally:
        await link.close()


async def test_bad_frame_is_naked_and_good_frame_acked(pty_pair: tuple[int, str]) -> None:
    master, path = pty_pair
    os.set_blocking(master, False)
    link = LinkSession(SerialTransport(path))
    await link.transport.open()
    link.start()
    try:
        good = encode_frame(b"S01\x1cWAITING")
        os.write(master, good[:-1] + bytes([good[-1] ^ 0xFF]) + b"noise" + good)
        assert await link.receive(2) == b"S01\x1cWAITING"
        assert await read_until(master, 2) == bytes([NAK, ACK])
    finally:
        await link.close()
