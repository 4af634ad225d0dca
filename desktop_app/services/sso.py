"""Hosted SSO payment: ask for a token, show its page, poll until complete or EXPIRED.

The token comes from the SSO endpoint (the ACS form POST, ``gateway/sso_form.py``) with the
page to open in its ``relayState`` header. Then, as the portal's polling page prescribes:
``GetSSOTokenStatus`` every 10 s for up to the token's 15-minute life; NEW keeps waiting,
EXPIRED ends (nothing charged), complete fetches the details (NVP ``ViewReceipt`` by
``singleSignOnToken``; SSOService ``GetTransactionDetails`` only if that is refused:
``GatewayClient.sso_receipt``) and journals them. Qt-free: the checkout dialog runs
``wait_for_payment`` as a task and cancels it when closed; the journal row then stays open
and the reconciler settles it by token later, so a payment made on the page is never lost.

Where money may move, and who records it: the token request charges nothing by itself and
goes through ``PaymentService.process`` like any payment (write-ahead intent, crash points,
error journaling, cancel); its token is journaled before the page is shown, so a crash
between token and page is settled by token (NEW waits, EXPIRED: nothing charged, complete:
adopted from the receipt), and a crash before it means no page was ever shown. Only the
patient's payment on the gateway's own page moves money, and only the reconciler's adoption
of its receipt records it. This module writes no payment state itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.gateway.sso_form import SsoLoginRefused
from desktop_app.gateway.sso_protocol import sso_table
from desktop_app.services.payments import PaymentService
from desktop_app.store import JournalState, JournalUnavailable

log = logging.getLogger(__name__)


__all__ = ["SsoCheckout", "SsoLoginRefused", "SsoPage"]


@dataclass(frozen=True)
class SsoPage:
    reference: str
    token: str
    url: str            # the relay-state URL to open
    amount: Money
    confirm_url: str = ""  # where the gateway sends the page once paid / cancelled
    cancel_url: str = ""


@dataclass
class SsoCheckout:
    payments: PaymentService
    poll_interval: float = 10.0
    lifetime: float = 15 * 60.0
    # Past our own deadline the gateway's clock may not have expired the token yet: keep
    # asking this long for its EXPIRED (nothing charged) before saying "not known yet".
    expiry_grace: float = 60.0

    async def open_page(self, amount: Money, patient_id: str = "") -> SsoPage:
        request = PaymentRequest(TransactionKind.SSO_TOKEN, amount=amount, patient_id=patient_id)
        reply = await self.payments.process(request)
        t = sso_table()
        return SsoPage(request.reference, reply.sso_token, reply.relay_state_url, amount,
                       t.return_url("confirm_url"), t.return_url("cancel_url"))

    async def wait_for_payment(self, page: SsoPage,
                               on_poll: Callable[[int], None] | None = None) -> Outcome:
        """Poll until the page is paid or expires. Cancel the task to stop polling."""
        deadline = time.monotonic() + self.lifetime
        polls = 0
        while True:
            settled = await self._check(page)
            polls += 1
            if on_poll is not None:
                on_poll(polls)
            if settled is not None:
                return settled
            now = time.monotonic()
            if now >= deadline + self.expiry_grace:
                return Outcome(OutcomeStatus.UNKNOWN, reference=page.reference,
                               requested=page.amount, sso_token=page.token,
                               message="The payment page has not reported back yet; the app "
                                       "keeps checking.")
            if now >= deadline:  # the token's life is over: ask until the gateway says so
                await asyncio.sleep(min(self.poll_interval, deadline + self.expiry_grace - now))
            else:
                await asyncio.sleep(min(self.poll_interval, deadline - now))

    async def _check(self, page: SsoPage) -> Outcome | None:
        """None while the page is open, and while the journal cannot be reached: what the
        patient did is only told once it is journaled."""
        try:
            record = await self.payments.journal.get(page.reference)
            if record is None:
                raise RuntimeError(f"hosted payment {page.reference} is not in the journal")
            if record.state is not JournalState.SENT:  # settled meanwhile (the watch)
                return record.as_outcome()
            return await self.payments.reconciler.settle_sso(record)
        except JournalUnavailable as exc:
            log.warning("hosted payment %s not checked: %s", page.reference, exc.detail)
            return None
