"""Eligibility questions and answers, kept as sent and received (the X12 270 and 271).

HIPAA's minimum necessary: the X12 holds the member ID, name and date of birth, so it is kept
only here, in the journal's database, where the clinic's access controls and backups already
apply; nothing of it goes to a log line or a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.store.db import Database, Row
from desktop_app.store.identity import Origin, now_iso


@dataclass(frozen=True)
class EligibilityRow:
    reference: str
    payer_id: str
    service_type: str
    coverage: str
    copay_cents: int | None
    request_x12: str
    answer_x12: str
    problem: str
    created_at: str
    patient_id: str = ""  # the clinic's own ID, when the check was asked for one (History)

    def __repr__(self) -> str:
        return f"EligibilityRow(reference={self.reference!r}, coverage={self.coverage!r})"


_COLUMNS = ("reference", "payer_id", "service_type", "coverage", "copay_cents", "request_x12",
            "answer_x12", "problem", "created_at", "patient_id")


class EligibilityChecks:
    def __init__(self, db: Database, origin: Origin) -> None:
        self.db = db
        self.origin = origin

    async def record(self, row: EligibilityRow) -> None:
        def write() -> None:
            with self.db.transaction():
                self.db.execute(
                    "INSERT INTO eligibility_checks (reference, payer_id, service_type, coverage,"
                    " copay_cents, request_x12, answer_x12, problem, os_user, workstation,"
                    " created_at, patient_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (row.reference, row.payer_id, row.service_type, row.coverage,
                     row.copay_cents, row.request_x12, row.answer_x12, row.problem,
                     self.origin.user, self.origin.workstation, row.created_at or now_iso(),
                     row.patient_id))
        await self.db.run(write)

    async def get(self, reference: str) -> EligibilityRow | None:
        return await self._first("WHERE reference=?", (reference,))

    async def latest_for(self, patient_id: str) -> EligibilityRow | None:
        """The newest check asked for this patient ID (any answer: the question is what
        History asks again), or None when the patient was never checked."""
        if not patient_id:
            return None
        return await self._first("WHERE patient_id=? ORDER BY id DESC", (patient_id,))

    async def _first(self, where: str, values: tuple[str, ...]) -> EligibilityRow | None:
        def read() -> list[Row]:
            return self.db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM eligibility_checks {where} LIMIT 1", values)
        rows = await self.db.run(read)
        return EligibilityRow(**{c: rows[0][c] for c in _COLUMNS}) if rows else None
