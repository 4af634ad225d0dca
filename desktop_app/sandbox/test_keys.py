"""The sandbox's stand-in for the gateway's HSM: "decrypts" encrypting-reader output.

Real readers encrypt under TDES/AES DUKPT keys that only the gateway's HSM can derive; the
app never can. For training and tests the sandbox accepts a test scheme with the published
ANSI X9.24 test base key: a SHA-256 keystream over (BDK, KSN), XORed with the track. It is
not DUKPT and protects nothing; it exists so simulated encrypted swipes travel the same path
(masked track + KSN + opaque blob) and get the same test-card rules as clear ones.
"""

from __future__ import annotations

import hashlib

TEST_BDK = "0123456789ABCDEFFEDCBA9876543210"  # ANSI X9.24 test key, public by design
FORMAT = "SandboxTestDUKPT"


def _keystream(ksn: str, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(f"{TEST_BDK}:{ksn.upper()}:{counter}".encode()).digest()
        counter += 1
    return out[:length]


def encrypt_track(track: str, ksn: str) -> str:
    data = track.encode("ascii")
    return bytes(a ^ b for a, b in zip(data, _keystream(ksn, len(data)), strict=True)).hex()


def decrypt_track(blob_hex: str, ksn: str) -> str:
    data = bytes.fromhex(blob_hex)
    clear = bytes(a ^ b for a, b in zip(data, _keystream(ksn, len(data)), strict=True))
    return clear.decode("ascii", errors="replace")
