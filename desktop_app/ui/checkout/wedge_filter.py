"""Keyboard-wedge swipes captured before they reach any widget.

While armed (the checkout waits for a card on a ``wedge:`` reader, or for a check on a
``wedge:micr`` Mini MICR) every printable key press is swallowed and fed to
``drivers.wedge_reader.WedgeReader`` (or ``drivers.micr.wedge.MicrWedgeReader``), whose
capture turns a finished burst into a tender. So a swipe never lands in a text field as
digits, and track data never sits in a widget. Escape and Tab pass through: staff can always
cancel. Typing while armed is dropped on purpose: there is no field to type into while the
checkout waits.

Disarmed, it still guards (``guard=True`` while a ``wedge:`` reader is bound): a key press of
a track's start sentinel (``%`` track 1, ``;`` track 2, which nobody types into a patient or
amount field) starts swallowing until the burst ends (Enter or a pause), and ``stray_swipe``
fires. A card swiped at the wrong moment so never types its number into a field, nor its
Enter submits the form.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

_PASS_THROUGH = {Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
_SENTINELS = ("%", ";")


class WedgeSink(Protocol):
    """A card wedge (``WedgeReader``) or a Mini MICR typing its line (``MicrWedgeReader``)."""

    def feed(self, char: str, at: float) -> object: ...
    def flush(self, now: float) -> object: ...


class WedgeKeyFilter(QObject):
    stray_swipe = Signal()  # a swipe arrived while no capture waited: it was thrown away

    def __init__(self, parent: QObject | None = None, idle_s: float = 0.3) -> None:
        super().__init__(parent)
        self._sink: WedgeSink | None = None
        self.guard = False
        self._idle_s = idle_s
        self._discarding_until = 0.0  # a stray burst is being swallowed until then
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
        if event.type() != QEvent.Type.KeyPress or (self._sink is None and not self.guard):
            return False
        assert isinstance(event, QKeyEvent)
        if Qt.Key(event.key()) in _PASS_THROUGH:
            return False
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        char = "\r" if enter else event.text()
        if not char:
            return False
        now = time.monotonic()
        if self._sink is not None:
            self._sink.feed(char, now)
            return True
        return self._discard_stray(char, enter, now)

    def _discard_stray(self, char: str, enter: bool, now: float) -> bool:
        if now < self._discarding_until:
            self._discarding_until = 0.0 if enter else now + self._idle_s
            return True
        if char in _SENTINELS:
            self._discarding_until = now + self._idle_s
            self.stray_swipe.emit()
            return True
        return False

    def _flush(self) -> None:
        if self._sink is not None:
            self._sink.flush(time.monotonic())

