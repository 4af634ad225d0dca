"""The app's asyncio loop over Qt, and a check that waking it does not corrupt memory.

Why this module exists: PySide6 6.12.0 (shiboken6 6.12.0) returns borrowed references from
some bound calls without taking a reference of its own. Measured here, 100 calls each, in a
bare ``QCoreApplication`` on CPython 3.11.7:

- ``Signal.emit(...)`` drops one reference to ``True`` (its bool result) per call;
- ``QObject.killTimer(id)`` and ``QCoreApplication.processEvents()`` drop one to ``None``
  (their void result) per call.

qasync wakes its loop from other threads with a signal emit (``call_soon_threadsafe``, and so
every ``run_in_executor`` round trip) and runs each ``call_soon`` callback on a Qt timer that
it kills afterwards. Every device read, journal write and ``await asyncio.sleep(0)`` therefore
took a reference from ``True`` or ``None``; after about 4.5 minutes of an idle desk the count
reached zero and CPython aborted (``Fatal Python error: bool_dealloc``). PySide6 6.11.3 with
the same qasync 0.28.0 shows no drift, so the project pins 6.11.3 (pyproject.toml) rather than
relying on CPython 3.12's immortal ``True``/``None`` (PEP 683), which would hide the symptom
but leave a binding that miscounts references. ``refcount_drift`` measures it through the
app's own loop, for the tests and for ``--self-test``.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from qasync import QEventLoop


def new_event_loop(app: QCoreApplication) -> QEventLoop:
    """The loop the app runs on (one place, so the tests and the self-test use the same)."""
    return QEventLoop(app)


@dataclass(frozen=True)
class Drift:
    """Reference-count changes of ``True``, ``None`` and a private object over the probe.

    A correct binding leaves them within a few references (frames and handles still alive);
    the 6.12.0 leak moves ``True``/``None`` down by about one per call."""

    true: int
    none: int
    sentinel: int
    calls: int

    @property
    def leaks(self) -> bool:
        bound = max(64, self.calls // 100)
        return min(self.true, self.none) < -bound or abs(self.sentinel) > 8

    def __str__(self) -> str:
        return (f"True {self.true:+d}, None {self.none:+d}, sentinel {self.sentinel:+d} "
                f"over {self.calls} loop wake-ups")


def _counts(sentinel: object) -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(True), sys.getrefcount(None), sys.getrefcount(sentinel)


async def _thread_wakeups(loop: asyncio.AbstractEventLoop, calls: int) -> None:
    done = asyncio.Event()
    seen = 0

    def arrived() -> None:
        nonlocal seen
        seen += 1
        if seen == calls:
            done.set()

    def wake() -> None:
        for _ in range(calls):
            loop.call_soon_threadsafe(arrived)

    thread = threading.Thread(target=wake, name="refcount-probe")
    thread.start()
    await done.wait()
    thread.join()


async def refcount_drift(calls: int = 2_000) -> Drift:
    """Run ``calls`` thread wake-ups, executor round trips and bare yields through the
    running loop and report how the reference counts moved."""
    loop = asyncio.get_running_loop()
    sentinel = object()
    await _thread_wakeups(loop, 16)  # warm up: first-use caches are not drift
    before = _counts(sentinel)
    await _thread_wakeups(loop, calls)
    for _ in range(calls):
        assert await loop.run_in_executor(None, lambda: sentinel) is sentinel
        await asyncio.sleep(0)
    after = _counts(sentinel)
    return Drift(after[0] - before[0], after[1] - before[1], after[2] - before[2], 3 * calls)


def probe_in_new_loop(calls: int = 2_000) -> Drift:
    """For ``--self-test``: a QApplication offscreen-capable instance and the app's loop."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = new_event_loop(app)
    try:
        return loop.run_until_complete(refcount_drift(calls))
    finally:
        loop.close()
