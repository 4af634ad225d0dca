"""Hosted SSO payment in a real QWebEngineView against the sandbox: the ACS token request,
the relay-state page, filling it by JavaScript in the page, the gateway sending the page to
our confirm URL, polling GetSSOTokenStatus, ViewReceipt by token, and the journal."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from desktop_app.store import JournalState
from desktop_app.ui.checkout.tenders import TenderChoice
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, click, sandbox_of, wait_until
from tests.ui.test_checkout import choose, shown_result, start

Window = tuple[AppContext, MainWindow]

FILL = """
document.getElementById('cardNumber').value = '4111111111111111';
document.getElementById('cardExpirationMonth').value = '12';
document.getElementById('cardExpirationYear').value = '2030';
document.getElementById('cardVerificationNumber').value = '123';
document.getElementById('pay').click();
'submitted';
"""
CANCEL = "document.getElementById('cancel').click(); 'cancelled';"


async def run_js(view: Any, script: str) -> Any:
    done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    view.page().runJavaScript(script, 0, lambda r: done.done() or done.set_result(r))
    return await asyncio.wait_for(done, 10)


async def open_hosted_page(qtbot: Any, window: MainWindow, amount: str,
                           title: str = "Pay") -> Any:
    """The sandbox page loaded (its title starts with ``title``: "Pagar" in Spanish)."""
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
    await wait_until(lambda: view.title().startswith(title), timeout=20, what="page loaded")
    return view


async def test_hosted_page_payment_completes_and_is_journaled(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    view = await open_hosted_page(qtbot, window, "42.00")
    assert view.page().profile().isOffTheRecord()
    assert view.url().path() == "/providers/Form/PatientPayments/NewPaymentSimpleSSO"
    token = view.url().query().partition("token=")[2]
    assert token and sandbox_of(ctx).tokens.status(token) == "NEW"
    assert await run_js(view, FILL) == "submitted"
    assert "Approved $42.00" in await shown_result(window, "Approved")
    assert sandbox_of(ctx).tokens.status(token) == "complete"
    (row,) = await ctx.runtime.journal.history()
    assert row.kind == "sso_token" and row.state is JournalState.APPROVED
    assert row.sso_token == token and row.last_four == "1111"  # from ViewReceipt by token
    (entry,) = sandbox_of(ctx).ledger.entries
    assert (entry.kind, entry.sso_token, entry.transaction_id) == ("sale", token,
                                                                   row.transaction_id)
    # the confirm URL was never loaded: the panel stopped it and said what it was doing
    assert "frontdeskpay.invalid" not in view.url().toString()


async def test_a_wrong_sso_key_is_shown_clearly_and_opens_no_page(
        qtbot: Any, app_window: Window) -> None:
    from dataclasses import replace

    from desktop_app.gateway.config import SsoLogin

    ctx, window = app_window
    gateway = ctx.runtime.gateway
    gateway.config = replace(gateway.config, sso=SsoLogin(security_key="not-the-key"))
    start(qtbot, window, "MRN-SSO", "18.00")
    choose(window, TenderChoice.HOSTED_PAGE)
    click(qtbot, by_name(window, "take payment"))
    await wait_until(lambda: "SSO" in ctx.presenter.last_message, what="refusal shown")
    message = ctx.presenter.last_message
    assert "refused the hosted payment page's login" in message
    assert "nothing was charged" in message
    assert "Invalid AccountID or Password." in message  # the gateway's own words
    assert window.checkout.hosted.panel is None  # no page, no web engine started
    (row,) = await ctx.runtime.journal.history()
    assert row.state is JournalState.ERROR and sandbox_of(ctx).tokens.tokens == {}


async def test_cancel_on_the_page_closes_it_and_charges_nothing(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    view = await open_hosted_page(qtbot, window, "21.00")
    assert await run_js(view, CANCEL) == "cancelled"
    await wait_until(lambda: "Hosted page closed" in by_name(window, "form message").text(),
                     what="closed message")
    assert window.checkout.hosted.task is None and sandbox_of(ctx).ledger.entries == []


async def test_expired_hosted_page_says_not_paid_and_nothing_charged(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    sandbox_of(ctx).tokens.lifetime = timedelta(seconds=1)
    ctx.sso_poll_interval = 0.3
    await open_hosted_page(qtbot, window, "19.00")
    headline = await shown_result(window, "Not paid")
    assert headline == "Not paid: nothing was charged"
    assert by_name(window, "result").property("tone") == "info"  # blue, not a decline's red
    assert "not known" not in headline.lower()
    assert "expired" in by_name(window, "result details").text()
    assert not by_name(window, "print receipt").isVisible()
    assert window.translations is not None
    try:  # and in Spanish, the service's verdict included
        window.translations.switch("es")
        await wait_until(lambda: "No pagado" in by_name(window, "result").text(), what="es")
        assert "caducó" in by_name(window, "result details").text()
    finally:
        window.translations.switch("en")


async def test_paying_on_the_page_is_checked_at_once_not_at_the_next_poll(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 60.0  # the next scheduled check is a minute away
    view = await open_hosted_page(qtbot, window, "27.00")
    await wait_until(lambda: window.checkout.hosted.panel is not None
                     and window.checkout.hosted.panel.checks >= 1, what="first check done")
    returned: list[str] = []
    window.checkout.hosted.panel.page.returned.connect(returned.append)
    assert await run_js(view, FILL) == "submitted"
    # shown within shown_result's 15 s, a quarter of the poll: the confirm page woke the check
    assert "Approved $27.00" in await shown_result(window, "Approved")
    assert returned == ["confirm"]  # the gateway sent the page to our confirm URL


async def test_closing_the_hosted_page_says_it_is_still_checked_until_it_expires(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    await open_hosted_page(qtbot, window, "13.00")
    click(qtbot, by_name(window, "close hosted page"))
    message = by_name(window, "form message")
    await wait_until(lambda: "Hosted page closed" in message.text(), what="closed message")
    assert "keeps checking it in the background until it expires at" in message.text()


def history_status(window: MainWindow, patient: str) -> str:
    page = window.history
    column = [key for key, _ in page.model.columns].index("status")
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 1).data() == patient:
            return str(page.proxy.index(row, column).data())
    return ""


async def watched_until_history_says(ctx: AppContext, window: MainWindow, status: str) -> None:
    """The background watch (fast here) settles the closed page; History shows it."""
    window.show_page(1)
    watch = asyncio.ensure_future(ctx.runtime.reconciler.watch(0.3))
    try:
        await wait_until(lambda: history_status(window, "MRN-SSO") == status, timeout=15,
                         what=f"history shows the closed page {status}")
    finally:
        watch.cancel()


async def test_a_closed_page_is_settled_by_the_background_watch_and_history_shows_it(
        qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    sandbox_of(ctx).tokens.lifetime = timedelta(seconds=2)
    ctx.sso_poll_interval = 0.2
    await open_hosted_page(qtbot, window, "14.00")
    click(qtbot, by_name(window, "close hosted page"))
    await wait_until(lambda: window.checkout.hosted.task is None, what="page closed")
    (row,) = await ctx.runtime.journal.history()
    assert row.state in (JournalState.SENT, JournalState.UNKNOWN)  # not judged by the close
    await watched_until_history_says(ctx, window, "not processed")
    (row,) = await ctx.runtime.journal.history()
    assert row.state is JournalState.ERROR and "expired" in row.message


async def test_a_page_paid_after_staff_closed_it_shows_approved_in_history(
        qtbot: Any, app_window: Window) -> None:
    import httpx

    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    view = await open_hosted_page(qtbot, window, "16.00")
    url = view.url().toString()
    click(qtbot, by_name(window, "close hosted page"))
    await wait_until(lambda: window.checkout.hosted.task is None, what="page closed")
    token = url.partition("token=")[2]
    async with httpx.AsyncClient() as patient:  # the patient's own copy of the page
        paid = await patient.post(url, data={
            "token": token, "cardNumber": "4111111111111111", "cardExpirationMonth": "12",
            "cardExpirationYear": "2030", "cardVerificationNumber": "123", "action": "pay"})
    assert paid.status_code == 303  # on to the confirm URL
    await watched_until_history_says(ctx, window, "approved")


async def test_a_sale_while_the_token_request_is_in_flight_leaves_the_page_payable(
        qtbot: Any, app_window: Window) -> None:
    """Issue 10 §4: the hosted payment was settled as "nothing charged" while its token
    request was still in flight; the page then opened and took money the journal never
    learned of."""
    from desktop_app.domain import Money, PaymentRequest, TransactionKind
    from desktop_app.sandbox.demo import demo_card_tender
    from desktop_app.services.payments import TerminalBusy
    from tests.conftest import inject_fault

    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    await inject_fault(sandbox_of(ctx), "delay", delay=2.0,
                       match={"requestToken": "true"})  # the ACS token request
    start(qtbot, window, "MRN-SSO", "33.00")
    choose(window, TenderChoice.HOSTED_PAGE)
    click(qtbot, by_name(window, "take payment"))
    journal = ctx.runtime.journal
    await wait_until(lambda: window.checkout.busy, what="token requested")
    await asyncio.sleep(0.3)
    (hosted,) = await journal.history()
    assert not hosted.sso_token  # still in flight
    with pytest.raises(TerminalBusy):  # one payment at a time on a terminal
        await ctx.runtime.payments.process(PaymentRequest(
            TransactionKind.SALE, amount=Money.parse("5.00"), tender=demo_card_tender(),
            patient_id="MRN-OTHER"))
    await ctx.runtime.reconciler.run_once()  # and a background watch round meanwhile
    row = await journal.get(hosted.reference)
    assert row is not None and row.state is not JournalState.ERROR
    await wait_until(lambda: window.checkout.hosted.task is not None, timeout=15,
                     what="page opened")
    view = window.checkout.hosted.panel
    assert view is not None
    await wait_until(lambda: view.view.title().startswith("Pay"), timeout=20, what="loaded")
    assert await run_js(view.view, FILL) == "submitted"
    assert "Approved $33.00" in await shown_result(window, "Approved")
    row = await journal.get(hosted.reference)
    assert row is not None and row.state is JournalState.APPROVED


async def test_closing_the_hosted_page_stops_polling(qtbot: Any, app_window: Window) -> None:
    ctx, window = app_window
    ctx.sso_poll_interval = 0.2
    await open_hosted_page(qtbot, window, "11.00")
    task = window.checkout.hosted.task
    click(qtbot, by_name(window, "close hosted page"))
    await wait_until(lambda: task is not None and task.done(), what="polling stopped")
    await wait_until(lambda: "Hosted page closed" in by_name(window, "form message").text())


async def test_the_apps_time_limit_passing_is_not_taken_for_an_expired_page(
        qtbot: Any, app_window: Window, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our clock ran out before the gateway's (it still says NEW): the page is not called
    unpaid, nor unknown-and-done; it keeps asking, and says so."""
    from desktop_app.services.sso import SsoCheckout

    ctx, window = app_window
    monkeypatch.setattr(ctx, "sso", lambda: SsoCheckout(ctx.runtime.payments,
                                                        poll_interval=0.2, lifetime=0.5))
    await open_hosted_page(qtbot, window, "24.00")
    panel = window.checkout.hosted.panel
    assert panel is not None
    await wait_until(lambda: "time is up" in panel.status.text(), what="overdue")
    assert window.checkout.stack.currentWidget() is panel  # no result made up
    (row,) = await ctx.runtime.journal.history()
    assert row.state is JournalState.SENT
    click(qtbot, by_name(window, "close hosted page"))
    await wait_until(lambda: window.checkout.hosted.task is None, what="page closed")
