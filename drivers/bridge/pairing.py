"""Pairing: a one-time code shown by the bridge, typed once into the app, and pinned certs.

The code is 12 characters of Crockford base32 (60 bits), valid for 10 minutes and for one
pairing, three wrong tries at most. Each side proves it knows the code with an HMAC over
both certificates' fingerprints as it saw them in the TLS handshake, so a machine in the
middle (which shows each side a different certificate) cannot make a proof that checks.
This is not a PAKE: a man in the middle could try codes offline against one proof, which at
60 bits and a 10-minute window is out of reach. After pairing each end trusts only the
other's pinned certificate (mutual TLS); a re-pair under the same name replaces the pin.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from drivers.bridge.tls import pem_fingerprint

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 12
CODE_LIFE_S = 600.0
MAX_TRIES = 3
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalized(code: str) -> str:
    """As staff may type it: any case, spaces or dashes, O for 0, I or L for 1."""
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_READ_AS)


def proof(code: str, role: str, app_fingerprint: str, bridge_fingerprint: str) -> str:
    message = f"frontdeskpay-bridge-pairing|{role}|{app_fingerprint}|{bridge_fingerprint}"
    return hmac.new(normalized(code).encode(), message.encode(), hashlib.sha256).hexdigest()


@dataclass
class PairingWindow:
    """The code the bridge shows; single use."""

    code: str = field(default_factory=new_code, repr=False)
    expires_at: float = field(default_factory=lambda: time.monotonic() + CODE_LIFE_S)
    tries_left: int = MAX_TRIES

    @property
    def open(self) -> bool:
        return self.tries_left > 0 and time.monotonic() < self.expires_at

    def check(self, given: str, app_fingerprint: str, bridge_fingerprint: str) -> bool:
        if not self.open:
            return False
        expected = proof(self.code, "app", app_fingerprint, bridge_fingerprint)
        if hmac.compare_digest(expected, given):
            self.tries_left = 0
            return True
        self.tries_left -= 1
        return False


class PinStore:
    """Pinned peer certificates by name in a JSON file (public certificates: no secrets).

    Read afresh on every check, so ``main.py bridge revoke`` in another process takes
    effect on the next connection of a running bridge.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            value = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return value if isinstance(value, dict) else {}

    def _save(self, pins: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(pins, indent=1), encoding="utf-8")
        os.replace(partial, self.path)

    def pin(self, name: str, cert_pem: str) -> None:
        """Trust ``cert_pem`` as ``name``, replacing any earlier pin of that name."""
        pins = self._load()
        pins[name] = {"fingerprint": pem_fingerprint(cert_pem), "cert": cert_pem,
                      "paired_at": datetime.datetime.now(datetime.UTC).isoformat()}
        self._save(pins)

    def revoke(self, name: str | None = None) -> list[str]:
        """Forget ``name`` (or every pin); returns the names removed."""
        pins = self._load()
        gone = [n for n in pins if name in (None, n)]
        self._save({n: p for n, p in pins.items() if n not in gone})
        return gone

    def names(self) -> dict[str, str]:
        """Name → when it was paired."""
        return {n: p.get("paired_at", "") for n, p in self._load().items()}

    def cert(self, name: str) -> str | None:
        return self._load().get(name, {}).get("cert")

    def certs(self) -> list[str]:
        return [p["cert"] for p in self._load().values() if "cert" in p]

    def name_of(self, fingerprint: str) -> str | None:
        return next((n for n, p in self._load().items()
                     if hmac.compare_digest(p.get("fingerprint", ""), fingerprint)), None)
