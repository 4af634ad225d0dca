"""SSO logins and hosted-page tokens: what the ACS endpoint issues and SSOService reports.

A token is NEW until its page takes an approved payment (complete) or its lifetime passes
(EXPIRED); complete wins over the clock, so a page paid in time stays paid when polled late.
Statuses are spelled as the portal's polling page and HHK read them: ``NEW``, ``EXPIRED``,
``complete``.

The SSO login (accountID, securityKey, ssoAlias) is separate from the API password, as on the
real gateway; each belongs to one API account, whose merchant IDs its payments use.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from desktop_app.domain import Money
from desktop_app.sandbox.accounts import DEMO_ACCOUNT

NEW, COMPLETE, EXPIRED = "NEW", "complete", "EXPIRED"


@dataclass(frozen=True)
class SsoLogin:
    account_id: str
    security_key: str = field(repr=False)
    alias: str
    api_account_id: str  # the API account (accounts.py) its payments are booked to

    def matches(self, account_id: str, security_key: str, alias: str) -> bool:
        """Constant time, like the API login: the sandbox teaches no timing leak."""
        same = [hmac.compare_digest(a.encode(), b.encode()) for a, b in (
            (self.account_id.lower(), account_id.lower()),
            (self.security_key, security_key), (self.alias, alias))]
        return all(same)


DEMO_SSO = SsoLogin("sandbox@frontdeskpay.test", "sandbox-sso", "frontdeskpay",
                    DEMO_ACCOUNT.account_id)


@dataclass
class SsoToken:
    token: str
    login: SsoLogin
    target: str                  # our target key: payment, save_on_file, void, refund
    amount: Money | None
    issued: datetime
    expires: datetime
    patient_id: str = ""
    patient_name: str = ""
    additional_info: dict[str, str] = field(default_factory=dict)  # additional_info_N
    confirm_url: str = ""
    cancel_url: str = ""
    transaction_id: str = ""
    attempts: int = 0

    @property
    def account_id(self) -> str:
        return self.login.api_account_id

    def status(self, now: datetime) -> str:
        if self.transaction_id:
            return COMPLETE
        return EXPIRED if now >= self.expires else NEW


class SsoTokens:
    def __init__(self, lifetime: timedelta, logins: tuple[SsoLogin, ...] = (DEMO_SSO,)) -> None:
        self.lifetime = lifetime
        self.logins = logins
        self.tokens: dict[str, SsoToken] = {}

    def login(self, account_id: str, security_key: str, alias: str) -> SsoLogin | None:
        found = [x for x in self.logins if x.matches(account_id, security_key, alias)]
        return found[0] if found else None

    def issue(self, login: SsoLogin, target: str, amount: Money | None, *,
              patient_id: str = "", patient_name: str = "",
              additional_info: dict[str, str] | None = None, confirm_url: str = "",
              cancel_url: str = "") -> SsoToken:
        now = datetime.now(UTC)
        token = SsoToken(secrets.token_urlsafe(24), login, target, amount, now,
                         now + self.lifetime, patient_id, patient_name,
                         dict(additional_info or {}), confirm_url, cancel_url)
        self.tokens[token.token] = token
        return token

    def get(self, token: str) -> SsoToken | None:
        return self.tokens.get(token)

    def status(self, token: str) -> str | None:
        found = self.tokens.get(token)
        return None if found is None else found.status(datetime.now(UTC))

    def clear(self) -> None:
        self.tokens.clear()
