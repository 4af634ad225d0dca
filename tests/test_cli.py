"""The headless CLI as IT and support use it: in-process, on the embedded sandbox."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli import main
from tests.conftest import ROOT


def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            *argv: str, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_version_and_help_work_from_a_fresh_process() -> None:
    out = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, text=True,
                         capture_output=True, check=True).stdout
    assert __version__ in out
    helptext = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout
    for command in ("pay", "history", "sandbox", "reconcile"):
        assert command in helptext


def test_keyed_sale_reads_the_card_from_stdin_and_prints_json(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        app_home: Path) -> None:
    code, out = run_cli(capsys, monkeypatch, "pay", "sale", "--amount", "12.34", "--card",
                        "keyed", "--json", stdin="4111111111111111 12/30 123\n")
    result = json.loads(out)
    assert code == 0
    assert result["status"] == "approved" and result["amount_approved"] == "12.34"
    assert result["card"] == "VISA ****1111" and result["transaction_id"]
    code, out = run_cli(capsys, monkeypatch, "history", "--json")
    rows = json.loads(out)
    assert [(r["kind"], r["state"], r["approved"]) for r in rows] == [
        ("sale", "approved", "12.34")]
    assert (app_home / "data" / "journal.sqlite3").exists()
    assert (app_home / "logs" / "frontdeskpay.log").exists()


@pytest.mark.parametrize("protocol", ["nvp", "soap11", "soap12", "rest"])
def test_decline_exit_code_and_message(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch, protocol: str) -> None:
    code, out = run_cli(capsys, monkeypatch, "pay", "sale", "--amount", "5.00", "--card",
                        "keyed", "--protocol", protocol, "--json",
                        stdin="4000000000000002 12/30\n")
    assert code == 2
    assert json.loads(out)["status"] == "declined"


def test_bad_input_is_a_clear_error_not_a_traceback(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(capsys, monkeypatch, "pay", "sale", "--amount", "12.345", "--card",
                        "keyed", "--json", stdin="4111111111111111 12/30\n")
    assert code == 3
    assert "two decimal places" in json.loads(out)["message"]
    code, out = run_cli(capsys, monkeypatch, "pay", "sale", "--amount", "1.00", "--card",
                        "keyed", "--json", stdin="4111111111111112 12/30\n")
    assert code == 3 and "check digit" in json.loads(out)["message"]


def test_echeck_reads_the_account_from_stdin(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             app_home: Path) -> None:
    args = ("pay", "echeck", "--amount", "40.00", "--check", "present", "--json")
    code, out = run_cli(capsys, monkeypatch, *args, stdin="021000021 123456789 1001\n")
    assert code != 0 and "not confirmed" in json.loads(out)["message"]  # off by default
    from desktop_app.paths import app_paths
    from desktop_app.settings import Settings, save_settings

    save_settings(app_paths().ensure(), Settings(unconfirmed_operations=True))
    code, out = run_cli(capsys, monkeypatch, *args, stdin="021000021 123456789 1001\n")
    assert code == 0, out
    assert json.loads(out)["status"] == "approved"


def test_sale_with_a_simulated_chip_reader(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(capsys, monkeypatch, "pay", "sale", "--amount", "20.00", "--card",
                        "sim:approved_chip", "--json")
    assert code == 0, out
    assert json.loads(out)["card"] == "VISA ****1111"
    code, out = run_cli(capsys, monkeypatch, "history", "--json")
    (row,) = json.loads(out)
    assert row["entry_mode"] == "Chip" and row["emv_tags"]["4F"] == "A0000000031010"


def test_a_pulled_reader_charges_nothing_and_says_so(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_cli(capsys, monkeypatch, "pay", "sale", "--amount", "20.00", "--card",
                        "sim:device_unplugged", "--json")
    assert code == 3
    assert "disconnected" in json.loads(out)["message"].lower()
    code, out = run_cli(capsys, monkeypatch, "history", "--json")
    assert json.loads(out) == []


def test_settings_round_trip_device_addresses(app_home: Path) -> None:
    from desktop_app.paths import app_paths
    from desktop_app.settings import Settings, load_settings, save_settings

    paths = app_paths()
    save_settings(paths, Settings(device_addresses=("serial:COM3", "sim:swipe")))
    assert load_settings(paths).device_addresses == ("serial:COM3", "sim:swipe")


def test_webhook_receiver_options_come_from_settings_unless_flagged(app_home: Path) -> None:
    from desktop_app.cli import build_parser
    from desktop_app.cli.webhook_server_cmd import options
    from desktop_app.paths import app_paths
    from desktop_app.settings import (
        Settings,
        WebhookReceiverSettings,
        load_settings,
        save_settings,
    )

    paths = app_paths()
    save_settings(paths, Settings(webhook_receiver=WebhookReceiverSettings(
        port=9443, allow=("203.0.113.0/24",), basic_user="gateway")))
    saved = load_settings(paths).webhook_receiver
    assert saved.allow == ("203.0.113.0/24",)
    args = build_parser(("webhook_server",)).parse_args(["webhook-server", "--port", "7000"])
    merged = options(args, saved)
    assert (merged.port, merged.allow, merged.basic_user, merged.host) == (
        7000, ("203.0.113.0/24",), "gateway", "127.0.0.1")


def test_history_text_says_what_each_row_stands_for_now(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's sale is voided: ``history`` says voided (not approved), and the void names
    the sale it reverses, with a negative amount."""
    code, _out = run_cli(capsys, monkeypatch, "app", "--demo")
    assert code == 0
    code, out = run_cli(capsys, monkeypatch, "history")
    assert code == 0
    void, sale = out.splitlines()
    assert " voided " in sale and " approved " not in sale
    assert "-25.00" in void.replace("$", "") and "reverses " in void
    # (the sale's last column may be a webhook update the embedded sandbox sent meanwhile)
    assert void.rsplit("reverses ", 1)[1] in sale.split()[-2:]


