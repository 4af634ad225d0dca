"""The keyed card number field: digits kept apart from what the screen shows.

The screen shows the number grouped in fours with everything after the first six masked
(``4111 11•• •••• ••••``), the most PCI DSS 3.4.1 lets a screen show, so a patient standing
by or a screen share never sees the number. Staff who need to read it back ask for it
(``reveal``) and it hides again at the next keystroke. Only digits are taken; editing is
at the end (type, Backspace, paste), as a terminal's keypad does. ``text()`` is what the
screen shows; ``digits()`` is the number, read once by the form and then wiped.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "•"
SHOWN = 6  # first six (the BIN) and, once typed, nothing else until the number is complete
MAX_DIGITS = 19
# Qt.Key values, without building the Qt namespace before the first paint (ui/panel.py)
_BACKSPACE, _DELETE = 0x01000003, 0x01000007


def masked_grouped(digits: str, reveal: bool = False) -> str:
    """``411111111111`` → ``4111 11•• ••••``: groups of four, masked after the first six."""
    shown = "".join(d if reveal or i < SHOWN else MASK for i, d in enumerate(digits))
    return " ".join(shown[i:i + 4] for i in range(0, len(shown), 4))


class CardNumberEdit(QLineEdit):
    digits_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = ""
        self.revealed = False
        self.setMaxLength(MAX_DIGITS + MAX_DIGITS // 4)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)

    def digits(self) -> str:
        return self._digits

    def set_digits(self, digits: str) -> None:
        self._digits = "".join(ch for ch in digits if ch.isdigit())[:MAX_DIGITS]
        self._show()
        self.digits_changed.emit()

    def clear(self) -> None:
        self._digits = ""
        self.revealed = False
        super().clear()
        self.digits_changed.emit()

    def reveal(self, on: bool = True) -> None:
        self.revealed = on
        self._show()

    def _show(self) -> None:
        super().setText(masked_grouped(self._digits, self.revealed))
        self.end(False)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()  # no Copy / Paste menu: the number never goes to the clipboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.matches(QKeySequence.StandardKey.Paste):
            clip = QGuiApplication.clipboard().text()
            self.revealed = False
            self.set_digits(self._digits + clip)
            return
        if text and text.isdigit():
            self.revealed = False
            self.set_digits(self._digits + text)
            return
        if event.key() == _BACKSPACE:
            self.revealed = False
            self.set_digits(self._digits[:-1])
            return
        if event.key() == _DELETE:
            return  # editing is at the end only: the screen never differs from the number
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
                QKeySequence.StandardKey.Cut):
            return  # the number never goes to the clipboard
        if text and text.isprintable():
            return  # letters, spaces and punctuation are not part of a card number
        super().keyPressEvent(event)  # Tab, Enter, arrows, Escape
