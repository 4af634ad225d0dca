"""The "Payment plan" dialog: a patient's balance split into payments on a card saved on file.

Keyboard first: every field has a mnemonic, the schedule is shown as it will be charged
(the last payment carries the extra cents) and updates as staff type, Alt+U sets the plan
up and Escape closes. Setting up is not the default button: the card will be charged later,
so it takes a deliberate choice, never a stray Enter. What the plan service answers
(created, refused, or unknown: "check the gateway's portal") is shown in the dialog.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.domain import FrontDeskError, Money, SavedCard
from desktop_app.domain.plans import MAX_PAYMENTS, MIN_PAYMENTS, Frequency, schedule
from desktop_app.services.plans import PlanService, PlanView
from desktop_app.store.plans import PlanRecord, PlanState, PlanTerms


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class PlanDialog(QDialog):
    def __init__(self, plans: PlanService, patient_id: str, cards: list[SavedCard],
                 balance: Money | None, parent: QWidget | None = None,
                 existing: list[PlanView] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planDialog")
        self.setAccessibleName("payment plan dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.plans, self.patient_id, self.cards = plans, patient_id, cards
        self.record: PlanRecord | None = None
        self.existing = list(existing or [])
        self.plan_list = QListWidget()
        self.plan_list.setAccessibleName("patient plans")
        self.plan_list.setMaximumHeight(90)
        self.total = QLineEdit(balance.wire() if balance is not None else "")
        self.total.setAccessibleName("plan balance")
        self.payments = QSpinBox()
        self.payments.setRange(MIN_PAYMENTS, MAX_PAYMENTS)
        self.payments.setValue(3)
        self.payments.setAccessibleName("plan payments")
        self.frequency = QComboBox()
        self.frequency.setAccessibleName("plan frequency")
        self.start = QDateEdit(QDate.currentDate())
        self.start.setCalendarPopup(True)
        self.start.setAccessibleName("plan start")
        self.card = QComboBox()
        self.card.setAccessibleName("plan card")
        for c in cards:
            self.card.addItem(f"{c.brand} ****{c.last_four}", c.token)
        self.preview = QLabel()
        self.preview.setAccessibleName("plan schedule")
        self.preview.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName("plan message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.create_button = QPushButton()
        self.create_button.setAccessibleName("set up plan")
        self.create_button.setAutoDefault(False)
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("close plan dialog")
        self.close_button.setAutoDefault(False)  # Enter in a field is not "close" either
        self._build()
        self.retranslate()
        for signal in (self.total.textChanged, self.payments.valueChanged,
                       self.frequency.currentIndexChanged, self.start.dateChanged):
            signal.connect(self.show_schedule)
        self.create_button.clicked.connect(self.set_up)
        self.buttons.rejected.connect(self.reject)
        self.show_schedule()

    def _build(self) -> None:
        form = QFormLayout()
        self.labels = [_label("", w) for w in (self.total, self.payments, self.frequency,
                                               self.start, self.card)]
        for label, widget in zip(self.labels, (self.total, self.payments, self.frequency,
                                               self.start, self.card), strict=True):
            form.addRow(label, widget)
        self.patient = QLabel()
        box = QVBoxLayout(self)
        box.addWidget(self.patient)
        box.addWidget(self.plan_list)
        box.addLayout(form)
        box.addWidget(self.preview)
        box.addWidget(self.message)
        box.addWidget(self.buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Payment plan"))
        self.patient.setText(self.tr("Patient {0}").format(self.patient_id))
        for label, text in zip(self.labels, (
                self.tr("&Balance"), self.tr("&Number of payments"), self.tr("&Every"),
                self.tr("&First payment on"), self.tr("&Card on file")), strict=True):
            label.setText(text)
        current = self.frequency.currentIndex()
        self.frequency.clear()
        for frequency, text in ((Frequency.MONTHLY, self.tr("month")),
                                (Frequency.EVERY_TWO_WEEKS, self.tr("two weeks")),
                                (Frequency.WEEKLY, self.tr("week"))):
            self.frequency.addItem(text, frequency.value)
        self.frequency.setCurrentIndex(max(current, 0))
        self.create_button.setText(self.tr("Set &up plan"))
        self.show_plans()
        if not self.cards:
            self.message.setText(self.tr("This patient has no card saved on file. Save a "
                                         "card first (checkout: save card on file)."))

    def balance(self) -> Money:
        total = Money.parse(self.total.text().strip())  # ValidationError: plain words
        if not total.is_positive:
            raise FrontDeskError(self.tr("Enter the balance the plan pays off."))
        return total

    def show_plans(self) -> None:
        """The patient's plans and the gateway's latest word on each (its plan webhooks)."""
        self.plan_list.clear()
        for view in self.existing:
            r = view.record
            state = {PlanState.CREATED: self.tr("set up"),
                     PlanState.REFUSED: self.tr("refused")}.get(
                r.state, self.tr("not confirmed: check the gateway's portal"))
            line = self.tr("{0}: {1} in {2} payments, {3}").format(
                state, r.terms.total.wire(), r.terms.payments, r.terms.card_display)
            if view.updates:
                last = view.updates[-1]
                line += " · " + self.tr("gateway: {0} {1} on {2}").format(
                    last.trigger, last.amount, last.received_at[:10])
            self.plan_list.addItem(line)
        if not self.existing:
            self.plan_list.addItem(self.tr("No payment plan for this patient yet."))

    def terms(self) -> PlanTerms:
        """What staff entered; ``FrontDeskError`` (plain words) when it cannot be a plan."""
        total = self.balance()
        if self.card.currentIndex() < 0:
            raise FrontDeskError(self.tr("Choose a card saved on file."))
        card = self.cards[self.card.currentIndex()]
        return PlanTerms(self.patient_id, total, self.payments.value(),
                         str(self.frequency.currentData()), self._start(), card.token,
                         f"{card.brand} ****{card.last_four}")

    def _start(self) -> date:
        d = self.start.date()
        return date(d.year(), d.month(), d.day())

    def show_schedule(self) -> None:
        try:
            plan = schedule(self.balance(), self.payments.value(),
                            Frequency(self.frequency.currentData()), self._start())
        except FrontDeskError as exc:
            self.preview.setText(str(exc))
            self.create_button.setEnabled(False)
            return
        first, last = plan[0], plan[-1]
        if first[1] == last[1]:
            text = self.tr("{0} payments of {1}, from {2} to {3}.").format(
                len(plan), first[1].wire(), first[0].isoformat(), last[0].isoformat())
        else:
            text = self.tr("{0} payments of {1} and a last one of {2} (it carries the extra "
                           "cents), from {3} to {4}.").format(
                len(plan) - 1, first[1].wire(), last[1].wire(), first[0].isoformat(),
                last[0].isoformat())
        self.preview.setText(text)
        self.create_button.setEnabled(self.record is None and bool(self.cards))

    @asyncSlot()
    async def set_up(self) -> None:
        try:
            terms = self.terms()
        except FrontDeskError as exc:
            self.message.setText(str(exc))
            return
        self.create_button.setEnabled(False)
        self.message.setText(self.tr("Setting up the plan with the gateway…"))
        try:
            record = await self.plans.create(terms)
        except FrontDeskError as exc:
            self.message.setText(str(exc))
            self.create_button.setEnabled(True)
            return
        self.record = record
        self.existing.insert(0, PlanView(record))
        self.show_plans()
        self.message.setText(self._said(record))
        self.create_button.setEnabled(record.state is PlanState.REFUSED)
        if record.state is PlanState.REFUSED:
            self.record = None

    def _said(self, record: PlanRecord) -> str:
        if record.state is PlanState.CREATED:
            return self.tr("Plan set up (gateway plan {0}). First payment on {1}.").format(
                record.plan_id, record.next_date or record.terms.start.isoformat())
        if record.state is PlanState.REFUSED:
            return self.tr("The gateway refused the plan; nothing was set up: {0}").format(
                record.message)
        return self.tr("The gateway's answer did not arrive: the plan may be set up. Check "
                       "the gateway's portal before setting it up again.")


async def plan_for_patient(plans: PlanService, patient_id: str, balance: Money | None,
                           parent: QWidget) -> PlanRecord | None:
    """Open the dialog on the patient's saved cards and wait for it to close (no nested
    event loop: ui/dialogs.py)."""
    from desktop_app.ui.dialogs import finished

    dialog = PlanDialog(plans, patient_id, await plans.saved_cards(patient_id), balance, parent,
                        await plans.plans(patient_id=patient_id))
    await finished(dialog)
    return dialog.record
