"""Fixtures for the Qt app: real widgets, offscreen, on a qasync event loop.

How the loops fit together (checked with pytest-asyncio 1.5, pytest-qt 4.5, qasync 0.28):

* ``pytest_asyncio_loop_factories`` below makes every async test here (and its async
  fixtures) run on a ``qasync.QEventLoop`` over the one QApplication, so ``await`` inside a
  test lets Qt paint, deliver signals and run ``@asyncSlot`` tasks, exactly as in the app.
* That loop is ``LocalQEventLoop`` (see there): QtWebEngine must not see ``aboutToQuit``.
* Tests wait with ``await wait_until(...)`` (an asyncio sleep loop), never
  ``qtbot.waitUntil``/``qtbot.wait``: those spin a nested Qt event loop inside a running
  coroutine, and qasync then refuses to enter a second task ("Cannot enter into task ...").
* ``qtbot`` is still used for input (``keyClicks``, ``mouseClick``) and widget cleanup.
* Offscreen platform; QtWebEngine runs offscreen too, with ``--no-sandbox`` (CI runs as
  root) and ``--disable-gpu``. These are set before Qt is imported.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import asyncio
import gc
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import pytest
import pytestqt.plugin
import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from qasync import QEventLoop

from desktop_app.bootstrap import open_app, open_runtime
from desktop_app.paths import app_paths
from desktop_app.sandbox import SandboxServer
from desktop_app.settings import Settings, load_settings, save_settings
from desktop_app.ui.app import build_window, make_application, open_window, run_session
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.single_instance import SingleInstance


class LocalQEventLoop(QEventLoop):  # type: ignore[misc]
    """qasync's loop, run in a local ``QEventLoop`` instead of ``QApplication.exec()``.

    pytest-asyncio runs the loop several times per test (test, async-gen shutdown, executor
    shutdown). Each qasync run is an ``app.exec()`` whose return emits ``aboutToQuit``, and
    QtWebEngine destroys Chromium on that signal: the next run after a hosted-page test then
    segfaults. A local event loop never emits it. (The app itself runs the loop once.)
    """

    def run_forever(self) -> None:
        if self.is_running():
            raise RuntimeError("Event loop already running")
        self._QEventLoop__is_running = True
        self._before_run_forever()
        self._local = QtCore.QEventLoop()
        try:
            asyncio.events._set_running_loop(self)
            self._local.exec()
        finally:
            asyncio.events._set_running_loop(None)
            self._after_run_forever()
            self._QEventLoop__is_running = False

    def stop(self) -> None:
        if self.is_running():
            self._QEventLoop__is_running = False
            self._local.exit()

    def run_until_complete(self, future: Any) -> Any:
        """qasync's, minus its trailing ``processEvents()`` after the loop has stopped: that
        runs queued asyncio callbacks with no running loop, so a device I/O pump woken by its
        thread fails ("no running event loop") and its device is marked removed. pytest-asyncio
        runs the loop several times per test, so this struck between setup and call and made
        the device tests flaky. Pending events simply wait for the next run."""
        if self.is_running():
            raise RuntimeError("Event loop already running")
        task = asyncio.ensure_future(future, loop=self)

        def stop(_: object) -> None:
            self.stop()

        task.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            task.remove_done_callback(stop)
        if not task.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return task.result()


def _no_events_outside_the_loop() -> None:
    """pytest-qt calls ``QApplication.processEvents()`` between test phases, when no asyncio
    loop runs: the same hazard as qasync's trailing call (see LocalQEventLoop). Skipped."""


pytestqt.plugin._process_events = _no_events_outside_the_loop


def _qt_loop() -> asyncio.AbstractEventLoop:
    return LocalQEventLoop(make_application())  # type: ignore[no-any-return]


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item
                                  ) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qt": _qt_loop}


