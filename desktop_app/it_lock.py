"""The IT unlock of the Settings page: which gateway, as whom and which databases are IT's.

A clinic's IT sets a passcode; the page opens its IT group only when it is typed. Only a
salted PBKDF2 hash is kept, in the OS keyring (not the settings file, which any desk user can
edit). No passcode set (a fresh install) leaves the group open, and the page says so.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from desktop_app.domain.errors import ValidationError
from desktop_app.settings import KEYRING_SERVICE

_ENTRY = "it-passcode"
_ITERATIONS = 200_000
MINIMUM_LENGTH = 6


def _hash(code: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), salt, iterations)


def _stored() -> str | None:
    from desktop_app.keyring_guard import secure_keyring

    return secure_keyring().get_password(KEYRING_SERVICE, _ENTRY)


def passcode_is_set() -> bool:
    return bool(_stored())


def set_passcode(code: str) -> None:
    if len(code) < MINIMUM_LENGTH:
        raise ValidationError(f"The IT passcode must be at least {MINIMUM_LENGTH} characters.")
    from desktop_app.keyring_guard import secure_keyring

    salt = secrets.token_bytes(16)
    digest = _hash(code, salt, _ITERATIONS)
    secure_keyring().set_password(KEYRING_SERVICE, _ENTRY,
                         f"pbkdf2_sha256${_ITERATIONS}${salt.hex()}${digest.hex()}")


def check_passcode(code: str) -> bool:
    stored = _stored()
    if not stored:
        return True
    try:
        _scheme, iterations, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        actual = _hash(code, bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False  # a damaged entry opens nothing; IT can reset it in the keyring
    return hmac.compare_digest(expected, actual)
