"""ISO/IEC 7813 magnetic-stripe tracks 1 and 2, as readers type or report them.

Track 1: ``%B<PAN>^<NAME>^<YYMM><service code><discretionary>?[LRC]``
Track 2: ``;<PAN>=<YYMM><service code><discretionary>?[LRC]``
Readers signal an unreadable track with ``%E?`` / ``;E?``; that is a bad read, not an error,
because the right response is "swipe again". Track data is sensitive authentication data
(PCI DSS 3.3.1): every field that holds it is excluded from ``repr`` and errors never quote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.card import CardData
from drivers.errors import TrackError

TRACK1_MAX = 79  # characters including sentinels and LRC (ISO/IEC 7813)
TRACK2_MAX = 40
BAD_READS = ("%E?", ";E?", "+E?")


@dataclass(frozen=True)
class ServiceCode:
    """Three digits that tell us, among other things, whether the card has a chip."""

    code: str

    @property
    def has_chip(self) -> bool:
        """2xx/6xx: a chip card; swiping it without a chip failure first is not allowed."""
        return self.code[:1] in ("2", "6")

    @property
    def pin_required(self) -> bool:
        return self.code[2:3] in ("0", "3", "5")


@dataclass(frozen=True)
class Track:
    """One decoded track. ``number`` is 1 or 2."""

    number: int
    pan: str = field(repr=False)
    exp_year: int
    exp_month: int
    service_code: ServiceCode
    discretionary: str = field(repr=False)
    name: str = field(default="", repr=False)
    raw: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class BadRead:
    """The reader saw a card but could not decode it: ask for another swipe."""

    tracks: tuple[int, ...]
    reason: str = "card could not be read"


@dataclass(frozen=True)
class Swipe:
    """What one swipe produced: at least one good track."""

    track1: Track | None
    track2: Track | None

    @property
    def primary(self) -> Track:
        track = self.track2 or self.track1
        assert track is not None  # parse_swipe never builds an empty Swipe
        return track

    def card_data(self) -> CardData:
        """The domain card; raises ``ValidationError`` if the PAN fails its check digit."""
        track = self.primary
        name = self.track1.name if self.track1 else ""
        return CardData(pan=track.pan, exp_month=track.exp_month, exp_year=2000 + track.exp_year,
                        track1=self.track1.raw if self.track1 else None,
                        track2=self.track2.raw if self.track2 else None,
                        cardholder_name=display_name(name))


def display_name(track_name: str) -> str:
    """``DOE/JANE MS`` → ``JANE MS DOE``; the stripe stores surname first."""
    surname, _, given = track_name.strip().partition("/")
    return f"{given.strip()} {surname.strip()}".strip()


def lrc(body: str, track: int) -> str:
    """Longitudinal redundancy check over start sentinel..end sentinel, as a track character."""
    base, mask = (0x20, 0x3F) if track == 1 else (0x30, 0x0F)
    value = 0
    for ch in body:
        value ^= (ord(ch) - base) & mask
    return chr(value + base)


def _split_lrc(text: str, track: int) -> str:
    end = text.find("?")
    if end < 0:
        raise TrackError(f"Track {track}", "no end sentinel")
    body, rest = text[: end + 1], text[end + 1:]
    if len(rest) > 1:
        raise TrackError(f"Track {track}", "unexpected characters after the end", end + 2)
    if rest and rest != lrc(body, track):
        raise TrackError(f"Track {track}", "checksum (LRC) does not match")
    return body


def _expiry(text: str, track: int, offset: int) -> tuple[int, int, ServiceCode, str]:
    if len(text) < 7 or not text[:7].isdigit() or not text[:7].isascii():
        raise TrackError(f"Track {track}", "expiry and service code missing", offset)
    month = int(text[2:4])
    if not 1 <= month <= 12:
        raise TrackError(f"Track {track}", "expiry month out of range", offset + 2)
    return int(text[:2]), month, ServiceCode(text[4:7]), text[7:]


def _pan(text: str, track: int, offset: int) -> str:
    if not (text.isascii() and text.isdigit() and 12 <= len(text) <= 19):
        raise TrackError(f"Track {track}", "card number is not 12 to 19 digits", offset)
    return text


def parse_track1(text: str) -> Track:
    body = _split_lrc(text, 1)
    if len(body) > TRACK1_MAX:
        raise TrackError("Track 1", "longer than 79 characters")
    if not body.startswith("%B"):
        raise TrackError("Track 1", "does not start with %B", 0)
    for i, ch in enumerate(body[1:-1], start=1):
        if not 0x20 <= ord(ch) <= 0x5F or ch in "%?":
            raise TrackError("Track 1", "character outside the track 1 set", i)
    parts = body[2:-1].split("^")
    if len(parts) != 3:
        raise TrackError("Track 1", "expected 3 fields separated by ^")
    pan = _pan(parts[0], 1, 2)
    if not 2 <= len(parts[1]) <= 26:
        raise TrackError("Track 1", "name is not 2 to 26 characters", 3 + len(pan))
    year, month, service, extra = _expiry(parts[2], 1, 4 + len(pan) + len(parts[1]))
    return Track(1, pan, year, month, service, extra, parts[1], raw=text)


def parse_track2(text: str) -> Track:
    body = _split_lrc(text, 2)
    if len(body) > TRACK2_MAX:
        raise TrackError("Track 2", "longer than 40 characters")
    if not body.startswith(";"):
        raise TrackError("Track 2", "does not start with ;", 0)
    for i, ch in enumerate(body[1:-1], start=1):
        if ch != "=" and not ("0" <= ch <= "9"):
            raise TrackError("Track 2", "character outside the track 2 set", i)
    pan_text, sep, rest = body[1:-1].partition("=")
    if not sep:
        raise TrackError("Track 2", "no field separator")
    pan = _pan(pan_text, 2, 1)
    if "=" in rest:
        raise TrackError("Track 2", "more than one field separator", 2 + len(pan) + rest.index("="))
    year, month, service, extra = _expiry(rest, 2, 2 + len(pan))
    return Track(2, pan, year, month, service, extra, raw=text)


# Which characters may follow a start sentinel, per track (ISO/IEC 7811-2): track 1 is the
# 6-bit alphanumeric set; tracks 2 and 3 (ISO 4909) are 4-bit BCD, digits and ``=`` only.
# Financial track 1 data (ISO/IEC 7813) never holds ``;``, so there it starts track 2.
_TRACK_SET = {1: frozenset(chr(c) for c in range(0x20, 0x60)) - {"%", "?", ";"},
              2: frozenset("0123456789=E")}
_START = {"%": 1, ";": 2, "+": 3}


def _cut(text: str, start: int, track: int) -> tuple[str, int]:
    """One track from ``start``: through its end sentinel and an LRC if one follows. A track
    garbled so that its end sentinel is lost ends where a character outside its set starts the
    next track, so one bad track never swallows the good one after it."""
    allowed = _TRACK_SET[min(track, 2)]
    i = start + 1
    while i < len(text) and text[i] != "?":
        if text[i] not in allowed and text[i] in "%;+\r\n":
            return text[start:i], i
        i += 1
    if i >= len(text):
        return text[start:], len(text)
    stop = i + 1
    if stop < len(text) and text[stop] not in "%;+\r\n":
        stop += 1
    return text[start:stop], stop


def _tracks(text: str) -> tuple[dict[int, str], int | None]:
    """Tracks by number, and where the first stray character was (``None`` if none).

    Track 3 starts with ``+`` in the old convention or ``;`` (ISO 4909, like track 2): a second
    ``;`` after track 2 is track 3, not an error.
    """
    found: dict[int, str] = {}
    stray: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        number = _START.get(ch)
        if number == 2 and 2 in found:
            number = 3
        if number is not None and number not in found:
            found[number], i = _cut(text, i, number)
            continue
        if ch not in "\r\n " and stray is None:
            stray = i
        i += 1
    return found, stray


def parse_swipe(text: str) -> Swipe | BadRead:
    """Everything one swipe typed or reported: tracks 1, 2 (and 3, ignored), any order.

    A bad or garbled track beside a good one is tolerated (the good one is enough to charge),
    but tracks that disagree about the card number are an error: that is not one card. With
    no good track, the first track's error is raised (a position and a reason, never data).
    """
    found, stray = _tracks(text.strip("\r\n"))
    if not found:
        raise TrackError("Swipe", "no track start sentinel", stray)
    sentinels = {1: "%", 2: ";", 3: found.get(3, "+")[:1] or "+"}
    bad = tuple(n for n in (1, 2, 3) if found.get(n) == f"{sentinels[n]}E?")
    parsed: dict[int, Track | None] = {}
    errors: list[TrackError] = []
    for number, parse in ((1, parse_track1), (2, parse_track2)):
        parsed[number] = None
        if number in found and number not in bad:
            try:
                parsed[number] = parse(found[number])
            except TrackError as exc:
                errors.append(exc)
    t1, t2 = parsed[1], parsed[2]
    if t1 is None and t2 is None:
        if errors:
            raise errors[0]
        if stray is not None and not bad:
            raise TrackError("Swipe", "unexpected character between tracks", stray)
        return BadRead(bad or (3,))
    if t1 and t2 and (t1.pan != t2.pan or (t1.exp_year, t1.exp_month) != (t2.exp_year,
                                                                         t2.exp_month)):
        raise TrackError("Swipe", "track 1 and track 2 disagree")
    return Swipe(t1, t2)


def encode_track1(track: Track, *, with_lrc: bool = False) -> str:
    """Inverse of ``parse_track1``; used by simulators and tests."""
    body = (f"%B{track.pan}^{track.name}^{track.exp_year:02d}{track.exp_month:02d}"
            f"{track.service_code.code}{track.discretionary}?")
    return body + (lrc(body, 1) if with_lrc else "")


def encode_track2(track: Track, *, with_lrc: bool = False) -> str:
    body = (f";{track.pan}={track.exp_year:02d}{track.exp_month:02d}"
            f"{track.service_code.code}{track.discretionary}?")
    return body + (lrc(body, 2) if with_lrc else "")


def encode_swipe(swipe: Swipe) -> str:
    return "".join([encode_track1(swipe.track1) if swipe.track1 else "",
                    encode_track2(swipe.track2) if swipe.track2 else ""])
