"""``main.py plans``: a card saved with ``pay save-card`` carries a plan set up from the
command line against a running sandbox; ``list`` and ``show`` read it back."""

from __future__ import annotations

import io
import json
import sys

import pytest

from desktop_app.cli import main
from tests.sandbox.conftest import ThreadedSandbox


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        stdin: str = "") -> tuple[int, object]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip().startswith(("[", "{")) else out


def test_create_list_and_show_a_plan(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with ThreadedSandbox() as sandbox:
        url = sandbox.url
        code, saved = run(capsys, monkeypatch, "pay", "save-card", "--card", "keyed",
                          "--patient", "P-9", "--gateway", url, "--json",
                          stdin="4111111111111111 12/30\n")
        assert code == 0, saved
        code, created = run(capsys, monkeypatch, "plans", "--gateway", url, "--json",
                            "create", "--patient", "P-9", "--amount", "250.00",
                            "--payments", "4", "--frequency", "every_two_weeks",
                            "--start", "2027-02-01")
        assert code == 0, created
        [plan] = created  # type: ignore[misc]
        assert (plan["state"], plan["payment"], plan["last"], plan["card"]) == (
            "created", "62.50", "62.50", "VISA ****1111")
        assert [p.plan_id for p in sandbox.state.plans.plans.values()] == [plan["plan_id"]]
        code, listed = run(capsys, monkeypatch, "plans", "--gateway", url, "list")
        assert code == 0 and plan["plan_id"] in str(listed) and "4 x 62.50" in str(listed)
        code, shown = run(capsys, monkeypatch, "plans", "--gateway", url, "--json", "show",
                          plan["reference"])
        assert code == 0 and shown[0]["plan_id"] == plan["plan_id"]  # type: ignore[index]


def test_no_saved_card_is_one_clear_line(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with ThreadedSandbox() as sandbox:
        code, out = run(capsys, monkeypatch, "plans", "--gateway", sandbox.url, "--json",
                        "create", "--patient", "NOBODY", "--amount", "10.00", "--payments", "2")
    assert code == 3 and "No card saved on file" in out["message"]  # type: ignore[index]
