"""Void and simple refund from a history row: ask first, then one Operation each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.domain import Money, Outcome, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.store.journal import PaymentRecord
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs import ask_amount, confirm
from desktop_app.ui.operation import DialogProgress, Operation, OpState
from desktop_app.ui.receipts import save_receipt_pdf


class HistoryActions:
    def __init__(self, ctx: AppContext, parent: QWidget,
                 on_busy: Callable[[], None] = lambda: None) -> None:
        self.ctx = ctx
        self.parent = parent
        self.on_busy = on_busy  # the page greys its buttons while one is running
        self.last_outcome: Outcome | None = None
        self.busy = False  # a void or refund is with the gateway

    async def void(self, record: PaymentRecord) -> Outcome | None:
        text = QCoreApplication.translate(
            "HistoryPage", "Void the {0} payment of {1} ({2})? The patient is not charged."
        ).format(record.kind.replace("_", " "), record.approved,
                 record.card_display or record.tender)
        title = QCoreApplication.translate("HistoryPage", "Void payment")
        accept = QCoreApplication.translate("HistoryPage", "Void")
        if not await confirm(self.parent, title, text, accept_label=accept):
            return None
        request = PaymentRequest(TransactionKind.VOID, transaction_id=record.transaction_id,
                                 patient_id=record.patient_id)
        return await self._send(QCoreApplication.translate("HistoryPage", "Voiding…"), request)

    async def simple_refund(self, record: PaymentRecord) -> Outcome | None:
        title = QCoreApplication.translate("HistoryPage", "Refund")
        label = QCoreApplication.translate("HistoryPage", "Amount to refund to {0}:").format(
            record.card_display or record.tender)
        op: Operation[Money | None] = Operation(title, presenter=self.ctx.presenter)
        assert record.approved is not None
        amount = await op.run(ask_amount(self.parent, title, label, record.approved))
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

    async def _send(self, label: str, request: PaymentRequest) -> Outcome | None:
        errors: list[str] = []
        op: Operation[Outcome] = Operation(label, presenter=self.ctx.presenter,
                                           progress=DialogProgress(self.parent),
                                           inline=errors.append)
        self.busy = True
        self.on_busy()
        try:
            outcome = await op.run(self.ctx.runtime.payments.process(request))
            if op.state is not OpState.DONE:
                outcome = await self.ctx.runtime.payments.after_failure(request)
        finally:
            self.busy = False
            self.on_busy()
        self.last_outcome = outcome
        self.ctx.journal_changed.emit()
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
        return outcome

    def receipt(self, record: PaymentRecord) -> Path:
        return save_receipt_pdf(self.ctx.runtime.paths, self.ctx.settings, record)
