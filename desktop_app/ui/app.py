"""Start the Qt app: one instance per user, a qasync loop, the runtime, the main window.

The loop runs exactly once (``run_until_complete``), and async generators and the default
executor are shut down inside the main coroutine, not by ``asyncio.Runner.close()``: each
qasync run is a ``QApplication.exec()``, whose return emits ``aboutToQuit``, on which
QtWebEngine tears down Chromium; a second ``exec()`` after the hosted page was used crashes.
The app quits when the last window closes; the runtime then closes in order (gateway client,
journal, sandbox) before the loop does.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from qasync import QEventLoop

from desktop_app.paths import resources_dir
from desktop_app.services.runtime import Runtime, open_runtime
from desktop_app.ui.context import AppContext
from desktop_app.ui.errors import ErrorPresenter
from desktop_app.ui.excepthook import install as install_excepthook
from desktop_app.ui.i18n import Translations
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)
STARTUP_PROBE = "FRONTDESK_PAY_STARTUP_PROBE"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Front Desk Pay")
    app.setOrganizationName("FrontDeskPay")
    app.setStyle("Fusion")
    qss = resources_dir() / "qss" / "frontdesk.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    return app


def build_window(runtime: Runtime, translations: Translations | None = None
                 ) -> tuple[AppContext, MainWindow]:
    """The whole UI over an open runtime: the app uses it, and so do tests and screenshots."""
    presenter = ErrorPresenter()
    ctx = AppContext(runtime, presenter)
    window = MainWindow(ctx)
    presenter.setParent(window)
    presenter._window = window
    translations = translations or Translations()
    window.translations = translations  # the signal alone does not keep it alive
    if runtime.settings.language != "en":
        translations.switch(runtime.settings.language)
    window.settings.language_chosen.connect(translations.switch)
    install_excepthook(presenter)
    window.history.refresh()
    ctx.start_devices()
    return ctx, window


async def _serve(app: QApplication, instance: SingleInstance) -> int:
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_last_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    app.setQuitOnLastWindowClosed(False)  # the runtime must close before the loop stops
    app.lastWindowClosed.connect(on_last_closed)
    async with open_runtime() as runtime:
        _ctx, window = build_window(runtime)
        instance.activate_requested.connect(window.raise_to_front)
        window.show()
        if os.environ.get(STARTUP_PROBE):  # benchmarks/startup.py times this line
            QTimer.singleShot(0, lambda: print("frontdeskpay: window shown", flush=True))
        if os.environ.get("FRONTDESK_PAY_QUIT_AFTER_SHOW"):
            QTimer.singleShot(0, window.close)
        await closed
        await _ctx.close()
    loop = asyncio.get_running_loop()
    await loop.shutdown_asyncgens()
    await loop.shutdown_default_executor()
    return 0


def run_app() -> int:
    app = make_application()
    instance = SingleInstance()
    if instance.ask_running_to_raise():
        print("Front Desk Pay is already open; its window was brought to the front.")
        return 0
    if not instance.listen():
        log.warning("could not claim the single-instance name %s", instance.name)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(_serve(app, instance)))
    finally:
        instance.close()
        loop.close()
        asyncio.set_event_loop(None)
