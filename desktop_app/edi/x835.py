"""Reading the end-of-day posting file, X12 835 005010X221A1 as InstaMed's "EOD Posting File
X12 835" writes it: one transaction set per payment (BPR amount and direction, TRN the
authorization, CLP our reference and the transaction ID; resources/protocol/eod_835.json says
which is confirmed).

The file is validated by pyx12 with its own 835 map first: a malformed or truncated file is
an EdiError naming the segment and its position, and nothing is read from it.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.money import Money
from desktop_app.edi.errors import EdiError
from desktop_app.edi.validation import Segment, walk
from desktop_app.paths import resources_dir


class Posting(enum.Enum):
    SALE = "sale"        # money in (BPR03 C)
    REFUND = "refund"    # money out (BPR03 D)
    VOID = "void"        # a reversal of an earlier payment (CLP02 22)


@dataclass(frozen=True)
class PostedPayment:
    """One payment as the gateway posted it. No patient name: it stays in the file."""

    transaction_id: str
    reference: str
    amount: Money
    kind: Posting
    authorization: str
    tender: str
    business_date: date | None
    line: int  # the BPR's segment count in the file, for messages


@dataclass(frozen=True)
class Remittance:
    payments: tuple[PostedPayment, ...]

    @property
    def total(self) -> Money:
        """Net money in: sales less refunds and voids."""
        cents = sum(p.amount.cents * (1 if p.kind is Posting.SALE else -1)
                    for p in self.payments)
        return Money(cents)


@cache
def layout() -> dict[str, Any]:
    path = resources_dir() / "protocol" / "eod_835.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["fields"])


def read_835(text: str, progress: Callable[[int], None] | None = None) -> Remittance:
    """``progress``: as ``walk``'s (segments read; raising CancelledError stops the read)."""
    result = walk(text, progress=progress)
    if not result.valid:
        first = result.findings[0]
        raise EdiError(f"The posting file is not a valid 835: {first.segment} at segment "
                       f"{first.line or first.position} of the file: {first.text}. Nothing was "
                       "changed.", result.findings)
    sets: list[dict[str, Segment]] = []
    for segment in result.segments:
        if segment.id == "ST":
            if segment.get(1) != "835":
                raise EdiError(f"ST at segment {segment.line}: not an 835 posting file.")
            sets.append({})
        elif sets and segment.id not in sets[-1]:
            sets[-1][segment.id] = segment
    return Remittance(tuple(_payment(found) for found in sets))


def _value(found: dict[str, Segment], key: str) -> str:
    seg_id, _, index = layout()[key]["at"].partition(":")
    segment = found.get(seg_id)
    return segment.get(int(index)) if segment else ""


def _payment(found: dict[str, Segment]) -> PostedPayment:
    bpr = found["BPR"]  # required by the map: validation has seen it
    try:
        amount = Money.parse(_value(found, "amount"))
    except ValidationError:
        raise EdiError(f"BPR at segment {bpr.line}: element 02 is not an amount.") from None
    direction = layout()["direction"]["values"].get(_value(found, "direction"), "")
    status = layout()["status"]["values"].get(_value(found, "status"), "processed")
    if not direction:
        raise EdiError(f"BPR at segment {bpr.line}: element 03 is neither C nor D.")
    kind = Posting.VOID if status == "reversal" else Posting(direction)
    return PostedPayment(_value(found, "transaction_id"), _value(found, "reference"), amount,
                         kind, _value(found, "authorization"), _value(found, "tender"),
                         _date(_value(found, "business_date")), bpr.line)


def _date(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date() if text else None
    except ValueError:
        return None
