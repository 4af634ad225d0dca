"""Void and simple refund from a history row: ask first, then one Operation each.

What a row allows (``can_void``, ``can_refund``, what is left to refund) is the history
entry's answer (services/history.py); whether a void or refund that failed may still have
gone through is the payment service's (``after_failure``); a void or refund whose outcome is
not known is followed by the one ``PaymentFollower`` (services/follow.py) until it is settled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.services.follow import PaymentFollower
from desktop_app.services.history import HistoryEntry
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs import ask_amount, confirm
from desktop_app.ui.history.settle_dialog import ask_portal_verdict
from desktop_app.ui.history.words import word
from desktop_app.ui.operation import DialogProgress, Operation, OpState

FOLLOW_SECONDS = 5.0  # how often an unknown void or refund is asked about


class HistoryActions:
    def __init__(self, ctx: AppContext, parent: QWidget,
                 on_busy: Callable[[], None] = lambda: None) -> None:
        self.ctx = ctx
        self.parent = parent
        self.on_busy = on_busy  # the page greys its buttons while one is running
        self.last_outcome: Outcome | None = None
        self.busy = False  # a void or refund is with the gateway
        self.following: asyncio.Task[None] | None = None

    async def void(self, entry: HistoryEntry) -> Outcome | None:
        record = entry.payment
        text = QCoreApplication.translate(
            "HistoryPage", "Void the {0} payment of {1} ({2})? The patient is not charged."
        ).format(word(record.kind), record.approved, record.card_display or record.tender)
        title = QCoreApplication.translate("HistoryPage", "Void payment")
        accept = QCoreApplication.translate("HistoryPage", "Void")
        if not await confirm(self.parent, title, text, accept_label=accept):
            return None
        request = PaymentRequest(TransactionKind.VOID, transaction_id=record.transaction_id,
                                 patient_id=record.patient_id)
        return await self._send(QCoreApplication.translate("HistoryPage", "Voiding…"), request)

    async def simple_refund(self, entry: HistoryEntry) -> Outcome | None:
        record, left = entry.payment, entry.refundable
        if left is None:
            return None
        title = QCoreApplication.translate("HistoryPage", "Refund")
        label = QCoreApplication.translate("HistoryPage", "Amount to refund to {0}:").format(
            record.card_display or record.tender)
        op: Operation[Money | None] = Operation(title, presenter=self.ctx.presenter)
        amount = await op.run(ask_amount(self.parent, title, label, left))
        if amount is None:
            return None
        text = QCoreApplication.translate("HistoryPage", "Refund {0} of the {1} payment?").format(
            amount, record.approved)
        if not await confirm(self.parent, title, text, accept_label=title):
            return None
        request = PaymentRequest(TransactionKind.SIMPLE_REFUND, amount=amount,
                                 transaction_id=record.transaction_id,
                                 patient_id=record.patient_id)
        return await self._send(QCoreApplication.translate("HistoryPage", "Refunding…"), request)

    async def settle_by_hand(self, entry: HistoryEntry) -> Outcome | None:
        """The last channel for a payment no channel has settled: what the gateway's portal
        shows (``settle_dialog``), recorded by the payment service (audited, conditional on
        the row)."""
        verdict = await ask_portal_verdict(entry.payment, self.parent)
        if verdict is None:
            return None
        op: Operation[Outcome] = Operation(
            QCoreApplication.translate("HistoryPage", "Recording…"),
            presenter=self.ctx.presenter)
        outcome = await op.run(self.ctx.runtime.payments.settle_by_hand(
            entry.payment.reference, verdict.transaction_id, verdict.amount))
        self.ctx.journal_changed.emit()
        return outcome

    async def _send(self, label: str, request: PaymentRequest) -> Outcome | None:
        errors: list[str] = []
        op: Operation[Outcome] = Operation(label, presenter=self.ctx.presenter,
                                           progress=DialogProgress(self.parent),
                                           inline=errors.append)
        self.busy = True
        self.on_busy()
        try:
            outcome = await op.run(self.ctx.runtime.payments.process(request))
            if op.state is not OpState.DONE:  # cancelled or failed: did it leave? ask
                outcome = await self.ctx.runtime.payments.after_failure(request)
        finally:
            self.busy = False
            self.on_busy()
        self.last_outcome = outcome
        self.ctx.journal_changed.emit()
        self._say(outcome, errors)
        if outcome is not None and outcome.status is OutcomeStatus.UNKNOWN:
            self.following = asyncio.ensure_future(self._follow(request.reference))
        return outcome

    def _say(self, outcome: Outcome | None, errors: list[str]) -> None:
        if outcome is not None and outcome.status is OutcomeStatus.UNKNOWN:
            self.ctx.presenter.present_text(QCoreApplication.translate(
                "HistoryPage", "The result is not known yet: it may have gone through. Do not "
                "repeat it; History shows the result as soon as the gateway answers."))
        elif outcome is not None and not outcome.status.is_success:
            declined = outcome.status is OutcomeStatus.DECLINED
            self.ctx.presenter.present_text(
                (QCoreApplication.translate("HistoryPage", "Declined: {0}") if declined else
                 QCoreApplication.translate("HistoryPage", "Not processed: {0}"))
                .format(outcome.message or QCoreApplication.translate(
                    "HistoryPage", "no reason given")))
        elif errors:
            self.ctx.presenter.present_text(errors[-1])

    async def _follow(self, reference: str) -> None:
        """History shows the answer as soon as it comes (the row, its sale's buttons)."""
        follower = PaymentFollower(self.ctx.runtime.payments, reference,
                                   interval=FOLLOW_SECONDS, check_first=False)
        async for update in follower:
            if update.outcome is not None:
                self.last_outcome = update.outcome
                self.ctx.journal_changed.emit()
