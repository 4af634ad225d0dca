"""Keyboard-wedge swipes captured before they reach any widget.

While armed (the checkout waits for a card on a ``wedge:`` reader) every printable key press
is swallowed and fed to ``drivers.wedge_reader.WedgeReader``, whose capture turns a finished
burst into a tender. So a swipe never lands in a text field as digits, and track data never
sits in a widget. Escape and Tab pass through: staff can always cancel. Typing while armed is
dropped on purpose: there is no field to type into while the checkout waits.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent

from drivers.parsers.wedge import WedgeDecision

_PASS_THROUGH = {Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}


class WedgeSink(Protocol):
    def feed(self, char: str, at: float) -> WedgeDecision | None: ...
    def flush(self, now: float) -> WedgeDecision | None: ...


class WedgeKeyFilter(QObject):
    def __init__(self, parent: QObject | None = None, idle_s: float = 0.3) -> None:
        super().__init__(parent)
        self._sink: WedgeSink | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(int(idle_s * 1000))
        self._timer.timeout.connect(self._flush)

    @property
    def armed(self) -> bool:
        return self._sink is not None

    def arm(self, sink: WedgeSink) -> None:
        self._sink = sink
        self._timer.start()

    def disarm(self) -> None:
        if self._sink is not None:
            self._sink.flush(time.monotonic() + 3600)  # a partial track is not kept around
        self._sink = None
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._sink is None or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if Qt.Key(event.key()) in _PASS_THROUGH:
            return False
        char = "\r" if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else event.text()
        if not char:
            return False
        self._sink.feed(char, time.monotonic())
        return True

    def _flush(self) -> None:
        if self._sink is not None:
            self._sink.flush(time.monotonic())
