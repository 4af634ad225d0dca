"""The app's loop over Qt must not corrupt reference counts while it is woken from threads.

PySide6 6.12.0 dropped one reference to ``True`` per ``Signal.emit`` and one to ``None`` per
``killTimer``/``processEvents``: qasync's thread wake-ups and timers made an idle desk abort
after about 4.5 minutes (``bool_dealloc``). Run in a child process, so a binding that still
leaks fails this test instead of aborting the whole suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.ui.event_loop import Drift

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from desktop_app.ui.event_loop import probe_in_new_loop
d = probe_in_new_loop(20_000)
print(d.true, d.none, d.sentinel, d.calls)
"""


def test_twenty_thousand_wakeups_and_round_trips_leave_refcounts_alone() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=150)
    assert result.returncode == 0, result.stderr[-2000:]
    true, none, sentinel, calls = map(int, result.stdout.split())
    drift = Drift(true, none, sentinel, calls)
    assert calls == 60_000
    assert not drift.leaks, str(drift)
    # A leaking binding moves these by tens of thousands; a few references may still be held
    # by events in flight when the probe reads them (seen: sentinel +4 on a loaded machine).
    assert abs(true) < 64 and abs(none) < 600 and abs(sentinel) < 64, str(drift)


def test_the_leak_of_pyside6_6_12_0_would_be_seen() -> None:
    """What 6.12.0 did to 20,000 thread wake-ups: True down by one per emit."""
    assert Drift(true=-20_000, none=-40_000, sentinel=0, calls=60_000).leaks
    assert Drift(true=0, none=0, sentinel=40_000, calls=60_000).leaks
    assert not Drift(true=9, none=41, sentinel=0, calls=60_000).leaks
