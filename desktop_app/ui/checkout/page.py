"""The checkout page: form → waiting / processing → result (or the hosted page).

Every step says what is being charged to whom (the amount large, the patient / account). A
scanned check is shown for staff to compare before it is sent; a partial approval offers the
balance with another tender or voiding the part the card paid.

Cancel while a device waits stops the device itself (the PIN pad goes back to idle), then the
form says nothing was charged; Cancel once the gateway has the request may still charge, and
the result then says unknown, never declined.
"""

from __future__ import annotations

import asyncio

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget
from qasync import asyncSlot

from desktop_app.domain import (
    FrontDeskError,
    Money,
    Outcome,
    OutcomeStatus,
    PaymentRequest,
    Tender,
    TransactionKind,
    kind_for_tender,
)
from desktop_app.services.eligibility import checker
from desktop_app.services.follow import PaymentFollower
from desktop_app.store.journal import PaymentRecord
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.checkout.devices import CheckoutDevices, CheckScanFailed
from desktop_app.ui.checkout.eligibility import attach_eligibility, default_payer
from desktop_app.ui.checkout.form import CheckoutForm, CheckoutInput
from desktop_app.ui.checkout.hosted import HostedCheckout
from desktop_app.ui.checkout.micr_confirm import MicrConfirm
from desktop_app.ui.checkout.phone_check import AUDIT_EVENT
from desktop_app.ui.checkout.progress_panel import ProgressPanel
from desktop_app.ui.checkout.result_panel import ResultPanel
from desktop_app.ui.checkout.saving import SavedCardSteps
from desktop_app.ui.checkout.tenders import FieldProblem
from desktop_app.ui.context import AppContext
from desktop_app.ui.dialogs import confirm
from desktop_app.ui.errors import message_for
from desktop_app.ui.operation import Operation, OpState
from desktop_app.ui.plans.dialog import plan_for_patient
from desktop_app.ui.receipts import open_print_dialog, receipt_name, save_receipt_pdf
from desktop_app.ui.save_dialog import save_and_offer
from drivers.parsers.micr import MicrLine

# How often the result panel asks about an unknown payment. The payment service has just
# looked it up a few times before saying unknown, hence no check before the first wait.
UNKNOWN_CHECK_SECONDS = 5.0


