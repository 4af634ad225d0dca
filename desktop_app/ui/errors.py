"""One place that turns an exception into words for the desk (and the detail into the log)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain import FrontDeskError
from desktop_app.services.payments import PossibleDoubleCharge, TerminalBusy, TerminalIdInUse
from desktop_app.ui.core_messages import POSSIBLE_REPEAT, TERMINAL_BUSY, translated

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    """FrontDeskError messages are written for staff; anything else is our bug."""
    if isinstance(exc, TerminalIdInUse):  # a set-up mistake: the PC's name says which
        return str(exc)
    if isinstance(exc, PossibleDoubleCharge):
        first = exc.unknown
        return translated(str(POSSIBLE_REPEAT)).format(first.amount or "", first.created_at[11:16])
    if isinstance(exc, TerminalBusy):
        return translated(str(TERMINAL_BUSY))
    if isinstance(exc, FrontDeskError):
        return translated(str(exc))
    # No "nothing was charged" here: a payment's own screen says what became of its money.
    return QCoreApplication.translate(
        "Errors", "Something went wrong inside Front Desk Pay. The details are in the log "
        "for IT.")


def file_problem(exc: OSError) -> str:
    """A receipt or export that could not be written, in words the desk can act on."""
    return QCoreApplication.translate(
        "Errors", "Could not write {0} ({1}). If it is open in another program, close it "
        "and try again.").format(exc.filename or "", exc.strerror or type(exc).__name__)


class ErrorPresenter(QObject):
    """Shows errors without a nested event loop: ``QMessageBox.open()``, never ``exec()``."""

    shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = parent
        self.last_message = ""
        self.sink: Callable[[str], None] | None = None  # tests and the checkout may redirect

    def present(self, exc: BaseException, context: str = "",
                inline: Callable[[str], None] | None = None) -> str:
        """Log, then show: in ``inline`` (a page's own message area) or in a message box."""
        text = message_for(exc)
        if isinstance(exc, FrontDeskError):
            log.info("shown to staff (%s): %s", context or "error", text)
        else:
            log.error("unexpected error (%s)", context or "error", exc_info=exc)
        self.last_message = text
        self.shown.emit(text)
        if inline is not None:
            inline(text)
        elif self.sink is not None:
            self.sink(text)
        else:
            self._box(text)
        return text

    def present_text(self, text: str) -> None:
        """A result that is not an exception (a declined refund) shown the same way."""
        self.last_message = text
        self.shown.emit(text)
        if self.sink is not None:
            self.sink(text)
        else:
            self._box(text)

    def _box(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Front Desk Pay"), text,
                          QMessageBox.StandardButton.Ok, self._window)
        box.setAccessibleName("error message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
