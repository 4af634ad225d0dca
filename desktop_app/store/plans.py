"""Payment plans in the journal: the plan is written (``pending``) before DoPaymentPlanCreate
leaves and settled by the reply, as a payment is (services/plans.py says why).

States: pending → created | refused | unknown. ``unknown``: the request may have reached the
gateway and set the plan up; only the gateway (its plan webhook, its portal) can say. Every
change is conditional on the state its writer expects, so a late writer never overwrites a
newer truth. The card is its saved-card token and what may be shown; never a PAN.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from desktop_app.domain import Money
from desktop_app.store.db import Database, Row
from desktop_app.store.identity import Origin, now_iso


class PlanState(enum.Enum):
    PENDING = "pending"
    CREATED = "created"
    REFUSED = "refused"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PlanTerms:
    """What staff agreed with the patient: the schedule follows from these."""

    patient_id: str
    total: Money
    payments: int
    frequency: str        # weekly | every_two_weeks | monthly (soap.json plan_values)
    start: date
    card_token: str
    card_display: str = ""


@dataclass(frozen=True)
class PlanRecord:
    reference: str
    state: PlanState
    terms: PlanTerms
    payment: Money        # each payment but the last
    last: Money           # the last payment: the remainder of an uneven split
    plan_id: str = ""
    gateway_status: str = ""
    next_date: str = ""
    balance: Money | None = None
    message: str = ""
    created_at: str = ""


class Plans:
    def __init__(self, db: Database, origin: Origin) -> None:
        self.db = db
        self.origin = origin

    async def add(self, reference: str, terms: PlanTerms, payment: Money, last: Money) -> None:
        def write() -> None:
            now = now_iso()
            with self.db.transaction():
                self.db.execute(
                    "INSERT INTO plans (reference, state, patient_id, total_cents,"
                    " payment_cents, last_cents, payments, frequency, start_date, card_token,"
                    " card_display, os_user, workstation, created_at, updated_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (reference, PlanState.PENDING.value, terms.patient_id, terms.total.cents,
                     payment.cents, last.cents, terms.payments, terms.frequency,
                     terms.start.isoformat(), terms.card_token, terms.card_display,
                     self.origin.user, self.origin.workstation, now, now))
        await self.db.run(write)

    async def settle(self, reference: str, state: PlanState, *, plan_id: str = "",
                     gateway_status: str = "", next_date: str = "",
                     balance: Money | None = None, message: str = "",
                     expect: tuple[PlanState, ...] = (PlanState.PENDING,)) -> bool:
        marks = ",".join("?" * len(expect))

        def write() -> int:
            with self.db.transaction():
                return self.db.change(
                    "UPDATE plans SET state=?, plan_id=?, gateway_status=?, next_date=?,"
                    f" balance_cents=?, message=?, updated_at=? WHERE reference=?"
                    f" AND state IN ({marks})",
                    (state.value, plan_id, gateway_status, next_date,
                     balance.cents if balance is not None else None, message, now_iso(),
                     reference, *(s.value for s in expect)))
        return bool(await self.db.run(write))

    async def all(self, limit: int = 200, patient_id: str = "") -> list[PlanRecord]:
        """Newest first; only this patient's when ``patient_id`` is given."""
        where, params = ("WHERE patient_id=? ", (patient_id,)) if patient_id else ("", ())
        rows = await self.db.run(lambda: self.db.execute(
            f"SELECT * FROM plans {where}ORDER BY id DESC LIMIT ?", (*params, limit)))
        return [_record(r) for r in rows]

    async def get(self, key: str) -> PlanRecord | None:
        """By our reference or by the gateway's PaymentPlanID."""
        rows = await self.db.run(lambda: self.db.execute(
            "SELECT * FROM plans WHERE reference=? OR (plan_id<>'' AND plan_id=?)", (key, key)))
        return _record(rows[0]) if rows else None


def _record(r: Row) -> PlanRecord:
    terms = PlanTerms(r["patient_id"], Money(r["total_cents"]), r["payments"], r["frequency"],
                      date.fromisoformat(r["start_date"]), r["card_token"], r["card_display"])
    balance = Money(r["balance_cents"]) if r["balance_cents"] is not None else None
    return PlanRecord(r["reference"], PlanState(r["state"]), terms, Money(r["payment_cents"]),
                      Money(r["last_cents"]), r["plan_id"], r["gateway_status"], r["next_date"],
                      balance, r["message"], r["created_at"])
