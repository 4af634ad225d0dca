"""Cards saved on file: the gateway's token and what staff may see. Never a PAN.

The token charges the card only through our merchant account, so it may be kept (it is not
cardholder data under PCI DSS); it is still never logged or shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain import SavedCard
from desktop_app.store.db import Database
from desktop_app.store.identity import Origin, now_iso


@dataclass(frozen=True)
class SavedCardRecord:
    patient_id: str
    card: SavedCard
    created_at: str


class SavedCards:
    def __init__(self, db: Database, origin: Origin) -> None:
        self.db = db
        self.origin = origin

    async def add(self, patient_id: str, card: SavedCard, reference: str) -> None:
        def write() -> None:
            with self.db.transaction():
                self.db.execute(
                    "INSERT INTO saved_cards (patient_id, token, brand, last_four, exp_month,"
                    " exp_year, reference, os_user, workstation, created_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (patient_id, card.token, card.brand, card.last_four, card.exp_month,
                     card.exp_year, reference, self.origin.user, self.origin.workstation,
                     now_iso()))
        await self.db.run(write)

    async def for_patient(self, patient_id: str) -> list[SavedCardRecord]:
        rows = await self.db.run(lambda: self.db.execute(
            "SELECT * FROM saved_cards WHERE patient_id=? ORDER BY id DESC", (patient_id,)))
        return [SavedCardRecord(r["patient_id"], SavedCard(
            token=r["token"], brand=r["brand"], last_four=r["last_four"],
            exp_month=r["exp_month"], exp_year=r["exp_year"]), r["created_at"]) for r in rows]
