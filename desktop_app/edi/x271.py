"""Reading the eligibility answer, X12 271 005010X279A1, into an ``Eligibility``.

The 271 is validated by pyx12 against resources/x12/271.5010.X279.A1.xml first; a 271 that
fails is an error (the desk is told the answer could not be read), never a guess.

Which EB segments count (005010X279A1 EB01/EB06/EB12):
- coverage: EB01 1-4 active, 6-8 inactive, anything else (5 pending, V cannot process) UNKNOWN;
  an AAA on the subscriber or dependent (loop 2100C/2100D) means the question was refused.
- copay (EB01 B), coinsurance (A): for the asked service type (EB03), else a figure that names
  no service type; when the plan (30) was asked, the office visit's (98), which is what a front
  desk collects. In-network (EB12 Y) first, then "both" (W or blank).
- deductible (C) and out-of-pocket (G) remaining: EB06 29, or the year's total (23) less the
  year to date (24) when only those are given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.money import Money
from desktop_app.edi.codes import NOT_FOUND, TRY_LATER
from desktop_app.edi.eligibility import Coverage, Eligibility, Networks, Rejection
from desktop_app.edi.errors import EdiError
from desktop_app.edi.validation import Segment, walk

ACTIVE, INACTIVE = frozenset("1234"), frozenset("678")
PERSON_LOOPS = ("2100C", "2100D")
BENEFIT_LOOPS = ("2110C", "2110D")
OFFICE_VISIT = "98"
T = TypeVar("T")
_SERVICE_CODE = re.compile(r"[A-Z0-9]{1,2}")


def read_271(text: str, service_type: str = "30") -> Eligibility:
    """The answer in ``text`` for ``service_type``. Raises EdiError when it fails validation."""
    result = walk(text)
    if not result.valid:
        raise EdiError("The payer's answer could not be read: it is not a valid 271.",
                       result.findings)
    segments = result.segments
    st = next((s for s in segments if s.id == "ST"), None)
    if st is None or st.get(1) != "271":
        raise EdiError("The payer's answer is not an eligibility response (271).")
    rejections = tuple(Rejection(s.get(3), s.get(4), s.loop) for s in segments if s.id == "AAA")
    benefits = [s for s in segments if s.id == "EB" and s.loop in BENEFIT_LOOPS]
    for segment in benefits:  # EB03 repeats; pyx12 checked it as one text (scripts/x12_maps.py)
        if not all(_SERVICE_CODE.fullmatch(code) for code in segment.repeats(3)):
            raise EdiError(f"EB at segment {segment.position}: element 03 is not a service type.")
    return Eligibility(
        coverage=_coverage(rejections, benefits), plan=_plan(benefits), service_type=service_type,
        copay=_for_service(benefits, "B", service_type, _amount),
        coinsurance_percent=_for_service(benefits, "A", service_type, _percent),
        deductible_remaining=_remaining(benefits, "C"),
        out_of_pocket_remaining=_remaining(benefits, "G"),
        rejections=rejections,
        trace=next((s.get(2) for s in segments if s.id == "TRN"), ""),
        messages=tuple(s.get(1) for s in segments if s.id == "MSG"))


def _coverage(rejections: tuple[Rejection, ...], benefits: list[Segment]) -> Coverage:
    if any(r.reason in TRY_LATER for r in rejections):
        return Coverage.PAYER_UNAVAILABLE
    person = [r for r in rejections if r.loop in PERSON_LOOPS]
    if any(r.reason in NOT_FOUND for r in person):
        return Coverage.NOT_FOUND
    if rejections:
        return Coverage.REJECTED
    codes = {s.get(1) for s in benefits}
    if codes & ACTIVE:
        return Coverage.ACTIVE
    if codes & INACTIVE:
        return Coverage.INACTIVE
    return Coverage.UNKNOWN


def _plan(benefits: list[Segment]) -> str:
    names = [s.get(5) for s in benefits if s.get(1) in ACTIVE | INACTIVE and s.get(5)]
    return names[0] if names else ""


def _network_order(segments: Iterable[Segment]) -> list[Segment]:
    rank = {"Y": 0, "W": 1, "": 1, "U": 2}
    return sorted((s for s in segments if s.get(12) != "N"), key=lambda s: rank.get(s.get(12), 3))


def _for_service(benefits: list[Segment], code: str, service: str,
                 value: Callable[[Segment], T | None]) -> T | None:
    rows = [s for s in benefits if s.get(1) == code]
    for target in [service, "", *([OFFICE_VISIT] if service == "30" else [])]:
        for segment in _network_order(s for s in rows if _applies(s, target)):
            found = value(segment)
            if found is not None:
                return found
    return None


def _applies(segment: Segment, service: str) -> bool:
    """EB03 names the service (it may repeat), or names none and so applies to all."""
    named = segment.repeats(3)
    return service in named if service else not named


def _remaining(benefits: list[Segment], code: str) -> Networks:
    rows = [s for s in benefits if s.get(1) == code and s.get(2) in ("IND", "")]
    return Networks(_left([s for s in rows if s.get(12) != "N"]),
                    _left([s for s in rows if s.get(12) == "N"]))


def _left(rows: list[Segment]) -> Money | None:
    by_period: dict[str, Money] = {}
    for segment in _network_order(rows) + [s for s in rows if s.get(12) == "N"]:
        amount = _amount(segment)
        if amount is not None:
            by_period.setdefault(segment.get(6), amount)
    if "29" in by_period:
        return by_period["29"]
    if "23" in by_period and "24" in by_period:
        return Money(max(by_period["23"].cents - by_period["24"].cents, 0))
    return None


def _amount(segment: Segment) -> Money | None:
    text = segment.get(7)
    if not text:
        return None
    try:
        return Money.parse(text)
    except ValidationError:
        raise EdiError(f"EB at segment {segment.position}: element 07 is not an amount.") from None


def _percent(segment: Segment) -> Decimal | None:
    text = segment.get(8)
    if not text:
        return None
    try:
        value = Decimal(text) * 100
    except InvalidOperation:
        raise EdiError(f"EB at segment {segment.position}: element 08 is not a percent.") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise EdiError(f"EB at segment {segment.position}: element 08 is not a percent.")
    return value.normalize() if value != value.to_integral() else value.quantize(Decimal(1))
