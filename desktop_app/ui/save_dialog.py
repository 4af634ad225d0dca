"""Saving a receipt or an export: ask where (starting in the folder used last time), write it,
then offer to open it. No nested event loop: both dialogs are opened with ``open()``.

The file dialog is Qt's own, not the platform's: it behaves the same on a clinic PC and in a
Citrix session, and it never asks "replace?" through a nested ``exec()`` (the suggested names
carry the reference or the time, so they do not collide).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs import finished
from desktop_app.ui.errors import file_problem


async def ask_save_path(parent: QWidget, ctx: AppContext, title: str, name: str,
                        file_filter: str, fallback: Path) -> Path | None:
    """Where to save ``name``; None if staff cancel. The folder chosen is remembered."""
    folder = Path(ctx.settings.save_folder) if ctx.settings.save_folder else fallback
    if not folder.is_dir():
        folder = fallback
    folder.mkdir(parents=True, exist_ok=True)
    dialog = QFileDialog(parent, title, str(folder / name), file_filter)
    dialog.setAccessibleName("save dialog")
    dialog.setObjectName("saveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
    dialog.selectFile(name)
    chosen = dialog.selectedFiles() if await finished(dialog) else []
    if not chosen:
        return None
    target = Path(chosen[0])
    if str(target.parent) != ctx.settings.save_folder:
        ctx.remember(save_folder=str(target.parent))
    return target


async def save_and_offer(parent: QWidget, ctx: AppContext, *, title: str, name: str,
                         file_filter: str, fallback: Path, write: Callable[[Path], Path],
                         say: Callable[[str], None]) -> Path | None:
    """The whole step: ask, write, say where, offer Open. A write that fails is said (in
    ``say``) in words the desk can act on."""
    target = await ask_save_path(parent, ctx, title, name, file_filter, fallback)
    if target is None:
        return None
    try:
        path = write(target)
    except OSError as exc:
        if not exc.filename:  # a failed write at close names no file: it was this one
            exc.filename = str(target)
        say(file_problem(exc))
        return None
    text = QCoreApplication.translate("SaveDialog", "Saved: {0}").format(path)
    say(text)
    offer_to_open(parent, path, text)
    return path


def offer_to_open(parent: QWidget, path: Path, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("SaveDialog", "Saved"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName("saved file")
    open_button = box.addButton(QCoreApplication.translate("SaveDialog", "&Open it"),
                                QMessageBox.ButtonRole.AcceptRole)
    open_button.setAccessibleName("open saved file")
    close = box.addButton(QMessageBox.StandardButton.Close)
    close.setAccessibleName("close saved file")
    box.setDefaultButton(close)

    def done(_code: int) -> None:
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        box.deleteLater()
    box.finished.connect(done)
    box.open()
    return box
