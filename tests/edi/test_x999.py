"""999s read back: the one pyx12 writes for a good and for a broken 270 of ours."""

from __future__ import annotations

from desktop_app.edi.validation import walk
from desktop_app.edi.x270 import build_270
from desktop_app.edi.x999 import read_999
from tests.edi.patients import CLINIC, JANE, NOW

GOOD = build_270(JANE, CLINIC, reference="R1", control=1, now=NOW)


def test_a_valid_270_is_acknowledged_as_accepted() -> None:
    ack = read_999(walk(GOOD, want_999=True).ack_999)
    assert ack.accepted and ack.status == "A" and ack.notes == ()


def test_a_broken_270_is_rejected_naming_the_segment() -> None:
    broken = GOOD.replace("HL*3*2*22*0", "HL*3*2*99*0")
    ack = read_999(walk(broken, want_999=True).ack_999)
    assert not ack.accepted and ack.status == "R"
    assert ack.notes[0].segment == "HL" and ack.notes[0].position == 7
