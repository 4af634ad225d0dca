"""The base of every page and checkout panel: re-labels itself when the language changes, and
gives Escape the one meaning the panel declares (clear the form, cancel, new payment...).

The modules the window needs before its first paint (this one, the checkout form, the main
window) do not import ``PySide6.QtCore.Qt``: building that namespace's Python enums costs about
40 ms, a fifth of a bare PySide6 start. The pages loaded after the paint use it freely."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class Panel(QWidget):
    def retranslate(self) -> None:
        """Set every visible text again (called on a live language switch)."""

    def escape(self) -> bool:
        """What Escape does here; True when it was handled (the default: not handled)."""
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel) and self.escape():  # Escape
            return
        super().keyPressEvent(event)
