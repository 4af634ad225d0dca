"""``process(account, fields) -> reply fields``: the one gateway core every protocol shares.

NVP, SOAP and REST only frame requests and replies; everything that decides money lives
behind this function, so the three protocols cannot drift apart. A refusal comes back as
``errorCode``/``errorMessage`` fields and each endpoint renders it in its own way.

Processing is synchronous (no ``await`` between reading the ledger and writing it), so two
concurrent requests with one reference can never both charge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.errors import GatewayRefusal, conflict, invalid
from desktop_app.sandbox.ledger import Ledger, LedgerEntry, fingerprint
from desktop_app.sandbox.table import req, table
from desktop_app.sandbox.validation import required, value
from desktop_app.sandbox.vault import CardVault

if TYPE_CHECKING:
    from desktop_app.sandbox.sso_tokens import SsoTokens

log = logging.getLogger(__name__)


@dataclass
class GatewayState:
    """Everything the core reads and writes; one per running sandbox."""

    ledger: Ledger
    tokens: SsoTokens
    vault: CardVault = field(default_factory=CardVault)
    base_url: str = ""


@dataclass(frozen=True)
class Context:
    account: Account
    fields: dict[str, str]
    state: GatewayState
    now: datetime
    kind: str

    @property
    def reference(self) -> str:
        return value(self.fields, "request_reference")

    def entry(self, **values: object) -> LedgerEntry:
        """A ledger entry with the fields every entry shares filled from the request."""
        kind = table().kind(self.kind)
        base: dict[str, object] = {
            "account_id": self.account.account_id, "reference": self.reference,
            "kind": self.kind, "transaction_type": value(self.fields, "transaction_type")
            or kind.get("transactionType", ""), "action": kind["transactionAction"],
            "timestamp": self.now, "patient_id": value(self.fields, "patient_id"),
            "sso_token": value(self.fields, "sso_token"),
        }
        base.update(values)
        return LedgerEntry(**base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Result:
    reply: dict[str, str]
    entry: LedgerEntry | None = None


Handler = Callable[[Context], Result]
Listener = Callable[[LedgerEntry], None]


def _kind_of(fields: dict[str, str]) -> str:
    """Our kind key from transactionType + transactionAction (and a saved-card token)."""
    action = required(fields, "transaction_action")
    ttype = value(fields, "transaction_type")
    if action == table().action("view_receipt"):
        return "view_receipt"
    if ttype == "CreditCard" and action == "Sale" and value(fields, "saved_card_token"):
        return "charge_saved_card"
    for name, wire in table().raw["kinds"].items():
        if wire.get("transactionAction") == action and wire.get("transactionType") == ttype:
            return str(name)
    if action == table().action("void") and ttype == "ECheck":
        return "void"
    if not ttype:
        raise invalid(f"{req('transaction_type')} is required")
    raise invalid(f"{req('transaction_action')} {action} is not supported for "
                  f"{req('transaction_type')} {ttype}")


def _check_ids(account: Account, fields: dict[str, str]) -> None:
    for key, expected in (("merchant_id", account.merchant_id), ("store_id", account.store_id),
                          ("terminal_id", account.terminal_id)):
        given = required(fields, key)
        if given != expected:
            raise invalid(f"{req(key)} {given[:20]} does not belong to this account")


class Processor:
    def __init__(self, state: GatewayState, handlers: dict[str, Handler],
                 listeners: list[Listener] | None = None) -> None:
        self.state = state
        self.handlers = handlers
        self.listeners = listeners if listeners is not None else []

    def process(self, account: Account, fields: dict[str, str]) -> dict[str, str]:
        try:
            return self._process(account, fields)
        except GatewayRefusal as refusal:
            return refusal.fields()

    def _process(self, account: Account, fields: dict[str, str]) -> dict[str, str]:
        _check_ids(account, fields)
        kind = _kind_of(fields)
        ctx = Context(account, fields, self.state, datetime.now(UTC), kind)
        if kind == "view_receipt":
            return self.handlers[kind](ctx).reply
        reference, request_hash = ctx.reference, fingerprint(fields)
        if reference:
            seen = self.state.ledger.recall(account.account_id, reference)
            if seen is not None:
                if seen[0] != request_hash:
                    raise conflict(f"{req('request_reference')} {reference[:64]} was already "
                                   "used for a different request")
                return dict(seen[1])
        result = self.handlers[kind](ctx)
        if reference:
            self.state.ledger.remember(account.account_id, reference, request_hash,
                                       result.reply)
        if result.entry is not None:
            self.state.ledger.add(result.entry)
            self._announce(result.entry)
        return dict(result.reply)

    def _announce(self, entry: LedgerEntry) -> None:
        """Tell listeners (webhooks); their failure must not undo or hide a booked charge."""
        for listener in self.listeners:
            try:
                listener(entry)
            except Exception:
                log.exception("ledger listener failed for %s", entry.transaction_id)
