"""Sandbox accounts and HTTP Basic authentication, as the real gateway asks for them.

The demo account uses the merchant/store/terminal IDs of the partner's public overview; it is
not a secret. Passwords are compared in constant time anyway, so the sandbox never teaches a
pattern that would be wrong in production code.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Account:
    account_id: str
    password: str = field(repr=False)
    merchant_id: str
    store_id: str
    terminal_id: str
    api_key: str = ""                          # REST's Api-Key / Api-Secret pair
    api_secret: str = field(default="", repr=False)


DEMO_ACCOUNT = Account(
    account_id="sandbox@frontdeskpay.test",
    password="sandbox",
    merchant_id="6011000551245",
    store_id="001",
    terminal_id="002",
    api_key="sandbox-api-key",
    api_secret="sandbox-api-secret",
)


def parse_basic(header: str | None) -> tuple[str, str] | None:
    """``Authorization: Basic …`` → (user, password); None for anything unreadable."""
    if not header:
        return None
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def authenticate(header: str | None, accounts: Iterable[Account]) -> Account | None:
    """The account whose ID and password match the header, or None."""
    creds = parse_basic(header)
    if creds is None:
        return None
    user, password = creds
    for account in accounts:
        same_user = hmac.compare_digest(account.account_id.encode(), user.encode())
        same_password = hmac.compare_digest(account.password.encode(), password.encode())
        if same_user and same_password:
            return account
    return None


def authenticate_keys(key: str | None, secret: str | None,
                      accounts: Iterable[Account]) -> Account | None:
    """The account whose REST key pair matches both headers, or None (a wrong key: 401)."""
    if not key or not secret:
        return None
    for account in accounts:
        if not account.api_key:
            continue
        same_key = hmac.compare_digest(account.api_key.encode(), key.encode())
        same_secret = hmac.compare_digest(account.api_secret.encode(), secret.encode())
        if same_key and same_secret:
            return account
    return None
