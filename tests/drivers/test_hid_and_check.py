"""MagTek-style HID reports and the check scanner's record stream: arbitrary bytes are safe."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from drivers.check.scanner import RecordReader, encode_record
from drivers.errors import ParseError
from drivers.hid.magtek import REPORT_SIZE, encode_report, tracks_from_report
from drivers.parsers.tracks import BadRead, Swipe, parse_swipe
from tests.drivers.cards import TRACK1, TRACK2


def test_report_gives_both_tracks_and_bad_read_for_undecoded_ones() -> None:
    assert tracks_from_report(encode_report(TRACK1, TRACK2)) == TRACK1 + TRACK2
    assert isinstance(parse_swipe(tracks_from_report(encode_report(TRACK1, TRACK2))), Swipe)
    assert isinstance(parse_swipe(tracks_from_report(encode_report(bad=(1, 2)))), BadRead)


@given(st.binary(min_size=REPORT_SIZE, max_size=REPORT_SIZE + 5))
def test_any_report_bytes_parse_or_raise_typed_errors(report: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse_swipe(tracks_from_report(report))


@given(st.lists(st.tuples(st.sampled_from("MFBEZ"), st.binary(max_size=300)), max_size=5),
       st.integers(1, 64))
def test_records_survive_any_chunking(records: list[tuple[str, bytes]], chunk: int) -> None:
    stream = b"".join(encode_record(k, b) for k, b in records)
    reader, out = RecordReader(), []
    for i in range(0, len(stream), chunk):
        out += reader.feed(stream[i:i + chunk])
    names = {"M": "micr", "F": "front", "B": "back", "E": "error", "Z": "end"}
    assert out == [(names[k], b) for k, b in records]


@given(st.binary(max_size=200))
def test_any_scanner_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        RecordReader().feed(data)
