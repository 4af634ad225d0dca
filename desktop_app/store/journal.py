"""The payment journal: intent committed before a request leaves, reply committed after.

States: pending → sent → approved | partially_approved | declined | error | unknown.
``pending`` means never handed to the transport; ``sent`` and ``unknown`` may have charged
and are only ever settled by the gateway's word or staff's (see services/reconcile.py).

Many workstations may share one journal, so every state change is conditional on the state
its writer expects (``UPDATE … WHERE reference=? AND state IN (…)``) and says whether it
landed: a late or stale writer never overwrites a newer truth. A payment that needs the
terminal holds it in ``terminal_slot`` (unique), so the database, not a read-then-insert,
keeps one running exchange per terminal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from desktop_app.domain import Outcome, PaymentRequest
from desktop_app.store.db import IntegrityError, open_database
from desktop_app.store.eligibility import EligibilityChecks
from desktop_app.store.errors import TerminalOccupied
from desktop_app.store.identity import Origin, current_origin, now_iso
from desktop_app.store.plans import Plans
from desktop_app.store.records import (
    UNRESOLVED_STATES,
    DuplicateReference,
    JournalState,
    PaymentRecord,
)
from desktop_app.store.saved_cards import SavedCards

__all__ = ["UNRESOLVED_STATES", "DuplicateReference", "Journal", "JournalState",
           "PaymentRecord"]

_UNRESOLVED_SQL = tuple(s.value for s in UNRESOLVED_STATES)
_IN_EXCHANGE = (JournalState.SENT, JournalState.UNKNOWN)
_INSERT = ("INSERT INTO payments (reference, kind, state, amount_cents, currency, tender,"
           " card_display, card_brand, last_four, entry_mode, patient_id,"
           " original_transaction_id, protocol, terminal_id, terminal_slot, emv_json, os_user,"
           " workstation, created_at, updated_at)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
_OUTCOME = ("UPDATE payments SET state=?, approved_cents=?, transaction_id=?,"
            " sso_token=COALESCE(NULLIF(?, ''), sso_token),"
            " response_code=?, message=?, auth_code=?, card_brand=COALESCE(NULLIF(?, ''),"
            " card_brand), last_four=COALESCE(NULLIF(?, ''), last_four),"
            " entry_mode=COALESCE(NULLIF(?, ''), entry_mode), receipt_json=?,"
            " ended_at=COALESCE(ended_at, ?), updated_at=?, terminal_slot=NULL WHERE reference=?")


def _states_sql(states: Iterable[JournalState]) -> tuple[str, tuple[str, ...]]:
    values = tuple(s.value for s in states)
    return f"state IN ({','.join('?' * len(values))})", values


class Journal:
    """``target``: a SQLite file path, or a ``postgresql://`` URL shared by workstations."""

    def __init__(self, target: str | Path, origin: Origin | None = None) -> None:
        self.db = open_database(target)
        self.origin = origin or current_origin()
        self.saved_cards = SavedCards(self.db, self.origin)
        self.plans = Plans(self.db, self.origin)
        self.eligibility = EligibilityChecks(self.db, self.origin)  # issue 16
        # References this process is exchanging with the gateway right now: in flight by
        # definition, whatever their row says (the reconciler never judges them).
        self.in_hand: set[str] = set()

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

    async def _change(self, sql: str, params: tuple[object, ...],
                      audit: tuple[str, bool, str, str]) -> bool:
        """One conditional change and its audit record, in one transaction. False when the
        row was not in the expected state: nothing changed, and the refusal is audited."""
        def write() -> bool:
            with self.db.transaction():
                changed = self.db.change(sql, params) > 0
                event, success, reference, detail = audit
                if changed:
                    self._audit(event, success, reference, detail)
                else:
                    self._audit(f"{event}.refused", False, reference, "row had moved on")
                return changed
        return await self.db.run(write)

    async def record_intent(self, request: PaymentRequest, *, terminal_id: str,
                            protocol: str) -> None:
        """Commit the intent before anything leaves this PC. A payment that needs the
        terminal takes its slot here; ``TerminalOccupied`` if another open payment has it."""
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
               terminal_id if request.kind.holds_terminal else None,
               json.dumps(tender.emv_tags if tender else {}),
               self.origin.user, self.origin.workstation, now, now)

        def write() -> None:
            try:
                with self.db.transaction():
                    self.db.execute(_INSERT, row)
                    self._audit("payment.intent", True, request.reference, request.kind.value)
            except IntegrityError:
                # Both uniques may be broken at once; the backends name only one of them.
                if self.db.execute("SELECT 1 FROM payments WHERE reference=?",
                                   (request.reference,)):
                    raise DuplicateReference(request.reference) from None
                # Else the terminal's holder was settled between our insert and this look:
                # still "occupied" for this attempt (the desk is told to try again).
                raise TerminalOccupied(terminal_id) from None
        await self.db.run(write)

    async def mark_sent(self, reference: str) -> bool:
        """False if the row is no longer pending (another desk settled it as never sent):
        the request must then not be sent."""
        now = now_iso()
        return await self._change(
            "UPDATE payments SET state=?, sent_at=?, updated_at=? WHERE reference=? AND state=?",
            (JournalState.SENT.value, now, now, reference, JournalState.PENDING.value),
            ("payment.sent", True, reference, ""))

    async def record_outcome(self, reference: str, outcome: Outcome, *,
                             expect: Iterable[JournalState] = UNRESOLVED_STATES,
                             judged: PaymentRecord | None = None) -> bool:
        """Commit a reply or a settlement over a row still in one of ``expect``. ``judged``:
        the row as the writer read it; the change then lands only if the row has not moved
        since (same state, sent_at and ended_at). Returns whether it landed."""
        state = JournalState(outcome.status.value)
        receipt = {k: getattr(outcome, k) for k in ("card_bin", "transaction_status")}
        receipt["extra"] = json.dumps(sorted(outcome.extra))  # names only: values may be PII
        # Any outcome ends the exchange and frees the terminal; an unknown one is guarded by
        # PaymentService.require_terminal_clear (no repeat of it until it is settled).
        sql = _OUTCOME
        where, states = _states_sql(expect)
        now = now_iso()
        params: tuple[object, ...] = (
            state.value, outcome.approved.cents if outcome.approved else None,
            outcome.transaction_id, outcome.sso_token, outcome.response_code, outcome.message,
            outcome.auth_code, outcome.card_brand, outcome.last_four, outcome.entry_mode,
            json.dumps(receipt), now, now, reference, *states)
        sql += f" AND {where}"
        if judged is not None:
            sql += (" AND state=? AND COALESCE(sent_at, '')=? AND COALESCE(ended_at, '')=?")
            params += (judged.state.value, judged.sent_at or "", judged.ended_at or "")
        return await self._change(sql, params, (
            f"payment.{state.value}", outcome.status.is_success, reference,
            outcome.response_code))

    async def attach_sso_token(self, reference: str, token: str) -> bool:
        """Stored before the page is shown: a crash mid-page is then settled by token. The
        page frees the terminal (see ``_open_hosted_page``). False if the row was settled
        meanwhile: the page must then not be shown."""
        now = now_iso()
        return await self._change(
            "UPDATE payments SET sso_token=?, ended_at=?, updated_at=?, terminal_slot=NULL"
            " WHERE reference=? AND state=? AND sso_token=''",
            (token, now, now, reference, JournalState.SENT.value),
            ("payment.sso_token", True, reference, ""))

    async def mark_unknown(self, reference: str, message: str) -> bool:
        """The exchange ended without an answer: unknown, and the settle window starts now.
        The exchange is over, so the terminal is free (see ``record_outcome``)."""
        where, states = _states_sql(_IN_EXCHANGE)
        now = now_iso()
        return await self._change(
            f"UPDATE payments SET state=?, message=?, ended_at=?, updated_at=?,"
            f" terminal_slot=NULL"
            f" WHERE reference=? AND {where}",
            (JournalState.UNKNOWN.value, message, now, now, reference, *states),
            ("payment.unknown", False, reference, message))

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

    async def created_between(self, start: str, end: str) -> list[PaymentRecord]:
        """Rows created in [start, end) (ISO UTC times, as created_at is written)."""
        return await self._select("created_at >= ? AND created_at < ?", (start, end))

    async def get(self, reference: str) -> PaymentRecord | None:
        rows = await self._select("reference=?", (reference,))
        return rows[0] if rows else None

    async def by_transaction_id(self, transaction_id: str) -> PaymentRecord | None:
        rows = await self._select("transaction_id=?", (transaction_id,))
        return rows[0] if rows else None

    async def holder(self, terminal_id: str) -> PaymentRecord | None:
        """The open payment holding this terminal, if any."""
        rows = await self._select("terminal_slot=?", (terminal_id,))
        return rows[0] if rows else None

    async def unresolved(self, terminal_id: str | None = None) -> list[PaymentRecord]:
        """Every row whose outcome is not final, hosted pages left open by staff included
        (they stay ``sent`` with their token until the reconciler settles them)."""
        where, states = _states_sql(UNRESOLVED_STATES)
        if terminal_id is None:
            return await self._select(where, states)
        return await self._select(f"{where} AND terminal_id=?", (*states, terminal_id))

    async def children(self, transaction_id: str) -> list[PaymentRecord]:
        """Captures, voids and refunds that point at an original transaction."""
        return await self._select("original_transaction_id=?", (transaction_id,))

    async def history(self, limit: int = 200) -> list[PaymentRecord]:
        return await self._select("1=1", (), f"ORDER BY id DESC LIMIT {int(limit)}")

    async def audit_rows(self) -> list[dict[str, object]]:
        return await self.db.run(lambda: self.db.execute("SELECT * FROM audit ORDER BY id"))
