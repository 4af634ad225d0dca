"""``main.py --self-test`` proves this installation: the Qt loop, the configured journal."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _self_test(home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FRONTDESK_PAY_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=150)


def test_self_test_checks_the_qt_loop_and_the_journal_it_will_use(tmp_path: Path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("OK   Qt event loop keeps reference counts") for line in lines)
    assert "OK   journal opens (SQLite)" in lines
    assert any(tmp_path.rglob("journal.sqlite3"))


def test_self_test_fails_in_one_line_when_the_configured_journal_is_down(tmp_path: Path
                                                                         ) -> None:
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps(
        {"journal_url": f"postgresql://frontdesk@127.0.0.1:{port}/frontdeskpay"}))
    result = _self_test(tmp_path)
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL journal opens"), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
