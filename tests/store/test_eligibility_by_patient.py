"""Issue 16 from History: a coverage check is found again by the clinic's patient ID. The
column arrives on a journal an older build wrote (its checks keep no patient), on both
backends, and a second migrate changes nothing."""

from __future__ import annotations

from desktop_app.store import Journal
from desktop_app.store.db import open_database
from desktop_app.store.eligibility import EligibilityRow
from desktop_app.store.migrations import MIGRATIONS


def _check(reference: str, patient: str = "", coverage: str = "active") -> EligibilityRow:
    return EligibilityRow(reference, "SBX01", "30", coverage, 2500, f"270 of {reference}",
                          "", "", "", patient)


async def test_an_older_journals_checks_upgrade_with_no_patient(journal_target: str) -> None:
    old = open_database(journal_target, migrations=MIGRATIONS[:-1])
    await old.open()
    await old.run(lambda: old.change(  # as the previous build wrote a check: no patient_id
        "INSERT INTO eligibility_checks (reference, payer_id, service_type, coverage,"
        " request_x12, os_user, workstation, created_at) VALUES (?,?,?,?,?,?,?,?)",
        ("OLD1", "SBX01", "30", "active", "270 of OLD1", "ana", "FRONT-1",
         "2026-12-01T09:00:00+00:00")))
    await old.close()
    journal = await Journal(journal_target).open()
    try:
        assert await journal.db.run(journal.db.migrate) == len(MIGRATIONS)
        assert await journal.db.run(journal.db.migrate) == len(MIGRATIONS)
        row = await journal.eligibility.get("OLD1")
        assert row is not None and row.patient_id == "" and row.request_x12 == "270 of OLD1"
        assert await journal.eligibility.latest_for("") is None  # '' is no patient at all
    finally:
        await journal.close()


async def test_the_newest_check_of_a_patient_is_found_by_its_id(journal_target: str) -> None:
    journal = await Journal(journal_target).open()
    try:
        for row in (_check("E1", "MRN-1", "inactive"), _check("E2", "MRN-2"),
                    _check("E3", "MRN-1"), _check("E4")):
            await journal.eligibility.record(row)
        newest = await journal.eligibility.latest_for("MRN-1")
        assert newest is not None and (newest.reference, newest.coverage) == ("E3", "active")
        assert await journal.eligibility.latest_for("MRN-9") is None
        assert "270 of" not in repr(newest)  # the X12 holds PHI: never in a repr
    finally:
        await journal.close()


async def test_the_column_migration_run_again_changes_nothing(journal_target: str) -> None:
    """A lost version row (or another build's journal that has the column) reruns the step:
    the column is there, so it is skipped, on SQLite too (which has no ADD COLUMN IF NOT
    EXISTS), and the checks already kept stay as they were."""
    journal = await Journal(journal_target).open()
    try:
        await journal.eligibility.record(_check("E1", "MRN-1"))
        await journal.db.run(lambda: journal.db.change(
            "DELETE FROM schema_version WHERE version=?", (len(MIGRATIONS),)))
        assert await journal.db.run(journal.db.migrate) == len(MIGRATIONS)
        row = await journal.eligibility.latest_for("MRN-1")
        assert row is not None and row.reference == "E1"
    finally:
        await journal.close()
