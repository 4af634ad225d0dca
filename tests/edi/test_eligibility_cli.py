"""``main.py eligibility check`` on the embedded sandbox: the figures, the exit codes, the 270
and 271 in the journal's database, and no member ID or name in the log."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from desktop_app.edi.validation import walk
from desktop_app.store import Journal
from desktop_app.store.eligibility import EligibilityRow
from tests.test_cli import run_cli

PHI = ("SBX100001", "SBX100003", "SBX199999", "DOE", "Doe", "JANE", "Jane", "POE", "Pat",
       "19800101", "1980-01-01")


def _check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, member: str,
           last: str, first: str, dob: str, *extra: str) -> tuple[int, dict[str, object]]:
    code, out = run_cli(capsys, monkeypatch, "eligibility", "check", "--payer", "SBX01",
                        "--member", member, "--last", last, "--first", first, "--dob", dob,
                        "--json", *extra)
    return code, json.loads(out)


def test_jane_doe_prints_the_figures_and_exits_0(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _check(capsys, monkeypatch, "SBX100001", "Doe", "Jane", "1980-01-01")
    assert code == 0
    assert {k: out[k] for k in ("active", "plan", "copay", "deductible_remaining",
                                "coinsurance_percent", "out_of_pocket_remaining")} == {
        "active": True, "plan": "SANDBOX PPO GOLD", "copay": "25.00",
        "deductible_remaining": "500.00", "coinsurance_percent": "20",
        "out_of_pocket_remaining": "2000.00"}
    assert out["message"] == "Coverage is active."


@pytest.mark.parametrize(("member", "code", "coverage"), [
    ("SBX100003", 2, "inactive"), ("SBX199999", 2, "not found"), ("SBX1", 2, "rejected"),
    ("SBX100005", 3, "payer unavailable")])
def test_exit_codes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                    member: str, code: int, coverage: str) -> None:
    got, out = _check(capsys, monkeypatch, member, "Poe", "Pat", "1990-02-20", "--protocol",
                      "soap12")
    assert (got, out["coverage"], out["active"]) == (code, coverage, False)
    assert out["message"]


def test_a_bad_date_is_an_error_exit_3(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(capsys, monkeypatch, "eligibility", "check", "--payer", "SBX01",
                        "--member", "SBX100001", "--last", "Doe", "--first", "Jane", "--dob",
                        "01/01/1980", "--json")
    assert code == 3 and "YYYY-MM-DD" in json.loads(out)["message"]


def test_the_270_and_271_are_journaled_and_the_log_has_no_phi(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        app_home: Path) -> None:
    code, out = _check(capsys, monkeypatch, "SBX100001", "Doe", "Jane", "1980-01-01")
    _check(capsys, monkeypatch, "SBX100003", "Poe", "Pat", "1990-02-20")
    assert code == 0

    async def stored() -> EligibilityRow | None:
        journal = await Journal(app_home / "data" / "journal.sqlite3").open()
        try:
            return await journal.eligibility.get(str(out["reference"]))
        finally:
            await journal.close()

    row = asyncio.run(stored())
    assert row is not None and row.coverage == "active" and row.copay_cents == 2500
    assert walk(row.request_x12).valid and walk(row.answer_x12).valid
    assert "SBX100001" in row.request_x12  # kept in the database, as the issue asks
    log = (app_home / "logs" / "frontdeskpay.log").read_text(encoding="utf-8")
    assert str(out["reference"]) in log  # the log does speak of the check
    assert [word for word in PHI if word in log] == []
