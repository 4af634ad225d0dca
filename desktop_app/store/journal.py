"""The payment journal: intent committed before a request leaves, reply committed after.

States: pending → sent → approved | partially_approved | declined | error | unknown.
``pending`` means never handed to the transport; ``sent`` and ``unknown`` may have charged
and are only ever settled by asking the gateway (see services/reconcile.py).
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain import Money, Outcome, PaymentRequest
from desktop_app.store.db import IntegrityError, open_database
from desktop_app.store.identity import Origin, current_origin, now_iso
from desktop_app.store.saved_cards import SavedCards


class JournalState(enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    APPROVED = "approved"
    PARTIALLY_APPROVED = "partially_approved"
    DECLINED = "declined"
    ERROR = "error"
    UNKNOWN = "unknown"


UNRESOLVED_STATES = (JournalState.PENDING, JournalState.SENT, JournalState.UNKNOWN)
_UNRESOLVED_SQL = tuple(s.value for s in UNRESOLVED_STATES)


class DuplicateReference(Exception):
    """A reference is never reused for another request: a programming error."""


@dataclass(frozen=True)
class PaymentRecord:
    reference: str
    kind: str
    state: JournalState
    amount: Money | None
    approved: Money | None
    tender: str
    card_display: str
    card_brand: str
    last_four: str
    entry_mode: str
    patient_id: str
    original_transaction_id: str
    transaction_id: str
    response_code: str
    message: str
    auth_code: str
    protocol: str
    terminal_id: str
    os_user: str
    workstation: str
    created_at: str
    sent_at: str | None
    updated_at: str
    sso_token: str = ""
    emv_tags: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PaymentRecord:
        d = dict(row)
        cur = d.pop("currency")
        amount, approved = d.pop("amount_cents"), d.pop("approved_cents")
        for key in ("id", "receipt_json"):
            d.pop(key)
        d["emv_tags"] = json.loads(d.pop("emv_json", None) or "{}")
        return cls(state=JournalState(d.pop("state")),
                   amount=None if amount is None else Money(amount, cur),
                   approved=None if approved is None else Money(approved, cur), **d)

    @property
    def balance_due(self) -> Money | None:
        if self.amount is None or self.approved is None:
            return None
        return self.amount - self.approved

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {k: v for k, v in self.__dict__.items()
                                  if k not in ("state", "amount", "approved")}
        out["state"] = self.state.value
        out["amount"] = None if self.amount is None else self.amount.wire()
        out["approved"] = None if self.approved is None else self.approved.wire()
        return out


class Journal:
    """``target``: a SQLite file path, or a ``postgresql://`` URL shared by workstations."""

    def __init__(self, target: str | Path, origin: Origin | None = None) -> None:
        self.db = open_database(target)
        self.origin = origin or current_origin()
        self.saved_cards = SavedCards(self.db, self.origin)

    async def open(self) -> Journal:
        await self.db.open()
        return self

    async def close(self) -> None:
        await self.db.close()

    def _audit(self, event: str, success: bool, reference: str = "", detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO audit (at, os_user, workstation, event, success, reference, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), self.origin.user, self.origin.workstation, event, int(success),
             reference, detail))

    def _write(self, statements: list[tuple[str, tuple[object, ...]]],
               audit: tuple[str, bool, str, str]) -> None:
        """The change and its audit record commit together or not at all."""
        with self.db.transaction():
            for sql, params in statements:
                self.db.execute(sql, params)
            self._audit(*audit)

    async def record_intent(self, request: PaymentRequest, *, terminal_id: str,
                            protocol: str) -> None:
        """Commit the intent before anything leaves this PC."""
        tender = request.tender
        shown = (tender.card or tender.encrypted or tender.saved_card) if tender else None
        now = now_iso()
        row = (request.reference, request.kind.value, JournalState.PENDING.value,
               request.amount.cents if request.amount else None,
               request.amount.currency if request.amount else "USD",
               tender.kind.value if tender else "", tender.describe() if tender else "",
               shown.brand if shown else "", shown.last_four if shown else "",
               tender.entry_mode.value if tender and tender.entry_mode else "",
               request.patient_id, request.transaction_id or "", protocol, terminal_id,
               json.dumps(tender.emv_tags if tender else {}),
               self.origin.user, self.origin.workstation, now, now)
        sql = ("INSERT INTO payments (reference, kind, state, amount_cents, currency, tender,"
               " card_display, card_brand, last_four, entry_mode, patient_id,"
               " original_transaction_id, protocol, terminal_id, emv_json, os_user,"
               " workstation, created_at, updated_at)"
               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")

        def write() -> None:
            try:
                self._write([(sql, row)], ("payment.intent", True, request.reference,
                                           request.kind.value))
            except IntegrityError:
                raise DuplicateReference(request.reference) from None
        await self.db.run(write)

    async def mark_sent(self, reference: str) -> None:
        now = now_iso()
        await self.db.run(lambda: self._write(
            [("UPDATE payments SET state=?, sent_at=?, updated_at=? WHERE reference=?",
              (JournalState.SENT.value, now, now, reference))],
            ("payment.sent", True, reference, "")))

    async def record_outcome(self, reference: str, outcome: Outcome) -> None:
        state = JournalState(outcome.status.value)
        receipt = {k: getattr(outcome, k) for k in ("card_bin", "transaction_status")}
        receipt["extra"] = json.dumps(sorted(outcome.extra))  # names only: values may be PII
        sql = ("UPDATE payments SET state=?, approved_cents=?, transaction_id=?,"
               " sso_token=COALESCE(NULLIF(?, ''), sso_token),"
               " response_code=?, message=?, auth_code=?, card_brand=COALESCE(NULLIF(?, ''),"
               " card_brand), last_four=COALESCE(NULLIF(?, ''), last_four),"
               " entry_mode=COALESCE(NULLIF(?, ''), entry_mode), receipt_json=?,"
               " updated_at=? WHERE reference=?")
        params = (state.value, outcome.approved.cents if outcome.approved else None,
                  outcome.transaction_id, outcome.sso_token, outcome.response_code, outcome.message,
                  outcome.auth_code, outcome.card_brand, outcome.last_four, outcome.entry_mode,
                  json.dumps(receipt), now_iso(), reference)
        await self.db.run(lambda: self._write(
            [(sql, params)], (f"payment.{state.value}", outcome.status.is_success, reference,
                              outcome.response_code)))

    async def attach_sso_token(self, reference: str, token: str) -> None:
        """Stored before the page is shown: a crash mid-page is then settled by token."""
        await self.db.run(lambda: self._write(
            [("UPDATE payments SET sso_token=?, updated_at=? WHERE reference=?",
              (token, now_iso(), reference))],
            ("payment.sso_token", True, reference, "")))

    async def mark_unknown(self, reference: str, message: str) -> None:
        await self.db.run(lambda: self._write(
            [("UPDATE payments SET state=?, message=?, updated_at=? WHERE reference=?",
              (JournalState.UNKNOWN.value, message, now_iso(), reference))],
            ("payment.unknown", False, reference, message)))

    async def audit(self, event: str, success: bool, reference: str = "",
                    detail: str = "") -> None:
        def write() -> None:
            with self.db.transaction():
                self._audit(event, success, reference, detail)
        await self.db.run(write)

    async def _select(self, where: str, params: tuple[object, ...] = (),
                      tail: str = "ORDER BY id") -> list[PaymentRecord]:
        sql = f"SELECT * FROM payments WHERE {where} {tail}"
        rows = await self.db.run(lambda: self.db.execute(sql, params))
        return [PaymentRecord.from_row(r) for r in rows]

    async def get(self, reference: str) -> PaymentRecord | None:
        rows = await self._select("reference=?", (reference,))
        return rows[0] if rows else None

    async def by_transaction_id(self, transaction_id: str) -> PaymentRecord | None:
        rows = await self._select("transaction_id=?", (transaction_id,))
        return rows[0] if rows else None

    async def unresolved(self, terminal_id: str | None = None) -> list[PaymentRecord]:
        marks = ",".join("?" * len(_UNRESOLVED_SQL))
        if terminal_id is None:
            return await self._select(f"state IN ({marks})", _UNRESOLVED_SQL)
        return await self._select(f"state IN ({marks}) AND terminal_id=?",
                                  (*_UNRESOLVED_SQL, terminal_id))

    async def children(self, transaction_id: str) -> list[PaymentRecord]:
        """Captures, voids and refunds that point at an original transaction."""
        return await self._select("original_transaction_id=?", (transaction_id,))

    async def history(self, limit: int = 200) -> list[PaymentRecord]:
        return await self._select("1=1", (), f"ORDER BY id DESC LIMIT {int(limit)}")

    async def audit_rows(self) -> list[dict[str, object]]:
        return await self.db.run(lambda: self.db.execute("SELECT * FROM audit ORDER BY id"))
