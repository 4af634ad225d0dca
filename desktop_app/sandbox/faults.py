"""Fault injection: make the gateway misbehave on purpose, the ways real networks do.

Set for the next N matching requests with ``POST /sandbox/faults`` (JSON ``{"mode", "count",
"delay", "match"}``; count 0 = until cleared) or for one request with the header
``X-Sandbox-Fault: mode[;delay=S]``. Modes:

- ``delay``: sleep, then answer normally (default 1 s).
- ``timeout``: sleep long (default 30 s) before answering; a client timing out sees nothing.
- ``http_500``: HTTP 500 before processing (nothing charged).
- ``malformed``: charge, then answer 200 with a body that is no valid NVP, XML or JSON.
- ``soap_fault``: a SOAP fault instead of processing (nothing charged).
- ``drop_after_charge``: charge and record, then close the connection without any answer.
- ``delay_after_charge``: charge and record, sleep (default 30 s), then answer; crash tests
  kill the client during the sleep.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

MODES = ("delay", "timeout", "http_500", "malformed", "soap_fault", "drop_after_charge",
         "delay_after_charge")
DEFAULT_DELAY = {"delay": 1.0, "timeout": 30.0, "delay_after_charge": 30.0}
HEADER = "X-Sandbox-Fault"
MAX_DELAY = 3600.0


class FaultSpecError(ValueError):
    """A fault request the sandbox cannot honour; the message says why."""


@dataclass
class Fault:
    mode: str
    count: int = 1
    delay: float | None = None
    match: dict[str, str] = field(default_factory=dict)
    used: int = 0

    @property
    def seconds(self) -> float:
        return self.delay if self.delay is not None else DEFAULT_DELAY.get(self.mode, 0.0)

    def matches(self, fields: dict[str, str]) -> bool:
        return all(fields.get(k) == v for k, v in self.match.items())

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "count": self.count, "delay": self.seconds,
                "match": self.match, "used": self.used}


def _delay(raw: object) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise FaultSpecError("delay must be a number of seconds")
    try:
        seconds = float(raw)
    except ValueError:
        raise FaultSpecError("delay must be a number of seconds") from None
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_DELAY:
        raise FaultSpecError(f"delay must be between 0 and {MAX_DELAY:.0f} seconds")
    return seconds


def fault_from_json(spec: object) -> Fault:
    if not isinstance(spec, dict):
        raise FaultSpecError("expected a JSON object like {\"mode\": \"delay\"}")
    mode = spec.get("mode")
    if mode not in MODES:
        raise FaultSpecError(f"mode must be one of: {', '.join(MODES)}")
    count = spec.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise FaultSpecError("count must be a whole number, 0 meaning until cleared")
    match = spec.get("match")
    match = {} if match is None else match
    if not isinstance(match, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in match.items()):
        raise FaultSpecError("match must be an object of field names to string values")
    return Fault(str(mode), count, _delay(spec.get("delay")), dict(match))


def fault_from_header(header: str) -> Fault:
    """``mode`` or ``mode;delay=2.5``."""
    mode, *params = (part.strip() for part in header.split(";"))
    spec: dict[str, object] = {"mode": mode}
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip() != "delay":
            raise FaultSpecError(f"unknown {HEADER} parameter {name.strip()!r}")
        spec["delay"] = raw.strip()
    return fault_from_json(spec)


class FaultRegistry:
    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def add(self, spec: object) -> Fault:
        fault = fault_from_json(spec)
        self.faults.append(fault)
        return fault

    def clear(self) -> None:
        self.faults.clear()

    def take(self, fields: dict[str, str], header: str | None = None) -> Fault | None:
        """The fault for this request (header first), counting one use of it."""
        if header:
            return fault_from_header(header)
        for fault in self.faults:
            if fault.matches(fields):
                fault.used += 1
                if fault.count and fault.used >= fault.count:
                    self.faults.remove(fault)
                return fault
        return None

    def to_json(self) -> list[dict[str, Any]]:
        return [fault.to_json() for fault in self.faults]
