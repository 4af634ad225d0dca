"""History's "Reconcile 835…": the day's posting file against the journal, at the desk.

Staff pick a local 835 (``main.py posting download`` fetches the day's), the file is read
and validated off the GUI thread with a bar and a Cancel (``services/eod_read.py``), then
matched to the journal the way ``main.py eod reconcile`` does (``services/eod.py``: the same
lists, and the same audited settling of unknown payments the file shows charged). A file
that fails validation is refused whole, with its segment and position, and changes nothing;
so does a cancelled read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from qasync import asyncSlot

from desktop_app.services.eod import EodResult, business_day, reconcile_day
from desktop_app.services.eod_read import load_text, read_off_thread
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs import finished
from desktop_app.ui.history.eod_lines import translate
from desktop_app.ui.history.eod_result import EodResultDialog
from desktop_app.ui.operation import DialogProgress, Operation

SHORTCUT = "Ctrl+Shift+R"


class EodReconcile:
    """The History page's button and shortcut (Ctrl+Shift+R while History has the focus)
    and what they start; ``dialog`` is the last result shown."""

    def __init__(self, ctx: AppContext, parent: QWidget, say: Callable[[str], None]) -> None:
        self.ctx, self.parent, self.say = ctx, parent, say
        self.dialog: EodResultDialog | None = None
        self.operation: Operation[EodResult] | None = None
        self.progress: DialogProgress | None = None
        self.button = QPushButton()
        self.button.setAccessibleName("reconcile 835")
        self.button.clicked.connect(self.start)
        shortcut = QShortcut(QKeySequence(SHORTCUT), parent, self.start)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(translate("EodReconcile", "Reconcile 835…") + f"  {SHORTCUT}")

    @asyncSlot()
    async def start(self) -> None:
        await self.from_file()

    async def from_file(self) -> EodResultDialog | None:
        path = await self.choose_file()
        return await self.reconcile(path) if path is not None else None

    async def choose_file(self) -> Path | None:
        folder = self.ctx.settings.save_folder or str(self.ctx.runtime.paths.data_dir)
        dialog = QFileDialog(
            self.parent, translate("EodReconcile", "Open the day's 835 posting file"), folder,
            translate("EodReconcile", "835 posting files (*.rep *.835 *.edi *.txt);;All files "
                      "(*)"))
        dialog.setAccessibleName("open 835 dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chosen = dialog.selectedFiles() if await finished(dialog) else []
        return Path(chosen[0]) if chosen else None

    async def reconcile(self, path: Path) -> EodResultDialog | None:
        """Read, validate, match; show the result. None when cancelled or refused (the
        reason is said in ``say``)."""
        self.progress = DialogProgress(self.parent)
        op: Operation[EodResult] = Operation(
            translate("EodReconcile", "Checking {0}…").format(path.name),
            presenter=self.ctx.presenter, progress=self.progress, inline=self.say)
        self.operation = op
        result = await op.run(self._work(path, op))
        if result is None:
            if op.error is None:
                self.say(translate("EodReconcile", "Stopped: the 835 file was not read and "
                                   "nothing was changed."))
            return None
        if result.adopted:
            self.ctx.journal_changed.emit()
        self.say(translate("EodReconcile", "Reconciled {0}: {1} discrepancies.").format(path.name,
                                                                   result.discrepancies))
        self.dialog = EodResultDialog(self.ctx, result, self.parent, path.name)
        self.dialog.open()
        return self.dialog

    async def _work(self, path: Path, op: Operation[EodResult]) -> EodResult:
        progress = self.progress
        assert progress is not None
        remittance = await read_off_thread(load_text(path), progress.set_count)
        op.update(translate("EodReconcile", "Matching {0} payments to the journal…").format(
            len(remittance.payments)))
        rt = self.ctx.runtime
        matching = asyncio.ensure_future(reconcile_day(remittance, rt.journal, rt.reconciler,
                                                       business_day(remittance)))
        try:
            return await asyncio.shield(matching)
        except asyncio.CancelledError:
            # Cancel came while matching (a second or so for a big day): it may already
            # have settled unknown payments, audited, so it finishes and is shown.
            return await matching
