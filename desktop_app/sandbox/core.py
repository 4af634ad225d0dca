"""``process(account, kind, values) -> reply``: the one gateway core every protocol shares.

Endpoints read their protocol into our keys (resources/protocol/gateway.json) and the kind
(NVP transactionType + transactionAction, later SOAP operation or REST path); everything that
decides money lives behind this function, so the protocols cannot drift apart. The reply is
in our keys too; a refusal comes back as ``error_code``/``error_message`` and each endpoint
renders it in its own way.

As on the real gateway (whose public contract has no idempotency key), every request is a
new transaction: a client that re-sends a sale charges twice. Processing is synchronous (no
``await`` between reading the ledger and writing it), so follow-ups see a consistent ledger.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop_app.sandbox.accounts import Account
from desktop_app.sandbox.errors import GatewayRefusal, invalid
from desktop_app.sandbox.ledger import Ledger, LedgerEntry
from desktop_app.sandbox.table import INFO_KEYS, req, table
from desktop_app.sandbox.validation import required, value
from desktop_app.sandbox.vault import CardVault

if TYPE_CHECKING:
    from desktop_app.sandbox.plans import PlanBook
    from desktop_app.sandbox.sso_tokens import SsoTokens

log = logging.getLogger(__name__)


@dataclass
class GatewayState:
    """Everything the core reads and writes; one per running sandbox."""

    ledger: Ledger
    tokens: SsoTokens
    vault: CardVault = field(default_factory=CardVault)
    base_url: str = ""
    plans: PlanBook = field(default_factory=lambda: _plan_book())


def _plan_book() -> PlanBook:
    from desktop_app.sandbox.plans import PlanBook  # plans.py builds on this module

    return PlanBook()


@dataclass(frozen=True)
class Context:
    account: Account
    fields: dict[str, str]   # the request in our keys
    state: GatewayState
    now: datetime
    kind: str

    @property
    def additional_info(self) -> dict[str, str]:
        """additionalInfo1..6 as sent: stored with the transaction and echoed back."""
        return {k: value(self.fields, k) for k in INFO_KEYS if value(self.fields, k)}

    def entry(self, **values: object) -> LedgerEntry:
        """A ledger entry with the fields every entry shares filled from the request."""
        kind = table().kind(self.kind)
        base: dict[str, object] = {
            "account_id": self.account.account_id, "kind": self.kind,
            "transaction_type": kind.get("transactionType", ""),
            "action": kind["transactionAction"], "timestamp": self.now,
            "patient_id": value(self.fields, "patient_id"),
            "sso_token": value(self.fields, "sso_token"),
            "additional_info": self.additional_info,
        }
        base.update(values)
        return LedgerEntry(**base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Result:
    reply: dict[str, str]
    entry: LedgerEntry | None = None


Handler = Callable[[Context], Result]
Listener = Callable[[LedgerEntry], None]


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

    def process(self, account: Account, kind: str, values: dict[str, str]) -> dict[str, str]:
        """One request in our keys → the reply in our keys (a refusal included)."""
        try:
            return self._process(account, kind, values)
        except GatewayRefusal as refusal:
            return refusal.fields()

    def _process(self, account: Account, kind: str, values: dict[str, str]) -> dict[str, str]:
        if kind not in self.handlers:
            raise invalid(f"{req('transaction_action')} is not supported")
        _check_ids(account, values)
        ctx = Context(account, values, self.state, datetime.now(UTC), kind)
        result = self.handlers[kind](ctx)
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
