"""Hosted SSO payment in a real QWebEngineView against the sandbox's hosted page."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from desktop_app.store import JournalState
from desktop_app.ui.checkout.tenders import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, wait_until
from tests.ui.test_checkout import choose, shown_result, start

Window = tuple[AppContext, MainWindow]

FILL = """
document.getElementById('cardNumber').value = '4111111111111111';
document.getElementById('cardExpirationMonth').value = '12';
document.getElementById('cardExpirationYear').value = '2030';
document.getElementById('cardVerificationNumber').value = '123';
document.getElementById('payment-form').submit();
'submitted';
"""


async def run_js(view: Any, script: str) -> Any:
    done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    view.page().runJavaScript(script, 0, lambda r: done.done() or done.set_result(r))
    return await asyncio.wait_for(done, 10)


async def open_hosted_page(qtbot: Any, window: MainWindow, amount: str) -> Any:
    start(qtbot, window, "MRN-SSO", amount)
    choose(window, TenderChoice.HOSTED_PAGE)
    click(qtbot, by_name(window, "take payment"))
    hosted = window.checkout.hosted
    await wait_until(lambda: hosted.panel is not None and hosted.task is not None,
                     timeout=15, what="hosted page panel")
    assert hosted.panel is not None
    view = hosted.panel.view
    await wait_until(lambda: view.url().toString().startswith("http"),
                     what="page url")
    await wait_until(lambda: view.title().startswith("Pay"), timeout=20, what="page loaded")
    return view


async def test_hosted_page_payment_completes_and_is_journaled(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    view = await open_hosted_page(qtbot, window, "42.00")
    assert view.page().profile().isOffTheRecord()
    assert await run_js(view, FILL) == "submitted"
    assert "Approved $42.00" in await shown_result(window, "Approved")
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "sso_token" and row.state is JournalState.APPROVED


async def test_expired_hosted_page_says_nothing_was_charged(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    assert ctx.runtime.sandbox is not None
    ctx.runtime.sandbox.tokens.lifetime = timedelta(seconds=1)
    ctx.sso_poll_interval = 0.3
    await open_hosted_page(qtbot, window, "19.00")
    await shown_result(window, "Not processed")
    assert "expired" in by_name(window, "result details").text()


async def test_closing_the_hosted_page_stops_polling(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    await open_hosted_page(qtbot, window, "11.00")
    task = window.checkout.hosted.task
    click(qtbot, by_name(window, "close hosted page"))
    await wait_until(lambda: task is not None and task.done(), what="polling stopped")
    await wait_until(lambda: "Hosted page closed" in by_name(window, "form message").text())
