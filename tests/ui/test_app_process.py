"""``main.py`` as staff start it: a real process, offscreen, on a throwaway home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOWN, READY = "frontdeskpay: window shown", "frontdeskpay: ready for payments"


def app_env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "FRONTDESK_PAY_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
            "FRONTDESK_PAY_STARTUP_PROBE": "1", **extra}


def test_the_app_starts_is_ready_and_closes_cleanly(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "main.py"], cwd=ROOT, text=True, capture_output=True,
                          env=app_env(tmp_path, FRONTDESK_PAY_QUIT_AFTER_SHOW="1"), timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.index(SHOWN) < lines.index(READY)  # the window before the services
    assert "Traceback" not in done.stderr
    assert (tmp_path / "data" / "journal.sqlite3").exists()


def test_a_second_launch_raises_the_first_and_exits(tmp_path: Path) -> None:
    first = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, text=True,
                             env=app_env(tmp_path), stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    try:
        assert first.stdout is not None
        for line in first.stdout:
            if READY in line:
                break
        second = subprocess.run([sys.executable, "main.py"], cwd=ROOT, text=True,
                                capture_output=True, env=app_env(tmp_path), timeout=60)
        assert second.returncode == 0
        assert "already open" in second.stdout and SHOWN not in second.stdout
        assert first.poll() is None  # the first keeps running
    finally:
        first.kill()
        first.wait()
