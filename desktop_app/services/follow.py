"""Following one payment whose outcome is not known yet, until the gateway settles it.

Every screen that waits on such a payment (the checkout's unknown result, the hosted page,
a void or refund from History) iterates one ``PaymentFollower`` instead of running a polling
loop of its own, so they all agree on the rules:

- the answer comes only from the service layer: the journal, or ``Reconciler.settle`` asking
  the gateway (by reference, or by SSO token for a hosted page); the UI never decides whether
  a payment left or was charged;
- a row someone else settled meanwhile (the background watch, another workstation) is taken
  as it stands, never asked about again;
- a failed look-up is logged and the following goes on: it ends only with an answer, or when
  the consumer stops iterating (a closed page, a new payment). No deadline of its own: a
  hosted page's token ends as EXPIRED at the gateway, and "not known" is never turned into
  "not charged" by a clock here;
- ``check_now()`` skips the wait (the hosted page just reached its confirm page).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from desktop_app.domain import Outcome, OutcomeStatus
from desktop_app.services.payments import PaymentService
from desktop_app.store import UNRESOLVED_STATES, PaymentRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FollowUpdate:
    checks: int                # look-ups made so far
    outcome: Outcome | None    # the settled outcome; None while still not known

    @property
    def settled(self) -> bool:
        return self.outcome is not None


def outcome_of(record: PaymentRecord) -> Outcome:
    """A settled journal row as the Outcome the screens show."""
    status = (OutcomeStatus.UNKNOWN if record.state in UNRESOLVED_STATES
              else OutcomeStatus(record.state.value))
    return Outcome(status, reference=record.reference, requested=record.amount,
                   approved=record.approved, transaction_id=record.transaction_id,
                   response_code=record.response_code, message=record.message,
                   auth_code=record.auth_code, card_brand=record.card_brand,
                   last_four=record.last_four, entry_mode=record.entry_mode,
                   sso_token=record.sso_token)


class PaymentFollower:
    """``async for update in PaymentFollower(payments, reference): ...`` yields after each
    look-up and stops after the one that settled it. Stop early with ``break`` (or by
    cancelling the task that iterates)."""

    def __init__(self, payments: PaymentService, reference: str, *, interval: float = 5.0,
                 check_first: bool = True) -> None:
        """``check_first``: False when the caller has just asked (PaymentService already
        looked the payment up before saying unknown)."""
        self.payments = payments
        self.reference = reference
        self.interval = interval
        self.check_first = check_first
        self._wake = asyncio.Event()

    def check_now(self) -> None:
        """Ask the gateway at once instead of at the next interval."""
        self._wake.set()

    async def __aiter__(self) -> AsyncIterator[FollowUpdate]:
        checks = 0
        if not self.check_first:
            await self._pause()
        while True:
            self._wake.clear()  # a check_now() during the look-up still wakes the next wait
            outcome = await self._look_up()
            checks += 1
            yield FollowUpdate(checks, outcome)
            if outcome is not None:
                return
            await self._pause()

    async def _pause(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self.interval)

    async def _look_up(self) -> Outcome | None:
        try:
            record = await self.payments.journal.get(self.reference)
            if record is None:
                return None  # not journaled (yet): nothing to settle, keep asking
            if record.state not in UNRESOLVED_STATES:
                return outcome_of(record)  # settled meanwhile by someone else
            return await self.payments.reconciler.settle(record)
        except Exception:  # one failed look-up must not end the following
            log.exception("checking payment %s failed", self.reference)
            return None


async def follow_until_settled(follower: PaymentFollower) -> Outcome:
    """The settled outcome, for callers that need no progress."""
    async for update in follower:
        if update.outcome is not None:
            return update.outcome
    raise AssertionError("a follower only stops once settled")  # pragma: no cover
