"""One way to run a service call from the UI: progress with a Cancel, one error presenter.

The Anki ``CollectionOp`` idea for asyncio: call sites are one line, and progress, cancel and
error display live here. Cancel cancels the task; the payment service itself decides what a
cancelled request means for the journal (a sent request becomes ``unknown``, never declined).
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

from desktop_app.ui.errors import ErrorPresenter

T = TypeVar("T")
log = logging.getLogger(__name__)


class Progress(Protocol):
    """Where an operation says what is happening: a dialog, or a panel inside a page."""

    def begin(self, label: str, cancel: Callable[[], None]) -> None: ...
    def set_status(self, label: str) -> None: ...
    def end(self) -> None: ...


class OpState(enum.Enum):
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


class DialogProgress:
    """A window-modal progress dialog (busy indicator) whose Cancel cancels the task."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._dialog: QProgressDialog | None = None

    def begin(self, label: str, cancel: Callable[[], None]) -> None:
        dialog = QProgressDialog(label, QCoreApplication.translate("Operation", "Cancel"), 0, 0,
                                 self._parent)
        dialog.setAccessibleName("progress dialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick calls finish before it ever flashes
        dialog.canceled.connect(cancel)
        dialog.setValue(0)  # starts the minimum-duration clock: without it, it never shows
        self._dialog = dialog

    def set_status(self, label: str) -> None:
        if self._dialog is not None:
            self._dialog.setLabelText(label)

    def set_count(self, done: int, total: int) -> None:
        """A bar that fills, for work that can count (segments of a long file). The bar
        itself is set: the dialog's own ``setValue`` spins the event loop when modal, a
        nested loop under qasync."""
        bar = self._dialog.findChild(QProgressBar) if self._dialog is not None else None
        if bar is not None and total > 0:
            bar.setRange(0, total)
            bar.setValue(min(done, total))

    def end(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect()
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None


class Operation(Generic[T]):
    """``value = await Operation(label, presenter=p, progress=pr).run(coro)``.

    Returns the coroutine's value, or None when it was cancelled or failed (the failure has
    then been shown by the presenter); ``state`` tells which.
    """

    def __init__(self, label: str, *, presenter: ErrorPresenter, progress: Progress | None = None,
                 on_success: Callable[[T], None] | None = None,
                 inline: Callable[[str], None] | None = None,
                 stop_device: Callable[[], bool] | None = None) -> None:
        self.label = label
        self.stop_device = stop_device  # a device wait ends itself cleanly (pad back to idle)
        self.presenter = presenter
        self.progress = progress
        self.on_success = on_success
        self.inline = inline
        self.state = OpState.RUNNING
        self.error: BaseException | None = None
        self._task: asyncio.Task[T] | None = None

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            log.info("operation cancelled by staff: %s", self.label)
            if self.stop_device is not None and self.stop_device():
                return
            self._task.cancel()

    def update(self, label: str) -> None:
        if self.progress is not None:
            self.progress.set_status(label)

    async def run(self, work: Awaitable[T]) -> T | None:
        self._task = asyncio.ensure_future(work)
        if self.progress is not None:
            self.progress.begin(self.label, self.cancel)
        try:
            value = await self._task
        except asyncio.CancelledError:
            if self._task.cancelled():
                self.state = OpState.CANCELLED
                return None
            raise  # we ourselves are being cancelled (window closing): pass it on
        except Exception as exc:
            self.state, self.error = OpState.FAILED, exc
            self.presenter.present(exc, self.label, self.inline)
            return None
        finally:
            if self.progress is not None:
                self.progress.end()
        self.state = OpState.DONE
        if self.on_success is not None:
            self.on_success(value)
        return value
