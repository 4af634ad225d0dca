"""The hosted page as the desk reads it (#13): plain words and a countdown to the page's
expiry above it, the page in the app's language and font where the page allows, and a
closed page that says what happens next (with the time it expires)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtWebEngineCore import QWebEngineSettings
from PySide6.QtWidgets import QApplication

from desktop_app.ui.checkout.hosted import SsoPanel, clock
from tests.ui.conftest import by_name, click, wait_until
from tests.ui.test_hosted import Window, open_hosted_page, run_js


def seconds_shown(status: str) -> int:
    found = re.search(r"closes in (\d+):(\d\d)", status)
    assert found, status
    return int(found[1]) * 60 + int(found[2])


def test_the_countdown_reads_minutes_and_seconds() -> None:
    assert (clock(900), clock(65.2), clock(9.01), clock(0.4), clock(-3)) == (
        "15:00", "1:06", "0:10", "0:01", "0:00")


async def opened(qtbot: Any, app: Window, amount: str, title: str = "Pay") -> SsoPanel:
    ctx, window = app
    ctx.sso_poll_interval = 0.2
    await open_hosted_page(qtbot, window, amount, title)
    assert window.checkout.hosted.panel is not None
    return window.checkout.hosted.panel


async def test_the_page_says_who_pays_what_and_counts_down_to_its_expiry(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    panel = await opened(qtbot, app_window, "33.00")
    status = by_name(window, "hosted page status")
    first = status.text()
    lifetime = ctx.settings.sso_timeout_minutes * 60
    assert "$33.00" in first and lifetime - 20 <= seconds_shown(first) <= lifetime, first
    assert f"(at {panel.expires_at.strftime('%H:%M')})" in first
    assert abs((panel.expires_at - datetime.now()).total_seconds() - lifetime) < 20
    await wait_until(lambda: panel.checks >= 2, what="the gateway asked twice")
    assert "check" not in status.text().lower()  # no "gateway checks: 2": plain words
    await wait_until(lambda: seconds_shown(status.text()) < seconds_shown(first),
                     what="the countdown going down")  # each second (later under load)
    assert window.translations is not None
    try:
        window.translations.switch("es")
        await wait_until(lambda: "Cierra en" in status.text() or "cierra en" in status.text(),
                         what="the countdown in Spanish")
    finally:
        window.translations.switch("en")


async def test_the_page_is_asked_for_in_the_apps_language_and_font(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.runtime.settings = replace(ctx.runtime.settings, language="es")
    panel = await opened(qtbot, app_window, "18.00", title="Pagar")  # the page in Spanish
    view = panel.view
    assert panel.profile.httpAcceptLanguage().startswith("es")
    assert await run_js(view, "document.documentElement.lang") == "es"
    assert await run_js(view, "document.querySelector('label').textContent") == \
        "Número de tarjeta"
    family = QApplication.font().family()
    assert view.settings().fontFamily(QWebEngineSettings.FontFamily.SansSerifFont) == family
    # the sandbox page names a generic family only, so the app's font is what it shows
    shown = await run_js(view, "getComputedStyle(document.body).fontFamily")
    assert shown == "sans-serif"
    click(qtbot, by_name(window, "close hosted page"))
    await wait_until(lambda: window.checkout.hosted.task is None, what="page closed")


async def test_a_closed_page_says_what_happens_next_and_when_it_expires(
        qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    panel = await opened(qtbot, app_window, "12.00")
    ends = panel.expires_at.strftime("%H:%M")
    click(qtbot, by_name(window, "close hosted page"))
    hint = by_name(window, "form message")
    await wait_until(lambda: "Hosted page closed" in hint.text(), what="closed message")
    assert f"expires at {ends}" in hint.text() and "History" in hint.text()
    assert hint.property("tone") == "info"  # nothing went wrong: blue, not red
