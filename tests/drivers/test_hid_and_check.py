"""MagTek HID reports, byte exact per the manuals: arbitrary bytes are safe."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Money
from desktop_app.sandbox.test_keys import FORMAT, decrypt_track
from drivers.capture import CaptureRequest
from drivers.errors import DeviceError, ParseError
from drivers.hid.magtek import (
    REPORT_SIZE,
    V5_REPORT_SIZE,
    EncodeType,
    MagtekHidReader,
    decode_magnesafe,
    decode_report,
    encode_report,
    tracks_from_report,
)
from drivers.parsers.tracks import BadRead, Swipe, parse_swipe
from drivers.simulated import magnesafe_report
from drivers.transports.hid import FakeHidBackend, FakeHidDevice, HidDeviceInfo, HidTransport
from tests.drivers.cards import PAN, TRACK1, TRACK2, leaks


def report_337(status: bytes, lengths: bytes, encode: int, *tracks: bytes) -> bytes:
    """Byte by byte as 99875191 "Card data" lays it out."""
    return status + lengths + bytes([encode]) + b"".join(t.ljust(110, b"\0") for t in tracks)


def test_report_gives_both_tracks_and_bad_read_for_undecoded_ones() -> None:
    assert tracks_from_report(encode_report(TRACK1, TRACK2)) == TRACK1 + TRACK2
    assert isinstance(parse_swipe(tracks_from_report(encode_report(TRACK1, TRACK2))), Swipe)
    assert isinstance(parse_swipe(tracks_from_report(encode_report(bad=(1, 2)))), BadRead)


def test_a_byte_exact_337_byte_report_decodes_per_the_manual() -> None:
    t1, t2 = TRACK1.encode(), TRACK2.encode()
    report = report_337(b"\x00\x00\x00", bytes([len(t1), len(t2), 0]), 0, t1, t2, b"")
    assert len(report) == REPORT_SIZE == 337 and report == encode_report(TRACK1, TRACK2)
    decoded = decode_report(report)
    assert decoded.tracks == {1: TRACK1, 2: TRACK2} and decoded.bad == ()
    assert decoded.encode_type is EncodeType.ISO_ABA


def test_only_bit_0_of_a_decode_status_byte_is_the_error() -> None:
    """Bits 7-1 are reserved: a reader setting them has not failed the track."""
    t1, t2 = TRACK1.encode(), TRACK2.encode()
    reserved = report_337(b"\xFE\x02\x00", bytes([len(t1), len(t2), 0]), 0, t1, t2, b"")
    assert decode_report(reserved).tracks == {1: TRACK1, 2: TRACK2}
    track1_failed = report_337(b"\x01\x00\x00", bytes([0, len(t2), 0]), 4, b"", t2, b"")
    decoded = decode_report(track1_failed)
    assert decoded.bad == (1,) and decoded.encode_type is EncodeType.OTHER
    swipe = parse_swipe(decoded.swipe_text())
    assert isinstance(swipe, Swipe) and swipe.track1 is None and swipe.track2 is not None


def test_a_v5_report_becomes_an_encrypted_card_never_decrypted() -> None:
    report = magnesafe_report()
    assert len(report) == V5_REPORT_SIZE == 887
    assert report[493:495] == b"\x00\x06" and report[495:505].hex().upper() == \
        "FFFF9876543210E00001"
    card = decode_magnesafe(report, FORMAT)
    assert (card.masked, card.ksn, card.device_serial) == ("411111******1111",
                                                           "FFFF9876543210E00001", "B0SIM001")
    assert card.encrypted_track2 == report[119:119 + report[4]].hex().upper()
    assert not leaks(repr(card)) and PAN not in card.encrypted_track2
    # only the sandbox (standing in for the gateway's HSM) can read it
    assert decrypt_track(card.encrypted_track2, card.ksn) == TRACK2


def test_a_v5_reader_that_is_not_encrypting_is_refused() -> None:
    report = bytearray(magnesafe_report())
    report[493:495] = b"\x00\x00"  # no key injected: the manual says data goes in clear
    with pytest.raises(DeviceError, match="not encrypting"):
        decode_magnesafe(bytes(report))
    report[493:495] = b"\x00\x07"
    with pytest.raises(DeviceError, match="keys are used up"):
        decode_magnesafe(bytes(report))


async def test_a_magnesafe_reader_over_the_fake_hid_backend_gives_an_encrypted_tender() -> None:
    report = magnesafe_report()
    info = HidDeviceInfo(0x0801, 0x0011, "B0SIM001")
    fake = FakeHidDevice(info, [report[i:i + 64] for i in range(0, len(report), 64)])
    reader = MagtekHidReader.for_product(HidTransport(FakeHidBackend([fake]), 0x0801, 0x0011),
                                         0x0011)
    reader.scheme = FORMAT
    await reader.open()
    try:
        tender = await reader.capture(CaptureRequest(Money(500), card_timeout_s=5),
                                      lambda kind, text: None)
    finally:
        await reader.close()
    assert tender.card is None and tender.encrypted is not None
    assert tender.encrypted.last_four == "1111"


@given(st.binary(min_size=V5_REPORT_SIZE, max_size=V5_REPORT_SIZE))
def test_any_v5_report_bytes_give_a_card_or_a_typed_error(report: bytes) -> None:
    with contextlib.suppress(DeviceError):
        decode_magnesafe(report)


@given(st.binary(min_size=REPORT_SIZE, max_size=REPORT_SIZE + 5))
def test_any_report_bytes_parse_or_raise_typed_errors(report: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse_swipe(tracks_from_report(report))


async def test_keyboard_emulation_product_0001_is_not_discovered_as_hid() -> None:
    from drivers.discovery import supported_hid_readers

    backend = FakeHidBackend([FakeHidDevice(HidDeviceInfo(0x0801, pid)) for pid in
                              (0x0001, 0x0002, 0x0011, 0x0013)])
    assert await supported_hid_readers(backend) == ["hid:0801:0002", "hid:0801:0011",
                                                    "hid:0801:0013"]
