"""EDI errors say where (segment and position) and never what was there: a value in a 271 may
be a member ID or a name, which HIPAA keeps out of logs and messages."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import FrontDeskError


@dataclass(frozen=True)
class Finding:
    """One validation problem: the segment, its position (counted from ST = 1, as a 999's
    IK302 counts), and pyx12's error code."""

    segment: str
    position: int
    code: str
    text: str
    line: int = 0  # the segment's count in the whole file (one file may hold many ST sets)

    def __str__(self) -> str:
        return f"{self.segment} at segment {self.position}: {self.text} ({self.code})"


class EdiError(FrontDeskError):
    """A file or answer that is not the X12 it claims to be. Nothing was changed."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings
