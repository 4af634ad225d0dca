"""Cards on file: save the card of an approved sale, and list a patient's saved cards.

Only the gateway's token is kept (by the payment service, in the journal); the desk sees the
brand and last four. The sale stands whether or not saving works.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from qasync import asyncSlot

from desktop_app.domain import FrontDeskError, PaymentRequest, TransactionKind
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.checkout.form import CheckoutForm
from desktop_app.ui.checkout.result_panel import ResultPanel
from desktop_app.ui.context import AppContext

log = logging.getLogger(__name__)


class SavedCardSteps(QObject):
    def __init__(self, ctx: AppContext, form: CheckoutForm) -> None:
        super().__init__(form)
        self.ctx = ctx
        self.form = form
        form.tender.currentIndexChanged.connect(self.load)
        form.patient.editingFinished.connect(self.load)

    @asyncSlot()
    async def load(self) -> None:
        """The patient's saved cards, newest first, when "Card on file" is the tender."""
        if self.form.choice is not TenderChoice.CARD_ON_FILE:
            return
        patient = self.form.patient.text().strip()
        records = (await self.ctx.runtime.journal.saved_cards.for_patient(patient)
                   if patient else [])
        if patient == self.form.patient.text().strip():  # still the same patient
            self.form.set_saved_cards([r.card for r in records], patient)

    async def save(self, sale: PaymentRequest, result: ResultPanel) -> None:
        tender = sale.tender
        if tender is None or (tender.card is None and tender.encrypted is None):
            result.add_note(self.tr("This card cannot be saved on file (no card number)."))
            return
        request = PaymentRequest(TransactionKind.SAVE_ON_FILE, tender=tender,
                                 patient_id=sale.patient_id)
        try:
            outcome = await self.ctx.runtime.payments.process(request)
        except FrontDeskError as exc:
            log.info("save on file failed: %s", type(exc).__name__)
            result.add_note(self.tr("The card was not saved on file: {0}").format(exc))
            return
        if outcome.status.is_success:
            result.add_note(self.tr("Card saved on file: {0}").format(tender.describe()))
        else:
            result.add_note(self.tr("The card was not saved on file: {0}").format(
                outcome.message or outcome.status.value))
        self.ctx.journal_changed.emit()
