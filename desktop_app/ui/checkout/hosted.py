"""The hosted SSO payment inside the checkout: token, page, following it, and a clean close.

The token request (the ACS form POST) answers with the relay-state URL, which opens here. The
page's outcome is followed with the one ``PaymentFollower`` every screen uses
(services/follow.py), by SSO token, every poll interval; and at once when the page leaves its
payment form. The token request names our own ``confirmURL``/``cancelURL`` (reserved
``.invalid`` addresses, resources/protocol/sso.json): the gateway sends the page there after
the patient pays or cancels, and this panel stops that navigation, checks the payment at once
(paid) or closes the page (cancelled). Without that the desk waited up to a whole poll
interval (5-10 s) after the patient had paid. Closing the page stops following it here; the
reconciler's background watch keeps asking until the token is complete or EXPIRED, and
History shows what it finds.

QtWebEngine is imported only when the first hosted payment starts (start-up time and memory
on thin clients), and the page runs in an off-the-record profile: no cookie or cache from a
payment page is written to a shared Citrix profile.
"""

from __future__ import annotations

import asyncio
import html
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import FrontDeskError, Outcome
from desktop_app.services.follow import PaymentFollower
from desktop_app.services.sso import SsoCheckout, SsoLoginRefused, SsoPage
from desktop_app.ui.checkout.form import CheckoutInput
from desktop_app.ui.checkout.progress_panel import ProgressPanel
from desktop_app.ui.context import AppContext
from desktop_app.ui.operation import Operation
from desktop_app.ui.panel import Panel

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView


_PROFILE: list[QWebEngineProfile] = []


def payment_profile() -> QWebEngineProfile:
    """One off-the-record profile (no storage name) for the app's lifetime.

    It belongs to the QApplication so that it outlives every page using it: a profile
    destroyed before its pages crashes QtWebEngine.
    """
    from PySide6.QtWebEngineCore import QWebEngineProfile

    if not _PROFILE:
        profile = QWebEngineProfile(QApplication.instance())
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        _PROFILE.append(profile)
    return _PROFILE[0]


def clock(seconds: float) -> str:
    """What is left of the page's time, as a countdown reads: 14:05, then 0:09."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


class SsoPanel(Panel):
    """The page, and above it one plain line: who pays what, and how long the page has left
    (a countdown each second, with the local time it ends). The web view follows the app's
    font and language as far as a page allows it: the profile's Accept-Language is the
    app's language and the view's standard and sans-serif fonts are the app's, so a page that
    honours the one or uses a generic font family shows them; no script or style is ever
    injected into a payment page (a third party's payment form is left as it is served)."""

    closed = Signal()
    left_form = Signal()  # the page went on from its payment form (paid, or the confirm URL)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWebEngineWidgets import QWebEngineView

        from desktop_app.ui.checkout.payment_page import PaymentPage  # QtWebEngine: lazily

        self.profile = payment_profile()
        self.view: QWebEngineView = QWebEngineView(self)
        self.page = PaymentPage(self.profile, self.view)
        # queued: loading another page from inside a navigation decision crashes Chromium
        self.page.returned.connect(self._returned, Qt.ConnectionType.QueuedConnection)
        self.view.setPage(self.page)
        self.view.setAccessibleName("hosted payment page")
        self.status = QLabel()
        self.status.setAccessibleName("hosted page status")
        self.status.setWordWrap(True)
        self.amount = ""
        self.deadline = 0.0         # time.monotonic() when the page's time is up
        self.expires_at = datetime.now()  # the same, on the desk's clock
        self.checks = 0             # gateway look-ups so far (not shown: staff need not count)
        self.overdue = False
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._say_status)
        self.close_button = QPushButton()
        self.close_button.setAccessibleName("close hosted page")
        self.close_button.clicked.connect(self.closed)
        self._first_url = QUrl()
        self._loads = 0
        self.view.loadFinished.connect(self._loaded)
        self.view.urlChanged.connect(self._url_changed)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Close page (Esc)"))
        if self.amount:
            self._say_status()

    def escape(self) -> bool:
        self.closed.emit()
        return True

    def start(self, page: SsoPage, lifetime: float, language: str = "en") -> None:
        """``lifetime``: seconds the page (its SSO token) lasts from now."""
        self.amount = str(page.amount)
        self.deadline = time.monotonic() + lifetime
        self.expires_at = datetime.now() + timedelta(seconds=lifetime)
        self.checks, self.overdue = 0, False
        self._follow_the_app(language)
        self._say_status()
        self.ticker.start()
        self.page.return_urls = {"confirm": page.confirm_url, "cancel": page.cancel_url}
        self._first_url = QUrl(page.url)
        self._loads = 0
        self.view.load(self._first_url)

    def _follow_the_app(self, language: str) -> None:
        from PySide6.QtWebEngineCore import QWebEngineSettings

        self.profile.setHttpAcceptLanguage(f"{language}, en;q=0.5" if language != "en"
                                           else "en")
        settings = self.view.settings()  # the family only: the page keeps its own sizes
        for family in (QWebEngineSettings.FontFamily.StandardFont,
                       QWebEngineSettings.FontFamily.SansSerifFont):
            settings.setFontFamily(family, QApplication.font().family())

    def seconds_left(self) -> float:
        return self.deadline - time.monotonic()

    def _say_status(self) -> None:
        left = self.seconds_left()
        if self.overdue or left <= 0:
            self.ticker.stop()
            self.status.setText(self.tr(
                "The page's time is up. Asking the gateway whether anything was paid on it…"))
            return
        self.status.setText(self.tr(
            "The patient pays {0} on this page. It closes in {1} (at {2}).").format(
            self.amount, clock(left), self.expires_at.strftime("%H:%M")))

    def _returned(self, which: str) -> None:
        """The gateway sent the page to a return URL: paid (check now) or cancelled."""
        if which == "cancel":
            self.closed.emit()
            return
        self._first_url = QUrl()  # what follows is our own page, not the gateway's
        text = html.escape(self.tr("Payment sent. Checking it with the gateway…"))
        self.view.setHtml(f"<!doctype html><body style='font-family: sans-serif'>"
                          f"<p role='status'>{text}</p></body>")
        self.left_form.emit()

    def _loaded(self, _ok: bool) -> None:
        """Any load after the form's own is the page moving on: a posted form (the sandbox
        answers on the same path) or a redirect to the confirm URL."""
        self._loads += 1
        if self._loads > 1 and not self._first_url.isEmpty():
            self.left_form.emit()

    def _url_changed(self, url: QUrl) -> None:
        if (url.scheme() in ("http", "https") and not self._first_url.isEmpty()
                and url != self._first_url):
            self.left_form.emit()

    def on_poll(self, polls: int) -> None:
        """A look-up came back still open. Past the page's time the gateway has not said
        EXPIRED yet (its clock, or it cannot be reached): still not known, never "not paid"."""
        self.checks = polls
        if self.seconds_left() <= 0 and not self.overdue:
            self.overdue = True
            self._say_status()

    def stop(self) -> None:
        self.ticker.stop()
        self._first_url = QUrl()  # blanking the view is not the page moving on
        self.view.setUrl(QUrl("about:blank"))


