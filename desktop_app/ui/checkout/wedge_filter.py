"""Keyboard-wedge swipes captured before they reach any widget.

While armed (the checkout waits for a card) every printable key press is swallowed and fed
to ``drivers.parsers.wedge.WedgeAssembler``; a finished burst goes to a callback. So a swipe
never lands in a text field as digits, and track data never sits in a widget. Escape and Tab
pass through: staff can always cancel.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent

from drivers.parsers.wedge import WedgeAssembler, WedgeDecision

_PASS_THROUGH = {Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}


class WedgeKeyFilter(QObject):
    def __init__(self, on_decision: Callable[[WedgeDecision], None],
                 parent: QObject | None = None, idle_s: float = 0.5) -> None:
        super().__init__(parent)
        self._on_decision = on_decision
        self._assembler = WedgeAssembler(idle_s=idle_s)
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setInterval(int(idle_s * 1000))
        self._timer.timeout.connect(self._flush)

    @property
    def armed(self) -> bool:
        return self._armed

    def arm(self) -> None:
        self._assembler = WedgeAssembler(idle_s=self._assembler.idle_s)
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()
        self._assembler = WedgeAssembler(idle_s=self._assembler.idle_s)  # drop partial tracks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._armed or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if Qt.Key(event.key()) in _PASS_THROUGH:
            return False
        char = "\r" if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else event.text()
        if not char:
            return False
        decision = self._assembler.feed(char, time.monotonic())
        if decision is not None:
            self._on_decision(decision)
        return True

    def _flush(self) -> None:
        decision = self._assembler.flush(time.monotonic())
        if decision is not None:
            self._on_decision(decision)
