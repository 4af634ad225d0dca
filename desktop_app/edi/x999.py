"""Reading a 999 implementation acknowledgment (005010X231A1): was our 270 accepted, and if
not, which of its segments did the receiver reject. Validated with pyx12's own 999 map."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.edi.errors import EdiError
from desktop_app.edi.validation import walk


@dataclass(frozen=True)
class SegmentNote:
    """IK3: a segment of ours the receiver objected to, by id, position and syntax code."""

    segment: str
    position: int
    code: str


@dataclass(frozen=True)
class Acknowledgment:
    """IK5/AK9: A accepted, E accepted with errors, R rejected (P partially, for groups)."""

    status: str
    notes: tuple[SegmentNote, ...] = ()

    @property
    def accepted(self) -> bool:
        return self.status in ("A", "E")


def read_999(text: str) -> Acknowledgment:
    result = walk(text)
    if not result.valid:
        raise EdiError("The acknowledgment could not be read: it is not a valid 999.",
                       result.findings)
    segments = result.segments
    if not any(s.id == "ST" and s.get(1) == "999" for s in segments):
        raise EdiError("The answer is not an acknowledgment (999).")
    status = next((s.get(1) for s in segments if s.id == "IK5"), "")
    status = status or next((s.get(1) for s in segments if s.id == "AK9"), "")
    notes = tuple(SegmentNote(s.get(1), int(s.get(2)) if s.get(2).isdigit() else 0, s.get(4))
                  for s in segments if s.id == "IK3")
    return Acknowledgment(status or "R", notes)
