"""Card data the simulators present: public test numbers only, never a real card.

``sandbox_encrypt`` is the sandbox's published test scheme (``desktop_app/sandbox/test_keys.py``:
a SHA-256 keystream over the ANSI X9.24 test BDK and the KSN, XORed with the data). The
simulated encrypting readers use it so the sandbox can read their output; it protects
nothing and no real reader uses it. ``tests/drivers/test_encrypted.py`` checks that the two
sides agree. Drivers may not import the sandbox (layer order), hence this second copy of a
six-line public formula.
"""

from __future__ import annotations

import hashlib

TEST_PAN = "4111111111111111"
TEST_BDK = "0123456789ABCDEFFEDCBA9876543210"  # ANSI X9.24 test key, public by design
SANDBOX_SCHEME = "SandboxTestDUKPT"
TEST_KSN = bytes.fromhex("FFFF9876543210E00001")  # the V5 manual's initial test KSN, counter 1


def sandbox_encrypt(data: bytes, ksn_hex: str) -> bytes:
    out, counter = b"", 0
    while len(out) < len(data):
        out += hashlib.sha256(f"{TEST_BDK}:{ksn_hex.upper()}:{counter}".encode()).digest()
        counter += 1
    return bytes(a ^ b for a, b in zip(data, out, strict=False))