def read_terminal(master: int, until: bytes = b"") -> bytes:
    """What a child wrote to the terminal whose other end is ``master``: up to ``until``,
    or everything once the child has closed it (Linux reports that as EIO)."""
    import os

    seen = b""
    while not until or until not in seen:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_ctrl_c_during_pay_is_one_line_and_exit_4(tmp_path: Path) -> None:
    """Ctrl+C while the simulated pad waits for a card. The signal goes when ``pay`` says,
    at its terminal, that it waits for the card: a fixed sleep hit the imports on a loaded
    machine (exit 130, "Interrupted." with nothing started)."""
    import os
    import pty
    import signal

    env = {**os.environ, "FRONTDESK_PAY_HOME": str(tmp_path)}
    master, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "main.py", "pay", "sale", "--amount", "5.00",
                             "--card", "sim:timeout"], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    try:
        waiting = read_terminal(master, until=b"Ctrl+C stops")
        assert b"Waiting for the card" in waiting, waiting
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
        err = (waiting + read_terminal(master)).decode().split("Ctrl+C stops)...", 1)[1]
    finally:
        proc.kill()  # a no-op once it has exited
        proc.wait()
        os.close(master)
    assert proc.returncode == 4, out + err
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1 and "Do not charge again" in err, err


def test_reconcile_and_history_say_a_broken_address_or_folder_in_one_line(
        tmp_path: Path) -> None:
    """A gateway address with a port no socket takes, and a journal folder that cannot be
    reached (a mapped drive gone): one line and exit 3, never a traceback."""
    import json as json_
    import os

    env = {**os.environ, "FRONTDESK_PAY_HOME": str(tmp_path)}
    (tmp_path / "config").mkdir()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the journal's folder should be")
    (tmp_path / "config" / "settings.json").write_text(json_.dumps(
        {"journal_url": str(blocker / "sub" / "journal.sqlite3")}))
    for argv in (["history"], ["reconcile", "--gateway", "http://127.0.0.1:99999"]):
        result = subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 3, (argv, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr, argv
        assert len((result.stdout + result.stderr).strip().splitlines()) == 1, argv
