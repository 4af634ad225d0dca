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


DEMO_ACCOUNT = Account(
    account_id="sandbox@frontdeskpay.test",
    password="sandbox",
    merchant_id="6011000551245",
    store_id="001",
    terminal_id="002",
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