class HostedCheckout:
    """Runs one hosted payment; returns its Outcome, or None when closed or failed."""

    def __init__(self, ctx: AppContext, stack: QStackedWidget, progress: ProgressPanel) -> None:
        self.ctx = ctx
        self.stack = stack
        self.progress = progress
        self.panel: SsoPanel | None = None
        self.task: asyncio.Task[Outcome] | None = None
        self.follower: PaymentFollower | None = None
        self.closed_by_staff = False

    def ensure_panel(self) -> SsoPanel:
        if self.panel is None:
            self.panel = SsoPanel()
            self.panel.closed.connect(self.close)
            self.stack.addWidget(self.panel)
        return self.panel

    def expires_at(self) -> str:
        """The local time the last page opened stops taking payment."""
        return self.panel.expires_at.strftime("%H:%M") if self.panel is not None else ""

    @property
    def waiting(self) -> bool:
        """The page is open for the patient (closing it is always safe: settled by token)."""
        return self.task is not None and not self.task.done()

    def close(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()

    async def run(self, entry: CheckoutInput) -> Outcome | None:
        sso = self.ctx.sso()
        self.closed_by_staff = False
        self.stack.setCurrentWidget(self.progress)
        op: Operation[SsoPage] = Operation(
            QCoreApplication.translate("CheckoutPage", "Opening the hosted payment page…"),
            presenter=self.ctx.presenter,
            progress=self.progress)
        page = await op.run(self._open(sso, entry))
        if page is None:
            self.stack.setCurrentIndex(0)
            return None
        panel = self.ensure_panel()
        follower = PaymentFollower(self.ctx.runtime.payments, page.reference,
                                   interval=sso.poll_interval)
        self.follower = follower
        panel.left_form.connect(follower.check_now)
        panel.start(page, sso.lifetime, self.ctx.settings.language)
        self.stack.setCurrentWidget(panel)
        panel.setFocus()
        self.task = asyncio.ensure_future(self._follow(follower, panel))
        try:
            return await self.task
        except asyncio.CancelledError:
            if not self.task.cancelled():
                raise
            self.closed_by_staff = True
            self.stack.setCurrentIndex(0)
            return None
        finally:
            panel.left_form.disconnect(follower.check_now)
            panel.stop()
            self.task = None
            self.follower = None

    @staticmethod
    async def _open(sso: SsoCheckout, entry: CheckoutInput) -> SsoPage:
        """The page, or a refusal in words IT can act on (the gateway's own words kept)."""
        try:
            return await sso.open_page(entry.amount, entry.patient_id)
        except SsoLoginRefused as exc:
            text = QCoreApplication.translate(
                "HostedCheckout", "The gateway refused the hosted payment page's login (SSO "
                "account ID, alias or security key): nothing was charged. Ask IT to check the "
                "SSO settings.")
            if exc.gateway_message:
                text += " " + QCoreApplication.translate(
                    "HostedCheckout", "The gateway said: {0}").format(exc.gateway_message)
            raise FrontDeskError(text) from exc

    @staticmethod
    async def _follow(follower: PaymentFollower, panel: SsoPanel) -> Outcome:
        """Until the gateway settles it: past the page's time limit too (the gateway's
        EXPIRED is what says nothing was charged, not our clock)."""
        async for update in follower:
            if update.outcome is not None:
                return update.outcome
            panel.on_poll(update.checks)
        raise AssertionError("a follower only stops once settled")
