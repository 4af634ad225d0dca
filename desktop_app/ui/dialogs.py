"""Questions to staff that an ``await`` can wait for without a nested event loop.

``QDialog.exec()`` and the static ``QMessageBox`` helpers spin a second event loop inside a
coroutine, which breaks other asyncio tasks under qasync (qasync issues #59, #82, #174).
Here a dialog is opened with ``open()`` and its ``finished`` signal resolves a Future.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QPushButton, QWidget

from desktop_app.domain import Money


async def finished(dialog: QDialog) -> int:
    """Open ``dialog`` window-modally and wait for its result code."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(code: int) -> None:
        if not future.done():
            future.set_result(code)

    dialog.finished.connect(done)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(done)
        dialog.deleteLater()


def _question(parent: QWidget, title: str, text: str, name: str,
              choices: tuple[tuple[str, QMessageBox.ButtonRole, str], ...]
              ) -> tuple[QMessageBox, list[QPushButton], QPushButton]:
    """A window-modal question whose default and Escape answer is Cancel: money moves, or is
    recorded, on a deliberate choice, never on a stray Enter."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setAccessibleName(name)
    buttons = []
    for label, role, accessible in choices:
        button = box.addButton(label, role)
        button.setAccessibleName(accessible)
        buttons.append(button)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box, buttons, cancel


async def confirm(parent: QWidget, title: str, text: str, *, accept_label: str) -> bool:
    box, (yes,), no = _question(parent, title, text, "confirm dialog", (
        (accept_label, QMessageBox.ButtonRole.AcceptRole, "confirm yes"),))
    no.setAccessibleName("confirm no")
    await finished(box)
    return box.clickedButton() is yes


async def ask_amount(parent: QWidget, title: str, label: str, default: Money) -> Money | None:
    """A Money from the user, or None when cancelled. Text in, Decimal out: never a float."""
    dialog = QInputDialog(parent)
    dialog.setAccessibleName("amount dialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(str(default.amount))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if await finished(dialog) != QDialog.DialogCode.Accepted:
        return None
    return Money.parse(dialog.textValue())  # a ValidationError goes to the operation's presenter
