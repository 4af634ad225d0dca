"""Encrypting readers' output (MagTek-style "enhanced" keyboard/HID format), passed through.

The reader sends the masked tracks in clear, then ``|``-separated fields: the tracks
encrypted under a DUKPT key, the device serial and the KSN. We pick out the masked track 2
and the opaque parts; nothing here decrypts (PCI P2PE: the PC never sees clear card data).

Field positions are a table, so another vendor's layout is a data change. The MagTek
positions follow the "enhanced" format as documented for their SCRA readers; check them
against the manual of the exact model before relying on a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.domain import EncryptedCard, ValidationError
from drivers.errors import TrackError


@dataclass(frozen=True)
class Layout:
    name: str
    encrypted_track1: int
    encrypted_track2: int
    device_serial: int
    ksn: int


MAGTEK_ENHANCED = Layout("MagTekEnhanced", encrypted_track1=2, encrypted_track2=3,
                         device_serial=7, ksn=9)
_MASKED_T2 = re.compile(r";[0-9*]{12,19}=[0-9*]{4,}\?")


def is_encrypted_output(text: str) -> bool:
    return "|" in text and text[:1] in "%;"


def parse_encrypted(text: str, scheme: str, layout: Layout = MAGTEK_ENHANCED) -> EncryptedCard:
    """Raises TrackError (a bad read: swipe again) for anything unusable; never echoes data."""
    parts = text.strip().split("|")
    if len(parts) <= max(layout.ksn, layout.encrypted_track2, layout.device_serial):
        raise TrackError("encrypted swipe", f"expected {layout.name} fields, got "
                         f"{len(parts)}")
    masked = _MASKED_T2.search(parts[0])
    if masked is None:
        raise TrackError("encrypted swipe", "no masked track 2 before the encrypted data")
    try:
        return EncryptedCard(format=scheme, masked_track2=masked.group(0),
                             ksn=parts[layout.ksn].strip(),
                             encrypted_track2=parts[layout.encrypted_track2].strip(),
                             encrypted_track1=parts[layout.encrypted_track1].strip(),
                             device_serial=parts[layout.device_serial].strip())
    except ValidationError as exc:
        raise TrackError("encrypted swipe", str(exc)) from None


def encode_encrypted(masked_tracks: str, encrypted_track1: str, encrypted_track2: str,
                     device_serial: str, ksn: str) -> str:
    """What a MagTek-style reader types (for simulators and tests)."""
    fields = [masked_tracks, "0600", encrypted_track1, encrypted_track2, "", "0000", "",
              device_serial, "", ksn, ""]
    return "|".join(fields)
