"""``main.py eligibility check --enhanced`` on the embedded sandbox: refused (nothing sent)
while unconfirmed operations are not allowed; once IT allows them, the JSON carries what the
patient owes today; and with the site's setting on, the plain command follows it."""

from __future__ import annotations

import json

import pytest

from desktop_app.paths import app_paths
from desktop_app.settings import Settings, save_settings
from tests.test_cli import run_cli

JANE = ("eligibility", "check", "--payer", "SBX01", "--member", "SBX100001", "--last", "Doe",
        "--first", "Jane", "--dob", "1980-01-01", "--json")


def test_enhanced_is_refused_until_it_allows_unconfirmed_operations(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(capsys, monkeypatch, *JANE, "--enhanced")
    answer = json.loads(out)
    assert code == 3 and "not confirmed" in answer["message"]
    assert "Nothing was sent" in answer["message"]


def test_enhanced_json_carries_what_the_patient_owes(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(app_paths().ensure(), Settings(unconfirmed_operations=True))
    code, out = run_cli(capsys, monkeypatch, *JANE, "--enhanced")
    answer = json.loads(out)
    assert code == 0 and answer["active"] is True
    assert (answer["patient_owes"], answer["copay"], answer["deductible_remaining"]) == (
        "25.00", "25.00", "500.00")


def test_the_plain_check_follows_the_settings(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(capsys, monkeypatch, *JANE)
    assert code == 0 and json.loads(out)["patient_owes"] is None  # the 270 path
    save_settings(app_paths().ensure(), Settings(unconfirmed_operations=True,
                                                 eligibility_enhanced=True))
    code, out = run_cli(capsys, monkeypatch, *JANE[:-1])
    assert code == 0 and "patient owes today: 25.00" in out
