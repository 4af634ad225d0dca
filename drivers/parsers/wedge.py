"""Keyboard-wedge readers: is this burst of keystrokes a card swipe or a person typing?

A wedge reader types its tracks like a very fast keyboard. Sentinels and track structure
decide first: a burst that parses as ISO 7813 is a swipe however slowly it arrived, because
Citrix/ICA batches and re-spaces keystrokes so that timing alone is unreliable. Timing only
settles the doubtful case: something that starts like a track but does not parse is a
garbled swipe when it arrived at machine speed, and someone typing a ``%`` or ``;`` when not.

Readers can be configured to strip the sentinels (MagTek's keyboard-emulation readers and
most wedge readers have such a setting). Such a burst starts with ``B`` or a digit, so the
sentinel test alone would call it typing and replay a card number into the focused field.
A burst at machine speed holding a 12-19 digit run that passes the Luhn check is card data
whatever it starts with: it is captured (a swipe when it parses with the sentinels put back,
a bad read otherwise) and never replayed.
"""

from __future__ import annotations

import enum
import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.domain import EncryptedCard
from desktop_app.domain.card import luhn_ok
from drivers.errors import TrackError
from drivers.parsers.encrypted import is_encrypted_output, parse_encrypted
from drivers.parsers.tracks import BadRead, Swipe, parse_swipe

# Key scheme named to the gateway for encrypting readers; set per reader model in settings.
DEFAULT_SCHEME = "MagTek-TDES-DUKPT"
MACHINE_SPEED_S = 0.025  # median gap below this is a reader (people manage ~0.08 s at best)
END_KEYS = ("\r", "\n")


class WedgeKind(enum.Enum):
    SWIPE = "swipe"
    BAD_READ = "bad_read"
    TYPING = "typing"


@dataclass(frozen=True)
class Keystroke:
    char: str
    at: float  # seconds, any monotonic clock


@dataclass(frozen=True)
class WedgeDecision:
    """``text`` is returned for TYPING so the UI can replay the keys into the focused field."""

    kind: WedgeKind
    swipe: Swipe | None = None
    text: str = field(default="", repr=False)
    encrypted: EncryptedCard | None = None  # an encrypting reader's output, passed through


def median_gap(keys: Sequence[Keystroke]) -> float:
    gaps = [b.at - a.at for a, b in itertools.pairwise(keys)]
    return statistics.median(gaps) if gaps else float("inf")


# The card number leads a track, sentinels stripped or not: ``B<PAN>^``, ``<PAN>=``, or a
# reader set to send the PAN alone.
_LEADING_PAN = re.compile(r"[%;]?B?(\d{12,19})(?=[\^=?\r\n]|$)")
_BARE_TRACK1 = re.compile(r"B(\d{12,19})\^")


def holds_card_number(text: str) -> bool:
    """The burst leads with a 12-19 digit card number that passes the Luhn check."""
    lead = _LEADING_PAN.match(text)
    return lead is not None and luhn_ok(lead.group(1))


def restore_sentinels(text: str) -> str:
    """Tracks typed by a reader set to strip sentinels, with ``%``/``;`` and ``?`` put back.

    Lines are tracks; a track 1 (``B<PAN>^``) and a track 2 (``<PAN>=``) on one line are split
    where track 1's own card number starts again followed by ``=``.
    """
    out = ""
    for line in filter(None, re.split(r"[\r\n]+", text)):
        if line[:1] in "%;+":
            out += line
            continue
        bare1 = _BARE_TRACK1.match(line)
        if bare1 is not None:
            cut = line.find(bare1.group(1) + "=", bare1.end())
            track1, track2 = (line[:cut], line[cut:]) if cut > 0 else (line, "")
            out += f"%{track1.removesuffix('?')}?" + (f";{track2.removesuffix('?')}?"
                                                     if track2 else "")
        else:
            out += f";{line.removesuffix('?')}?"
    return out


def _bare_burst(keys: Sequence[Keystroke], text: str) -> WedgeDecision:
    """No start sentinel: typing, unless it is card data at machine speed."""
    if median_gap(keys) >= MACHINE_SPEED_S or not holds_card_number(text):
        return WedgeDecision(WedgeKind.TYPING, text=text)
    try:
        result = parse_swipe(restore_sentinels(text))
    except TrackError:
        return WedgeDecision(WedgeKind.BAD_READ)
    if isinstance(result, Swipe):
        return WedgeDecision(WedgeKind.SWIPE, swipe=result)
    return WedgeDecision(WedgeKind.BAD_READ)


def classify(keys: Sequence[Keystroke], scheme: str = DEFAULT_SCHEME) -> WedgeDecision:
    text = "".join(k.char for k in keys).strip("\r\n")
    if not text:
        return WedgeDecision(WedgeKind.TYPING, text=text)
    if text[0] not in "%;+":
        return _bare_burst(keys, text)
    if is_encrypted_output(text):
        try:
            return WedgeDecision(WedgeKind.SWIPE, encrypted=parse_encrypted(text, scheme))
        except TrackError:
            return WedgeDecision(WedgeKind.BAD_READ)
    try:
        result = parse_swipe(text)
    except TrackError:
        result = None
    if isinstance(result, Swipe):
        return WedgeDecision(WedgeKind.SWIPE, swipe=result)
    if (isinstance(result, BadRead) or median_gap(keys) < MACHINE_SPEED_S
            or holds_card_number(text)):
        return WedgeDecision(WedgeKind.BAD_READ)
    return WedgeDecision(WedgeKind.TYPING, text=text)


class WedgeAssembler:
    """Collects keystrokes from the UI key filter into bursts and classifies each burst.

    A burst ends at Enter (readers send one after the last track) or when ``idle_s`` passes
    with no key; the caller's timer calls ``flush(now)``, so this class has no clock of its own.
    """

    def __init__(self, idle_s: float = 0.5, scheme: str = DEFAULT_SCHEME) -> None:
        self.idle_s = idle_s
        self.scheme = scheme
        self._keys: list[Keystroke] = []

    def feed(self, char: str, at: float) -> WedgeDecision | None:
        self._keys.append(Keystroke(char, at))
        if char in END_KEYS and self._complete():
            return self._decide()
        return None

    def flush(self, now: float) -> WedgeDecision | None:
        if self._keys and now - self._keys[-1].at >= self.idle_s:
            return self._decide()
        return None

    def _complete(self) -> bool:
        """Enter inside track data can't happen; Enter after a ``?`` or in plain text ends it.

        A sentinel-stripped track 1 at machine speed is followed by its track 2 after the
        Enter, so that burst waits for the pause instead."""
        text = "".join(k.char for k in self._keys).rstrip("\r\n")
        if text and _BARE_TRACK1.match(text) and median_gap(self._keys) < MACHINE_SPEED_S:
            return False
        return (not text or text[0] not in "%;+" or text.endswith("?") or "?" in text[-2:]
                or is_encrypted_output(text))  # hex fields never hold an Enter

    def _decide(self) -> WedgeDecision:
        keys, self._keys = self._keys, []
        return classify(keys, self.scheme)
