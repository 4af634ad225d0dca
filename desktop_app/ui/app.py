"""Start the Qt app: one instance per user, the window at once, then the services behind it.

Start-up order: QApplication, the single-instance check, the settings file, the main window
shown with the checkout form (Qt and the form only: about 1.6× a bare PySide6 window). Then
asyncio, qasync and the runtime (sandbox, journal, gateway client, reconcile) load and open
while the desk can already type; ``MainWindow.attach`` builds the other pages on them and
enables Take payment. A runtime that cannot open (a damaged settings file, an unreachable
PostgreSQL journal) is said in the window instead of a traceback.

The loop runs exactly once (``run_until_complete``), and async generators and the default
executor are shut down inside the main coroutine, not by ``asyncio.Runner.close()``: each
qasync run is a ``QApplication.exec()``, whose return emits ``aboutToQuit``, on which
QtWebEngine tears down Chromium; a second ``exec()`` after the hosted page was used crashes.
The app quits when its main window closes; the runtime then closes in order (gateway client,
journal, sandbox) before the loop does.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.paths import app_paths, resources_dir
from desktop_app.settings import Settings, read_settings
from desktop_app.ui.i18n import Translations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.single_instance import SingleInstance
from desktop_app.ui.web_engine import prepare_web_engine

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractAsyncContextManager

    from desktop_app.services.runtime import Runtime
    from desktop_app.ui.context import AppContext

    # bootstrap.open_runtime: called with watch_interval=...
    OpenServices = Callable[..., AbstractAsyncContextManager[Runtime]]

log = logging.getLogger(__name__)
STARTUP_PROBE = "FRONTDESK_PAY_STARTUP_PROBE"  # benchmarks/startup.py reads these lines
SHOWN_MARK = "frontdeskpay: window shown"
READY_MARK = "frontdeskpay: ready for payments"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    prepare_web_engine()
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Front Desk Pay")
    app.setOrganizationName("FrontDeskPay")
    app.setStyle("Fusion")
    qss = resources_dir() / "qss" / "frontdesk.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    return app


def open_window(settings: Settings, translations: Translations | None = None) -> MainWindow:
    """The window in the settings' language, before any service exists."""
    translations = translations or Translations()
    if settings.language != "en":
        translations.switch(settings.language)
    window = MainWindow(settings)
    window.translations = translations  # the language signal alone does not keep it alive
    return window


def attach_runtime(window: MainWindow, runtime: Runtime) -> AppContext:
    """The services are open: the pages, the error presenter, history and devices."""
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.errors import ErrorPresenter
    from desktop_app.ui.excepthook import install as install_excepthook

    presenter = ErrorPresenter(window)
    # Parented to the window: Qt objects must be deleted on the GUI thread, with the window,
    # never by Python's cycle collector, which may run on a device or database thread.
    ctx = AppContext(runtime, presenter, window)
    window.attach(ctx)
    if window.translations is not None:
        window.settings.language_chosen.connect(window.translations.switch)
    install_excepthook(presenter)
    _warn_if_journal_is_remote(window, runtime)
    window.history.refresh()
    ctx.start_devices()
    return ctx


def _warn_if_journal_is_remote(window: MainWindow, runtime: Runtime) -> None:
    """SQLite's journal on SMB/NFS (a redirected Citrix profile) can lose a payment's record:
    said in the status bar for as long as the app runs, and in the log for IT."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    from desktop_app.network_fs import network_filesystem
    from desktop_app.settings import journal_target

    target = journal_target(runtime.paths, runtime.settings)
    remote = None if str(target).startswith("postgres") else network_filesystem(
        runtime.paths.data_dir)
    if remote is None:
        return
    log.warning("the journal folder %s is on %s: SQLite needs a local disk",
                runtime.paths.data_dir, remote)
    label = QLabel(QCoreApplication.translate(
        "MainWindow", "The payment journal is on a network drive: call IT before taking "
        "payments."), window)
    label.setObjectName("journalOnNetwork")
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    window.statusBar().addPermanentWidget(label)


def build_window(runtime: Runtime, translations: Translations | None = None
                 ) -> tuple[AppContext, MainWindow]:
    """The whole UI over an open runtime: tests, screenshots and benchmarks use it."""
    window = open_window(runtime.settings, translations)
    return attach_runtime(window, runtime), window


def _probe(mark: str) -> None:
    if os.environ.get(STARTUP_PROBE):
        print(mark, flush=True)


async def run_session(app: QApplication, instance: SingleInstance, window: MainWindow,
                      open_services: OpenServices) -> int:
    """Open the runtime behind the shown window, attach it, and wait for the window to close.
    Exit status 1 when the runtime could not open (the window said why). ``open_services``
    comes from the composition root (``desktop_app/bootstrap.py``), above this layer."""
    import asyncio
    from contextlib import AsyncExitStack

    from desktop_app.ui.errors import message_for

    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    app.setQuitOnLastWindowClosed(False)  # the runtime must close before the loop stops
    window.closed.connect(on_closed)
    instance.activate_requested.connect(window.raise_to_front)
    try:
        async with AsyncExitStack() as stack:
            try:
                runtime = await stack.enter_async_context(open_services(watch_interval=30.0))
            except Exception as exc:  # said in the window; the desk closes it and calls IT
                log.exception("the app could not start")
                window.startup_failed(message_for(exc), app_paths())
                await closed
                return 1
            ctx = attach_runtime(window, runtime)
            _probe(READY_MARK)
            if os.environ.get("FRONTDESK_PAY_QUIT_AFTER_SHOW"):
                QTimer.singleShot(0, window.close)
            await closed
            await ctx.close()
        return 0
    finally:
        window.closed.disconnect(on_closed)


async def _serve(app: QApplication, instance: SingleInstance, window: MainWindow,
                 open_services: OpenServices) -> int:
    import asyncio

    status = await run_session(app, instance, window, open_services)
    loop = asyncio.get_running_loop()
    await loop.shutdown_asyncgens()
    await loop.shutdown_default_executor()
    return status


def run_app(open_services: OpenServices) -> int:
    app = make_application()
    instance = SingleInstance()
    if instance.ask_running_to_raise():
        print("Front Desk Pay is already open; its window was brought to the front.")
        return 0
    if not instance.listen():
        log.warning("could not claim the single-instance name %s", instance.name)
    # What of the file is usable: the runtime's own, strict read says what is wrong in
    # the window, and Settings can still open to put it right.
    settings, _problems = read_settings(app_paths().ensure())
    window = open_window(settings)
    window.show()
    app.processEvents()  # the first paint, before asyncio and the services load
    _probe(SHOWN_MARK)

    import asyncio

    from desktop_app.ui.event_loop import new_event_loop
    from desktop_app.ui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector(app)
    collector.start()
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(_serve(app, instance, window, open_services)))
    finally:
        collector.stop()
        instance.close()
        loop.close()
        asyncio.set_event_loop(None)
