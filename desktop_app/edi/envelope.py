"""The ISA/GS/ST envelope around one transaction set, with the separators 5010 uses.

Values are cleaned to the X12 extended character set and stripped of our separators, so a
name with an asterisk cannot shift every element after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

ELEMENT, COMPONENT, REPETITION, TERMINATOR = "*", ":", "^", "~"
_UNSAFE = re.compile(r"[^A-Za-z0-9 !&'()+,\-./;?=%@\[\]_{}\\|<>#$\"]")


def clean(value: str, limit: int) -> str:
    """Upper-case, X12-safe, at most ``limit`` characters."""
    return _UNSAFE.sub("", value.upper()).strip()[:limit]


@dataclass(frozen=True)
class Parties:
    """Who sends and who receives the interchange (ISA05-08, GS02-03)."""

    sender: str
    receiver: str
    qualifier: str = "ZZ"
    production: bool = False


def interchange(parties: Parties, functional_id: str, version: str, set_id: str,
                control: int, body: list[list[str]], now: datetime) -> str:
    """One interchange, one group, one transaction set: ST .. SE counted for us."""
    st = [["ST", set_id, f"{control % 10000:04d}", version]]
    se = [["SE", str(len(body) + 2), f"{control % 10000:04d}"]]
    number = f"{control % 1_000_000_000:09d}"
    isa = ["ISA", "00", " " * 10, "00", " " * 10, parties.qualifier,
           parties.sender.ljust(15)[:15], parties.qualifier, parties.receiver.ljust(15)[:15],
           now.strftime("%y%m%d"), now.strftime("%H%M"), REPETITION, "00501", number, "0",
           "P" if parties.production else "T", COMPONENT]
    gs = ["GS", functional_id, parties.sender.strip(), parties.receiver.strip(),
          now.strftime("%Y%m%d"), now.strftime("%H%M"), str(control % 1_000_000_000), "X",
          version]
    tail = [["GE", "1", str(control % 1_000_000_000)], ["IEA", "1", number]]
    return "".join(_line(s) for s in [isa, gs, *st, *body, *se, *tail])


def _line(elements: list[str]) -> str:
    while len(elements) > 1 and elements[-1] == "":
        elements = elements[:-1]
    return ELEMENT.join(elements) + TERMINATOR
