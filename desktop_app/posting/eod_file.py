"""The gateway's end-of-day posting file, EOD Posting File 1.0, read into rows.

The layout is the portal's (record ID ``IMDPA10``, pipe-delimited, 27 fields a line), kept
as data in ``resources/protocol/eod.json`` with what the page leaves unsaid. The file is
money evidence, so it is read strictly where it matters and tolerantly where it cannot:

- a blank line is skipped; any other line must start with an ``IMDPA`` record ID and carry
  at least the 27 fields of version 1.0 (later versions keep those 27 and append more:
  the extra columns are kept, unread);
- the required fields are present, no field is longer than the table allows, the amount is
  a plain positive decimal and the date a real ``CCYYMMDDHHMMSS``;
- anything else stops the read with ``EodFileError`` naming the line, so a truncated or
  foreign file never settles a payment on half its word. Any bytes at all give rows or
  that error (a property test holds it), never another exception.

Patient names and addresses are in the file (fields 13-21): rows keep them for the caller
but never put them in an error message or a log line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from desktop_app.domain.errors import FrontDeskError
from desktop_app.paths import resources_dir

_RECORD = re.compile(r"IMDPA[0-9]{2}")
_AMOUNT = re.compile(r"[0-9]{1,11}(\.[0-9]{1,2})?")
_DATE = re.compile(r"[0-9]{14}")


@cache
def layout() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(
        (resources_dir() / "protocol" / "eod.json").read_text(encoding="utf-8"))
    return raw


def field_keys() -> tuple[str, ...]:
    return tuple(str(f["key"]) for f in layout()["fields"])


class EodFileError(FrontDeskError):
    """The file is not an EOD posting file as the gateway writes it; nothing was settled."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"The end-of-day file is not readable at line {line}: {reason}. "
                         "Nothing was settled from it; ask IT to download it again.")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class EodRow:
    line: int
    values: dict[str, str]        # our keys (eod.json), text as in the file
    extra: tuple[str, ...] = ()   # columns past field 27 (a later version's), kept unread

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def transaction_id(self) -> str:
        return self.get("transaction_id")

    def additional_info(self, slot: str) -> str:
        """``slot`` as the setting spells it (``additionalInfo1``) or as our key."""
        key = slot if slot.startswith("additional_info_") else (
            "additional_info_" + slot.lower().removeprefix("additionalinfo"))
        return self.get(key)


def _check(line: int, values: dict[str, str]) -> None:
    for spec in layout()["fields"]:
        key, text = spec["key"], values[spec["key"]]
        if spec.get("required") is True and not text:
            raise EodFileError(line, f"field {spec['n']} ({spec['name']}) is empty")
        if "max" in spec and len(text) > spec["max"]:
            raise EodFileError(line, f"field {spec['n']} ({spec['name']}) is longer than "
                               f"{spec['max']} characters")
        if key == "amount" and text and not _AMOUNT.fullmatch(text):
            raise EodFileError(line, "field 7 (Amount) is not a positive decimal amount")
        if key == "transaction_date" and not _real_date(text):
            raise EodFileError(line, "field 11 (Transaction Date) is not CCYYMMDDHHMMSS")


def _real_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return True


def parse_line(number: int, text: str) -> EodRow:
    keys = field_keys()
    parts = text.split(layout()["delimiter"])
    if not _RECORD.fullmatch(parts[0]):
        raise EodFileError(number, "it does not start with an IMDPA record ID")
    if len(parts) < len(keys):
        raise EodFileError(number, f"{len(parts)} fields where {len(keys)} are expected")
    values = dict(zip(keys, parts, strict=False))
    _check(number, values)
    return EodRow(number, values, tuple(parts[len(keys):]))


def parse(data: bytes) -> list[EodRow]:
    """Every transaction row of one file, in file order. Raises ``EodFileError``."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    rows: list[EodRow] = []
    for number, line in enumerate(text.split("\n"), start=1):  # values may hold \x85, \x1c
        if line.strip():
            rows.append(parse_line(number, line.rstrip("\r")))
    return rows
