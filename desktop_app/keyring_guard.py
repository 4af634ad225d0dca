"""Secrets go to the operating system's keyring or nowhere (PCI DSS 8.3.2; issue 14).

``keyrings.alt`` (a test tool here) and similar backends keep passwords in a file, readable by
anyone who can read the file; the null and fail backends keep nothing and, in keyring's own
words, suggest installing ``keyrings.alt``. Every secret is read and stored through
``secure_keyring()``, which hands back ``RefusingKeyring`` in their place: storing a secret
fails with a message saying what to install or unlock, and reading one finds nothing, so the
app asks for the password instead of reading a plaintext file. The check runs at the first
use of a secret, not at start-up (keyring's backends take ~50 ms to load).
"""

from __future__ import annotations

import logging

from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError

from desktop_app.domain import FrontDeskError

log = logging.getLogger(__name__)
_warned: set[str] = set()  # said once per process, not at every secret looked up

NO_SECURE_KEYRING = (
    "No secure keyring is available on this computer, so Front Desk Pay will not store "
    "passwords. Use Windows Credential Manager, the macOS Keychain, or on Linux a Secret "
    "Service keyring (GNOME Keyring or KWallet) that is installed and unlocked, then try again.")


def _modules(backend: KeyringBackend) -> list[str]:
    inner = getattr(backend, "backends", None)  # keyring's ChainerBackend
    parts = list(inner) if inner is not None else [backend]
    return [f"{type(b).__module__}.{type(b).__name__}" for b in parts]


def is_insecure(backend: KeyringBackend) -> str:
    """The name of a backend that keeps secrets in plain files or not at all ("" if none)."""
    names = _modules(backend)
    for name in names:
        if name.startswith("keyrings.alt.") or "Plaintext" in name:
            return name
    if not names or all(n.startswith(("keyring.backends.fail.", "keyring.backends.null."))
                        for n in names):
        return names[0] if names else "none"
    return ""


class NoSecureKeyring(PasswordSetError, FrontDeskError):
    """A secret refused for want of a secure keyring: a PasswordSetError to keyring's callers,
    a message for staff to the UI (the Settings page says it instead of failing)."""


class RefusingKeyring(KeyringBackend):
    """Stands in for an insecure backend: nothing read, nothing written, a clear refusal."""

    priority = 0

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused = refused

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NoSecureKeyring(NO_SECURE_KEYRING)

    def delete_password(self, service: str, username: str) -> None:
        return None


def secure_keyring() -> KeyringBackend:
    """The keyring to use for secrets: the resolved backend, or a refusal in its place."""
    import keyring

    backend = keyring.get_keyring()
    refused = is_insecure(backend)
    if not refused:
        return backend
    if refused not in _warned:
        _warned.add(refused)
        log.warning("keyring backend %s refused: secrets are neither read nor stored", refused)
    return RefusingKeyring(refused)
