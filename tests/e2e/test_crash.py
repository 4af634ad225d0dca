"""Crash safety: a real child process running a sale is killed with SIGKILL at each step.

After restart and reconciliation the sandbox ledger and the journal agree: exactly one
charge or none, every time. No look-up by our reference exists (the real gateway has none):
what settles a charge whose reply died with the process is the gateway's webhook, posted by
the sandbox to a real ``main.py webhook-server`` writing the app's webhook store.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
CARD_LINE = "4111111111111111 12/30\n"


@pytest.fixture(scope="module")
def gateway_url() -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "main.py", "sandbox", "--host", "127.0.0.1",
                             "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening on" in line, line
    yield line.strip().rsplit(" ", 1)[-1]
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0


def main_py(home: Path, *args: str, crash_at: str = "", stdin: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "FRONTDESK_PAY_HOME": str(home)}
    if crash_at:
        env["FRONTDESK_PAY_CRASH_AT"] = crash_at
    proc = subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    return proc


def output_of(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.wait(timeout=60)
    return out


def ledger(url: str) -> list[dict[str, object]]:
    return httpx.get(url + "/sandbox/ledger").json()  # type: ignore[no-any-return]


@pytest.fixture
def receiver(gateway_url: str, tmp_path: Path) -> Iterator[str]:
    """``main.py webhook-server`` for this test's home; the sandbox posts its webhooks there."""
    proc = main_py(tmp_path / "home", "webhook-server", "--sandbox", "--host", "127.0.0.1",
                   "--port", "0")
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening on" in line, line
    url = line.strip().rsplit(" ", 1)[-1]
    httpx.post(gateway_url + "/sandbox/webhooks", json={"url": url}).raise_for_status()
    yield url
    httpx.post(gateway_url + "/sandbox/webhooks", json={"url": None}).raise_for_status()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=15)


def until_delivered(url: str, receiver: str, count: int) -> None:
    """The receiver answers 200 only once a message is durably stored."""
    deadline = time.monotonic() + 30
    while sum(1 for d in httpx.get(url + "/sandbox/webhooks/deliveries").json()
              if d["url"] == receiver and d["state"] == "delivered") < count:
        assert time.monotonic() < deadline, "the webhook never reached the receiver"
        time.sleep(0.05)


def charges_for(url: str, reference: str) -> int:
    """Ledger entries carrying our reference (additionalInfo1, the default slot)."""
    return sum(1 for e in ledger(url)
               if e.get("additional_info", {}).get("additionalInfo1") == reference)


def start_sale(home: Path, url: str, protocol: str,
               crash_at: str = "") -> subprocess.Popen[str]:
    return main_py(home, "pay", "sale", "--amount", "10.00", "--card", "keyed", "--gateway",
                   url, "--protocol", protocol, "--json", crash_at=crash_at, stdin=CARD_LINE)


def kill_once_charged(proc: subprocess.Popen[str], url: str, before: int) -> None:
    deadline = time.monotonic() + 30
    while len(ledger(url)) == before:
        assert time.monotonic() < deadline, "the gateway never charged"
        assert proc.poll() is None, "the child finished before it could be killed"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)


@pytest.mark.parametrize("protocol", ["nvp", "soap11", "soap12", "rest"])
@pytest.mark.parametrize("step", ["before_send", "gateway_charged_no_reply", "after_reply"])
def test_kill_at_each_step_ends_in_one_charge_or_none(gateway_url: str, receiver: str,
                                                      tmp_path: Path, step: str,
                                                      protocol: str) -> None:
    home = tmp_path / "home"
    before = len(ledger(gateway_url))
    if step == "gateway_charged_no_reply":
        httpx.post(gateway_url + "/sandbox/faults", json={
            "mode": "delay_after_charge", "delay": 30, "count": 1}).raise_for_status()
        child = start_sale(home, gateway_url, protocol)
        kill_once_charged(child, gateway_url, before)
    else:
        child = start_sale(home, gateway_url, protocol, crash_at=step)
    assert child.wait(timeout=60) == -signal.SIGKILL
    httpx.delete(gateway_url + "/sandbox/faults")
    if step != "before_send":
        until_delivered(gateway_url, receiver, 1)

    rec = main_py(home, "reconcile", "--gateway", gateway_url, "--json")
    out = output_of(rec)
    assert rec.returncode == 0, out
    report = json.loads(out)
    assert report["still_unknown"] == []
    (row,) = report["settled"]
    charged = charges_for(gateway_url, row["reference"])
    expected = 0 if step == "before_send" else 1
    assert charged == expected
    assert row["state"] == ("approved" if charged else "error")

    hist = main_py(home, "history", "--json")
    rows = json.loads(output_of(hist))
    assert [r["state"] for r in rows] == [row["state"]]


@pytest.mark.parametrize("protocol", ["nvp", "soap11", "soap12", "rest"])
def test_a_crash_after_the_charge_with_no_webhook_is_settled_by_the_eod_file(
        gateway_url: str, tmp_path: Path, protocol: str) -> None:
    """No receiver, so no webhook: the reply died with the process and the payment waits
    (exit 4) until the gateway's end-of-day posting file names it."""
    home = tmp_path / "home"
    before = len(ledger(gateway_url))
    httpx.post(gateway_url + "/sandbox/faults", json={
        "mode": "delay_after_charge", "delay": 30, "count": 1}).raise_for_status()
    child = start_sale(home, gateway_url, protocol)
    kill_once_charged(child, gateway_url, before)
    assert child.wait(timeout=60) == -signal.SIGKILL
    httpx.delete(gateway_url + "/sandbox/faults")

    waiting = main_py(home, "reconcile", "--gateway", gateway_url, "--json")
    (reference,) = json.loads(output_of(waiting))["still_unknown"]
    assert waiting.returncode == 4
    eod = tmp_path / "EOD_today.txt"
    eod.write_bytes(httpx.get(gateway_url + "/sandbox/eod").content)
    rec = main_py(home, "reconcile", "--gateway", gateway_url, "--eod-file", str(eod), "--json")
    report = json.loads(output_of(rec))
    assert rec.returncode == 0 and report["still_unknown"] == []
    (row,) = report["settled"]
    assert (row["reference"], row["state"]) == (reference, "approved")
    assert charges_for(gateway_url, reference) == 1
