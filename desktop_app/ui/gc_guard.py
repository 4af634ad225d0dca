"""Python's cycle collector runs only on the GUI thread while the app is up.

Left automatic, it runs on whichever thread is allocating when a threshold is crossed: here a
device I/O thread or the journal's database thread. Freeing a Qt widget there unregisters its
timers from the wrong thread, and the GUI thread later fires a dangling one (a segfault in
``QTimerInfoList::activateTimers``, seen in this project's UI tests). The remedy is the
well-known ``GarbageCollector`` pattern of PyQt/PySide apps (OpenCue's cuegui has one):
automatic collection off, a timer collects on the GUI thread.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 10_000) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.collect()
        gc.enable()

    def collect(self) -> int:
        found = gc.collect()
        if found:
            log.debug("collected %d objects on the GUI thread", found)
        return found
