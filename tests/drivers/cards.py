"""Test cards and helpers shared by the driver tests (public test PANs only)."""

from __future__ import annotations

from tests.conftest import TEST_PANS

PAN = "4111111111111111"
TRACK1 = f"%B{PAN}^DOE/JANE^30121010000000000000?"
TRACK2 = f";{PAN}=30121010000000000000?"
SWIPE = TRACK1 + TRACK2 + "\r"


def leaks(text: str) -> list[str]:
    """Test PANs or track bodies found in ``text`` (a masked PAN is fine)."""
    found = [p for p in TEST_PANS if p in text]
    found += [t for t in ("=3012101", "^DOE/JANE^") if t in text]
    return found
