"""Hosted SSO payment: ask for a token, show its page, poll until COMPLETE or EXPIRED.

As the overview prescribes: poll ``GetSSOTokenStatus`` every 10 s for up to the token's
15-minute life; NEW keeps waiting, EXPIRED ends (nothing charged), COMPLETE fetches the
details with NVP ``ViewReceipt`` and journals them. Qt-free: the checkout dialog runs
``wait_for_payment`` as a task and cancels it when closed; the journal row then stays open
and the reconciler settles it by token later, so a payment made on the page is never lost.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.services.payments import PaymentService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SsoPage:
    reference: str
    token: str
    url: str
    amount: Money


@dataclass
class SsoCheckout:
    payments: PaymentService
    poll_interval: float = 10.0
    lifetime: float = 15 * 60.0

    async def open_page(self, amount: Money, patient_id: str = "") -> SsoPage:
        svc = self.payments
        await svc.require_terminal_clear()
        request = PaymentRequest(TransactionKind.SSO_TOKEN, amount=amount, patient_id=patient_id)
        await svc.journal.record_intent(request, terminal_id=svc.terminal_id, protocol="nvp")
        await svc.journal.mark_sent(request.reference)
        reply = await svc.gateway.send(request)
        await svc.journal.attach_sso_token(request.reference, reply.sso_token)
        return SsoPage(request.reference, reply.sso_token, reply.relay_state_url, amount)

    async def wait_for_payment(self, page: SsoPage,
                               on_poll: Callable[[int], None] | None = None) -> Outcome:
        """Poll until the page is paid or expires. Cancel the task to stop polling."""
        deadline = time.monotonic() + self.lifetime
        polls = 0
        while True:
            record = await self.payments.journal.get(page.reference)
            assert record is not None
            settled = await self.payments.reconciler.settle_sso(record)
            polls += 1
            if on_poll is not None:
                on_poll(polls)
            if settled is not None:
                return settled
            if time.monotonic() >= deadline:
                return Outcome(OutcomeStatus.UNKNOWN, reference=page.reference,
                               requested=page.amount, sso_token=page.token,
                               message="The payment page has not reported back yet; the app "
                                       "keeps checking.")
            await asyncio.sleep(self.poll_interval)