class CheckoutPage(QWidget):
    def __init__(self, ctx: AppContext, form: CheckoutForm | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form or CheckoutForm()  # the main window's, typed in while starting
        self.progress = ProgressPanel()
        self.result = ResultPanel()
        self.micr = MicrConfirm()
        self.stack = QStackedWidget()
        for panel in (self.form, self.progress, self.result, self.micr):
            self.stack.addWidget(panel)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # the form stays where it was while starting
        box.addWidget(self.stack)
        self.eligibility = attach_eligibility(  # issue 16: check-in coverage, copay → amount
            box, checker(ctx.runtime.gateway, lambda: ctx.settings, ctx.runtime.journal),
            self.form.amount, self.form.patient, default_payer(ctx.settings))
        self.hosted = HostedCheckout(ctx, self.stack, self.progress)
        self.devices = CheckoutDevices(ctx)
        self.saving = SavedCardSteps(ctx, self.form)
        self.last_input: CheckoutInput | None = None
        self.busy = False
        self._check_fallback = ""
        self._check_read: MicrLine | None = None
        self._watch: asyncio.Task[None] | None = None
        self.form.submitted.connect(self.pay)
        self.result.new_payment.connect(self.new_payment)
        self.result.try_again.connect(self._try_again)
        self.result.take_balance.connect(self._take_balance)
        self.result.void_first_part.connect(self._void_first_part)
        self.result.plan_balance.connect(self._plan_balance)
        self.result.print_receipt.connect(self._receipt)
        self.result.print_to_printer.connect(self._print)
        self.print_dialog: QPrintDialog | None = None
        self.form.help_closed.connect(lambda: ctx.remember(sandbox_help_seen=True))
        self.show_sandbox_help()

    def show_sandbox_help(self) -> None:
        s = self.ctx.settings
        on = s.environment.value == "sandbox"
        self.form.set_sandbox(on, show_help=on and not s.sandbox_help_seen)

    def new_payment(self) -> None:
        self.form.clear()
        self.stack.setCurrentWidget(self.form)
        self.form.patient.setFocus()

    def take_payment(self, patient_id: str, copay: Money | None) -> bool:
        """From History's coverage check: a new payment for this patient, the copay as the
        amount (staff can change it). False while a payment is under way: it stays shown."""
        if self.busy:
            return False
        self.new_payment()
        self.form.patient.setText(patient_id)
        self.form.amount.setText(str(copay.amount) if copay is not None else "")
        self.form.amount.setFocus()
        self.form.amount.selectAll()
        return True

    def come_back(self) -> None:
        """Staff return to Checkout from another page: a clean form with the cursor in the
        first field, never the last patient's result; a payment under way stays on screen."""
        if not self.busy:
            self.new_payment()

    def _form_error(self, text: str, tone: str = "bad") -> None:
        self.stack.setCurrentWidget(self.form)
        self.form.say_problem(text, tone=tone)

    @asyncSlot()
    async def pay(self) -> None:
        if self.busy:
            return
        self.form.clinic = (self.ctx.settings.clinic_name or self.ctx.settings.receipt_header,
                            self.ctx.settings.clinic_phone)
        try:
            entry = self.form.read()
        except FieldProblem as exc:  # that field alone is cleared; the others stay as typed
            text = message_for(exc)
            self.ctx.presenter.present(exc, "checkout form", lambda _t: None)
            self.stack.setCurrentWidget(self.form)
            self.form.point_at(exc.field, text)
            return
        except FrontDeskError as exc:
            self.ctx.presenter.present(exc, "checkout form", self._form_error)
            return
        self.form.wipe_sensitive()
        self.last_input = entry
        self.progress.set_payment(str(entry.amount), entry.patient_id)
        self.result.set_payment(entry.patient_id,
                                entry.tender.describe() if entry.tender else "")
        self.busy = True
        try:
            if entry.choice is TenderChoice.HOSTED_PAGE:
                await self._show(await self.hosted.run(entry), hosted=True)
                if self.hosted.closed_by_staff:
                    self._form_error(self.tr(
                        "Hosted page closed. The app keeps checking it in the background "
                        "until it expires at {0}: if the patient paid on it, the payment shows "
                        "in History; if not, History says nothing was charged.").format(
                        self.hosted.expires_at()), "info")
            else:
                await self._charge(entry)
        finally:
            self.busy = False
            self.ctx.journal_changed.emit()

    async def _charge(self, entry: CheckoutInput) -> None:
        requests: list[PaymentRequest] = []
        errors: list[str] = []
        op: Operation[Outcome | None] = Operation(
            self.tr("Processing…"), presenter=self.ctx.presenter, progress=self.progress,
            inline=errors.append, stop_device=self.devices.cancel)
        self.stack.setCurrentWidget(self.progress)
        self._check_fallback = ""
        outcome = await op.run(self._capture_and_send(entry, op, requests))
        if op.state is OpState.CANCELLED:
            await self._after_cancel(requests)
        elif op.state is OpState.FAILED:
            # an error once the request may have left is an unknown outcome, never "try again"
            unknown = (await self.ctx.runtime.payments.after_failure(requests[0])
                       if requests else None)
            if unknown is not None:
                await self._show(unknown)
            else:
                self._show_error(errors[-1])
        elif self._check_fallback:
            self.form.key_check(self._check_read)  # before the message: edits clear it
            self._form_error(self._check_fallback)
        elif outcome is not None:
            await self._show(outcome)
            if entry.save_card and requests and outcome.status.is_success:
                await self.saving.save(requests[0], self.result)

    async def _capture_and_send(self, entry: CheckoutInput, op: Operation[Outcome | None],
                                requests: list[PaymentRequest]) -> Outcome | None:
        tender = entry.tender
        if tender is None and entry.choice is TenderChoice.CHECK_AT_DESK:
            try:
                tender = await self.devices.check(op.update)
            except CheckScanFailed as exc:
                self._check_fallback, self._check_read = str(exc), exc.read
                return None
            await self._confirm_check(tender, entry)
        elif tender is None:
            tender = await self.devices.card(entry.amount, op.update)
        self.result.set_payment(entry.patient_id, tender.describe())
        op.update(self.tr("Processing {0}…").format(tender.describe()))
        request = PaymentRequest(kind_for_tender(tender), amount=entry.amount, tender=tender,
                                 patient_id=entry.patient_id)
        if entry.authorization:  # kept with the payment before the request leaves
            await self.ctx.runtime.journal.audit(AUDIT_EVENT, True, request.reference,
                                                 entry.authorization)
        requests.append(request)
        return await self.ctx.runtime.payments.process(request)

    async def _confirm_check(self, tender: Tender, entry: CheckoutInput) -> None:
        """The MICR fields on screen until staff send the check or cancel (nothing sent)."""
        assert tender.bank_account is not None
        self.stack.setCurrentWidget(self.micr)
        try:
            send = await self.micr.ask(tender.bank_account, str(entry.amount))
        finally:
            self.stack.setCurrentWidget(self.progress)
        if not send:
            raise asyncio.CancelledError

    async def _after_cancel(self, requests: list[PaymentRequest]) -> None:
        """Cancelled before sending: nothing charged. After: it may have charged. Which of
        the two is the payment service's call (``after_failure``), never this page's."""
        unknown = (await self.ctx.runtime.payments.after_failure(requests[0])
                   if requests else None)
        if unknown is None:
            self.form.amount.setText(str(self.last_input.amount.amount)
                                     if self.last_input else "")
            self._form_error(self.tr("Payment cancelled. Nothing was charged."), "info")
            self.form.amount.setFocus()
            return
        await self._show(unknown)

    def _show_error(self, text: str) -> None:
        self.result.show_error(text)
        self.stack.setCurrentWidget(self.result)

    async def _show(self, outcome: Outcome | None, hosted: bool = False) -> None:
        if outcome is None:
            return
        self.result.show_outcome(outcome, hosted=hosted)
        self.stack.setCurrentWidget(self.result)
        if self._watch is not None and not self._watch.done():
            self._watch.cancel()  # an earlier unknown one is left to the background watch
        if outcome.status is OutcomeStatus.UNKNOWN and outcome.reference:
            self._watch = asyncio.ensure_future(self._follow_unknown(outcome.reference))

    def _still_shown(self, reference: str) -> bool:
        shown = self.result.outcome
        return shown is not None and shown.reference == reference

    async def _follow_unknown(self, reference: str) -> None:
        """Follow an unknown payment while its result is on the panel (services/follow.py);
        show the answer when it comes, without taking the keyboard from what staff do now.
        (The runtime's background watch settles it too, and History shows it either way.)"""
        follower = PaymentFollower(self.ctx.runtime.payments, reference,
                                   interval=UNKNOWN_CHECK_SECONDS, check_first=False)
        async for update in follower:
            if not self._still_shown(reference):
                return  # a new payment is on the panel: the background watch takes over
            if update.outcome is None:
                continue
            self.ctx.journal_changed.emit()
            self.result.show_outcome(update.outcome,
                                     take_focus=self.stack.currentWidget() is self.result)

    def _try_again(self) -> None:
        self.stack.setCurrentWidget(self.form)
        if self.last_input is not None:
            self.form.patient.setText(self.last_input.patient_id)
            self.form.amount.setText(str(self.last_input.amount.amount))
        self.form.tender.setFocus()

    @asyncSlot()
    async def _plan_balance(self) -> None:
        """The balance a partial approval left, set up as a payment plan (ui/plans)."""
        outcome = self.result.outcome
        if outcome is not None and self.result.patient:
            await plan_for_patient(self.ctx.runtime.plans, self.result.patient,
                                   outcome.balance_due, self)

    def _take_balance(self) -> None:
        outcome = self.result.outcome
        if outcome is None or outcome.balance_due is None:
            return
        patient = self.last_input.patient_id if self.last_input else ""
        note = self.tr("Balance of payment {0}: the first tender ({1}) paid {2} of {3}.").format(
            outcome.reference, self.result.tender_text or "-", outcome.approved,
            outcome.requested)
        self.form.prefill_balance(patient, outcome.balance_due, note)
        self.stack.setCurrentWidget(self.form)
        self.form.tender.setFocus()

    @asyncSlot()
    async def _void_first_part(self) -> None:
        """Reverse a partial approval: the patient pays nothing on that card, and the whole
        amount can be taken again with one tender."""
        outcome = self.result.outcome
        if self.busy or outcome is None or not outcome.transaction_id:
            return
        question = self.tr("Void the {0} the card paid? The patient is then charged nothing "
                           "for this payment.").format(outcome.approved)
        if not await confirm(self, self.tr("Void the approved part"), question,
                             accept_label=self.tr("Void")):
            return
        request = PaymentRequest(TransactionKind.VOID, transaction_id=outcome.transaction_id,
                                 patient_id=self.result.patient)
        errors: list[str] = []
        op: Operation[Outcome | None] = Operation(
            self.tr("Voiding…"), presenter=self.ctx.presenter, progress=self.progress,
            inline=errors.append)
        self.busy = True
        self.progress.set_payment(str(outcome.approved), self.result.patient)
        self.stack.setCurrentWidget(self.progress)
        try:
            voided = await op.run(self.ctx.runtime.payments.process(request))
        finally:
            self.busy = False
            self.ctx.journal_changed.emit()
        if voided is None:
            unknown = await self.ctx.runtime.payments.after_failure(request)
            if unknown is not None:
                await self._show(unknown)
            else:
                self.result.show_outcome(outcome)  # nothing changed: the balance is still due
                self.result.add_note(errors[-1] if errors else "")
                self.stack.setCurrentWidget(self.result)
            return
        if voided.status.is_success:
            self.result.show_voided(outcome)
            self.stack.setCurrentWidget(self.result)
        else:
            await self._show(voided)

    async def _shown_record(self) -> PaymentRecord | None:
        outcome = self.result.outcome
        if outcome is None or not outcome.reference:
            return None
        return await self.ctx.runtime.journal.get(outcome.reference)

    @asyncSlot()
    async def _print(self) -> None:
        record = await self._shown_record()
        if record is not None:
            self.print_dialog = open_print_dialog(self, self.ctx.settings, record)

    @asyncSlot()
    async def _receipt(self) -> None:
        record = await self._shown_record()
        if record is None:
            return
        paths, settings = self.ctx.runtime.paths, self.ctx.settings
        await save_and_offer(
            self, self.ctx, title=self.tr("Save the receipt"), name=receipt_name(record),
            file_filter=self.tr("PDF files (*.pdf)"), fallback=paths.data_dir / "receipts",
            write=lambda target: save_receipt_pdf(paths, settings, record, target),
            say=self.result.add_note)
