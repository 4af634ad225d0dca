"""``main.py sandbox`` as a real child process: one line with the URL, clean SIGTERM exit."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.sandbox.conftest import AUTH, NVP, sale

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_sandbox_command_serves_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    proc = subprocess.Popen([sys.executable, "main.py", "sandbox", "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.fullmatch(r"Sandbox gateway listening on (http://127\.0\.0\.1:(\d+))\n", line)
        assert match, line
        url, port = match.group(1), int(match.group(2))
        assert port != 0
        reply = httpx.post(url + NVP, data=sale(), auth=AUTH, timeout=10)
        assert "responseCode=000" in reply.text
        proc.send_signal(stop_signal)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out == ""  # exactly one line was printed
    assert "Traceback" not in err


def test_sandbox_help_lists_options() -> None:
    result = subprocess.run([sys.executable, "main.py", "sandbox", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for option in ("--host", "--port", "--webhook-url", "--webhook-format"):
        assert option in result.stdout
