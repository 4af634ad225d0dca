"""The base of every page and checkout panel: re-labels itself when the language changes, and
gives Escape the one meaning the panel declares (clear the form, cancel, new payment...)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
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
        if event.key() == Qt.Key.Key_Escape and self.escape():
            return
        super().keyPressEvent(event)
