"""Named instants where the crash tests kill this process with SIGKILL.

``FRONTDESK_PAY_CRASH_AT=<name>`` makes ``crash_point(name)`` kill the process on the spot,
with no cleanup, exactly as a power cut or a task-manager kill would. Unset (always, outside
the crash tests) it costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal

ENV = "FRONTDESK_PAY_CRASH_AT"
POINTS = ("before_send", "after_reply")


def crash_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
