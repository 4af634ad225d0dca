"""Start-up: the window first, the services behind it, and a start that fails said in it."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.bootstrap import open_runtime
from desktop_app.paths import app_paths
from desktop_app.settings import Settings, load_settings
from desktop_app.store import JournalState
from desktop_app.ui.app import attach_runtime, open_window
from tests.ui.conftest import by_name, dispose, failed_start, wait_until
from tests.ui.test_checkout import result_text

ROOT = Path(__file__).resolve().parents[2]

# What run_app does before the loop starts, in a fresh interpreter.
FIRST_PAINT = """
import json, sys
from desktop_app.cli import main  # the real entry path
import desktop_app.cli.app_cmd
from desktop_app.paths import app_paths
from desktop_app.settings import load_settings
from desktop_app.ui.app import make_application, open_window
app = make_application()
window = open_window(load_settings(app_paths().ensure()))
window.show()
app.processEvents()
form = window.form
print(json.dumps({"modules": sorted(sys.modules), "visible": form.isVisible(),
                  "pay_enabled": form.pay.isEnabled(), "hint": form.hint.text()}))
"""

# Loaded after the first paint, never before it.
LATER = ("httpx", "aiohttp", "zeep", "keyring", "qasync", "asyncio", "sqlite3", "serial",
         "drivers", "desktop_app.gateway.client", "desktop_app.store", "desktop_app.services",
         "desktop_app.sandbox", "desktop_app.domain.money", "desktop_app.ui.checkout.page",
         "desktop_app.ui.history", "PySide6.QtWebEngineWidgets")


def test_the_window_is_painted_before_the_services_load(tmp_path: Path) -> None:
    env = {"FRONTDESK_PAY_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], cwd=ROOT, env=env, text=True,
                         capture_output=True, timeout=120, check=True).stdout
    shown = json.loads(out.strip().splitlines()[-1])
    early = [m for m in shown["modules"] if m.split(".")[0] in LATER or m.startswith(LATER)]
    assert early == []
    assert shown["visible"] and not shown["pay_enabled"]
    assert "Connecting" in shown["hint"]


async def test_what_the_desk_types_while_connecting_is_kept_and_then_paid(qtbot: Any) -> None:
    window = open_window(load_settings(app_paths().ensure()))
    window.show()
    await wait_until(window.isVisible, what="window shown")
    submitted: list[bool] = []
    window.form.submitted.connect(lambda: submitted.append(True))
    qtbot.keyClicks(by_name(window, "patient reference"), "MRN-2001")
    amount = by_name(window, "amount")
    amount.setFocus()
    qtbot.keyClicks(amount, "12.50")
    qtbot.keyClick(amount, Qt.Key.Key_Return)  # too early: nothing happens
    assert submitted == [] and not by_name(window, "take payment").isEnabled()
    assert "Connecting" in by_name(window, "form message").text()
    assert "connecting" in by_name(window, "device status").text()

    async with open_runtime() as runtime:
        ctx = attach_runtime(window, runtime)
        ctx.presenter.sink = lambda _text: None
        try:
            assert by_name(window, "patient reference").text() == "MRN-2001"
            assert amount.text() == "12.50" and QApplication.focusWidget() is amount
            assert window.pages.currentWidget() is window.checkout
            assert by_name(window, "take payment").isEnabled()
            await wait_until(lambda: ctx.devices.ready, what="devices bound")
            qtbot.keyClick(amount, Qt.Key.Key_Return)  # the simulated PIN pad approves
            await wait_until(lambda: "Approved $12.50" in result_text(window),
                             timeout=15, what="approved")
            (row,) = await runtime.journal.history()
            assert row.state is JournalState.APPROVED and row.patient_id == "MRN-2001"
        finally:
            await ctx.close()
            await asyncio.sleep(0.2)
            await dispose(window)


async def test_a_runtime_that_cannot_open_is_said_in_the_window(qtbot: Any) -> None:
    paths = app_paths().ensure()
    paths.settings_file.write_text("{ not json", encoding="utf-8")
    async with failed_start(Settings(), "fdp-test-start") as window:
        hint = by_name(window, "form message").text()
        assert "damaged" in hint and str(paths.settings_file) in hint
        assert not by_name(window, "take payment").isEnabled()
        assert "cannot be taken" in by_name(window, "device status").text()