async def wait_until(predicate: Callable[[], Any], timeout: float = 10.0,
                     what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def by_name(root: QWidget, name: str) -> Any:
    """The visible-or-not child widget whose accessibleName is ``name`` (exactly one)."""
    found = [w for w in root.findChildren(QWidget) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} widgets named {name!r}"
    return found[0]


def top_level(name: str) -> QWidget | None:
    for w in QApplication.topLevelWidgets():
        if w.accessibleName() == name and w.isVisible():
            return w
    return None


@pytest.fixture
def device_addresses() -> tuple[str, ...]:
    """Devices the app binds; () is the sandbox default (simulated PIN pad and scanner).
    A test picks others with ``@pytest.mark.parametrize("device_addresses", [(...)])``."""
    return ()


@pytest.fixture
def settings_changes() -> dict[str, Any]:
    """Settings written before the runtime opens (e.g. a short gateway read timeout)."""
    return {}


@pytest.fixture(autouse=True, scope="module")
def _collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (desktop_app/ui/gc_guard.py): no automatic collection, which could
    free a widget on a device or database thread; ``dispose`` collects after each window."""
    gc.disable()
    yield
    gc.enable()
    gc.collect()


@pytest.fixture
async def app_window(qtbot: Any, device_addresses: tuple[str, ...],
                     settings_changes: dict[str, Any]
                     ) -> AsyncIterator[tuple[AppContext, MainWindow]]:
    if settings_changes:
        paths = app_paths().ensure()
        save_settings(paths, replace(load_settings(paths), **settings_changes))
    async with open_app() as started:
        runtime = started.runtime
        runtime.payments.lookup_delay = 0.05
        runtime.settings = replace(runtime.settings, device_addresses=device_addresses)
        ctx, window = build_window(runtime)
        _SANDBOXES[id(ctx)] = started.sandbox
        ctx.presenter.sink = lambda _text: None  # errors are asserted, not shown in boxes
        qtbot.addWidget(window)
        window.show()
        await wait_until(window.isVisible, what="main window shown")
        await wait_until(lambda: ctx.devices.ready, what="devices bound")
        yield ctx, window
        await ctx.close()
        await asyncio.sleep(0.2)  # closes queued on the device I/O threads finish in this loop
        await dispose(window)
        _SANDBOXES.pop(id(ctx), None)


_SANDBOXES: dict[int, SandboxServer | None] = {}


def sandbox_of(ctx: AppContext) -> SandboxServer:
    """The embedded gateway behind a test window (the composition root started it; the
    runtime itself does not know it is an emulator)."""
    sandbox = _SANDBOXES.get(id(ctx))
    assert sandbox is not None, "this window runs on no embedded sandbox"
    return sandbox


async def dispose(window: QWidget) -> None:
    """Close and delete a test's window here, on the GUI thread.

    Left to Python's cycle collector, a window is freed on whatever thread happens to
    allocate (a device I/O or database worker): its widgets' Qt timers (a focused line edit's
    cursor blink) are then unregistered from the wrong thread and the GUI thread later fires
    a dangling one: a segfault a few tests later. So: delete now, and collect cycles now."""
    if shiboken6.isValid(window):  # pytest-qt may have closed and deleted it already
        window.close()
        shiboken6.delete(window)
    gc.collect()
    await asyncio.sleep(0.05)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@asynccontextmanager
async def failed_start(settings: Settings, name: str) -> AsyncIterator[MainWindow]:
    """The real start-up (``run_session``) when the runtime cannot open: the window, once
    it has said why; closed afterwards, and the session must have ended with status 1."""
    window = open_window(settings)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    session = asyncio.ensure_future(run_session(app, SingleInstance(name), window,
                                                open_runtime))
    try:
        await wait_until(lambda: window.startup_error, what="start-up error shown")
        yield window
    finally:
        window.close()
        app.setQuitOnLastWindowClosed(True)  # run_session turned it off for the app
    assert await asyncio.wait_for(session, 10) == 1
    await dispose(window)


async def save_as(target: Any, open_it: bool = False) -> QWidget:
    """Answer the app's save dialog with ``target`` (a path), then close the "saved, open
    it?" box it offers (``open_it`` False: the test has no viewer). Returns that box."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

    dialog = await wait_until(lambda: top_level("save dialog"), what="save dialog")
    assert isinstance(dialog, QFileDialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")  # typed, as staff would
    name.setText(str(target))
    dialog.accept()
    box = await wait_until(lambda: top_level("saved file"), what="saved, open it?")
    assert isinstance(box, QMessageBox)
    if not open_it:
        next(b for b in box.buttons() if b.accessibleName() == "close saved file").click()
    return box
