"""Single sign-on tokens for the hosted payment page, and the RequestSSOToken transaction.

A token is NEW until its page takes an approved payment (COMPLETE) or its lifetime passes
(EXPIRED). COMPLETE wins over the clock: a page paid in time stays paid when polled late,
which is what the app's poller relies on to journal the payment.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop_app.domain import Money
from desktop_app.sandbox.core import Context, Result
from desktop_app.sandbox.replies import iso_utc
from desktop_app.sandbox.table import table
from desktop_app.sandbox.validation import amount_field, value

NEW, COMPLETE, EXPIRED = "NEW", "COMPLETE", "EXPIRED"


@dataclass
class SsoToken:
    token: str
    account_id: str
    amount: Money
    patient_id: str
    issued: datetime
    expires: datetime
    transaction_id: str = ""
    attempts: int = 0

    def status(self, now: datetime) -> str:
        if self.transaction_id:
            return COMPLETE
        return EXPIRED if now >= self.expires else NEW


class SsoTokens:
    def __init__(self, lifetime: timedelta) -> None:
        self.lifetime = lifetime
        self.tokens: dict[str, SsoToken] = {}

    def issue(self, account_id: str, amount: Money, patient_id: str) -> SsoToken:
        now = datetime.now(UTC)
        token = SsoToken(secrets.token_urlsafe(24), account_id, amount, patient_id, now,
                         now + self.lifetime)
        self.tokens[token.token] = token
        return token

    def get(self, token: str) -> SsoToken | None:
        return self.tokens.get(token)

    def status(self, token: str) -> str | None:
        found = self.tokens.get(token)
        return None if found is None else found.status(datetime.now(UTC))

    def clear(self) -> None:
        self.tokens.clear()


def relay_url(base_url: str, token: str) -> str:
    return f"{base_url}{table().paths['sso_page']}?token={token}"


def request_token(ctx: Context) -> Result:
    """RequestSSOToken: an amount (and patient) → a token and the page URL to open."""
    amount = amount_field(ctx.fields, "an SSO token")
    token = ctx.state.tokens.issue(ctx.account.account_id, amount,
                                   value(ctx.fields, "patient_id"))
    reply = {
        "response_code": "000",
        "response_message": "SSO token issued",
        "amount": amount.wire(),
        "sso_token": token.token,
        "relay_state_url": relay_url(ctx.state.base_url, token.token),
        "token_status": NEW,
        "tokenExpiration": iso_utc(token.expires),
    }
    reply.update(ctx.additional_info)
    reply["transaction_date"] = iso_utc(ctx.now)
    return Result(reply)
