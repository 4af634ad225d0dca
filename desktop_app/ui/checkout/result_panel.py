"""What came of a payment, in words the desk can act on: the state, the amount large, for whom
and with what (a declined card is named, so staff ask for another one, not the same).

An unknown outcome is never shown as declined: it says do not charge again, and the page
keeps checking with the gateway until it knows. A hosted page that ended without a payment
(its token expired, or the gateway never issued one) says so plainly: not paid, nothing
charged, which is what the service's ERROR outcome means.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain import Outcome, OutcomeStatus
from desktop_app.ui.history.words import journal_message
from desktop_app.ui.panel import Panel


class ResultPanel(Panel):
    new_payment = Signal()
    try_again = Signal()
    take_balance = Signal()
    void_first_part = Signal()   # reverse a partial approval instead of taking the balance
    plan_balance = Signal()      # or set the balance up as a payment plan (ui/plans)
    print_receipt = Signal()     # save the receipt as PDF
    print_to_printer = Signal()   # Qt's print dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome: Outcome | None = None
        self.hosted = False  # the outcome is a hosted page's
        self.headline = QLabel()
        self.headline.setObjectName("resultHeadline")
        self.headline.setAccessibleName("result")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.patient = ""        # who paid, and with what, as the page knows it
        self.tender_text = ""
        self.amount = QLabel()
        self.amount.setObjectName("bigAmount")
        self.amount.setAccessibleName("result amount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel()
        self.who.setObjectName("paymentWho")
        self.who.setAccessibleName("result payment")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.details = QLabel()
        self.details.setAccessibleName("result details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        # two short rows, not one long one: the panel never makes the window wider
        rows = ((("take balance", self.take_balance), ("void first part", self.void_first_part),
                 ("try again", self.try_again), ("new payment", self.new_payment)),
                (("plan balance", self.plan_balance), ("print receipt", self.print_receipt),
                 ("print this receipt", self.print_to_printer)))
        layouts = []
        for keys in rows:
            row = QHBoxLayout()
            row.addStretch(1)
            for key, signal in keys:
                button = QPushButton()
                button.setAccessibleName(key)
                button.clicked.connect(signal)
                self.buttons[key] = button
                row.addWidget(button)
            row.addStretch(1)
            layouts.append(row)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.headline)
        box.addWidget(self.amount)
        box.addWidget(self.who)
        box.addWidget(self.details)
        for row in layouts:
            box.addLayout(row)
        box.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        b = self.buttons
        b["take balance"].setText(self.tr("Take the &balance with another tender"))
        b["void first part"].setText(self.tr("&Void the approved part"))
        b["plan balance"].setText(self.tr("Payment p&lan for the balance…"))
        b["try again"].setText(self.tr("Try again"))
        b["print receipt"].setText(self.tr("Receipt (PDF)…"))
        b["print this receipt"].setText(self.tr("&Print…"))
        b["new payment"].setText(self.tr("New payment"))
        if self.outcome is not None:
            self.show_outcome(self.outcome, take_focus=False, hosted=self.hosted)

    def escape(self) -> bool:
        self.new_payment.emit()
        return True

    def set_payment(self, patient: str, tender_text: str = "") -> None:
        """For whom, and with what: said on every result until the next payment."""
        self.patient, self.tender_text = patient, tender_text

    def show_outcome(self, outcome: Outcome, take_focus: bool = True,
                     hosted: bool = False) -> None:
        """``take_focus``: False when the panel is updated in the background. ``hosted``:
        the outcome of a hosted payment page."""
        self.outcome = outcome
        self.hosted = hosted
        headline, details, tone = self._texts(outcome)
        self.amount.setText(self._amount(outcome))
        self.amount.setVisible(bool(self.amount.text()))
        self.who.setText(self._who(outcome))
        self.who.setVisible(bool(self.who.text()))
        self.headline.setText(headline)
        self.headline.setProperty("tone", tone)
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self.details.setText(details)
        s = outcome.status
        visible = {"take balance": s is OutcomeStatus.PARTIALLY_APPROVED,
                   "void first part": s is OutcomeStatus.PARTIALLY_APPROVED
                   and bool(outcome.transaction_id),
                   "plan balance": s is OutcomeStatus.PARTIALLY_APPROVED and bool(self.patient),
                   "try again": s in (OutcomeStatus.DECLINED, OutcomeStatus.ERROR),
                   "print receipt": s.is_success, "print this receipt": s.is_success,
                   "new payment": True}
        for key, on in visible.items():
            self.buttons[key].setVisible(on)
        focus = {OutcomeStatus.PARTIALLY_APPROVED: "take balance",
                 OutcomeStatus.DECLINED: "try again"}.get(s, "new payment")
        for key, button in self.buttons.items():
            button.setDefault(key == focus)
        if take_focus:
            self.buttons[focus].setFocus()

    def show_voided(self, partial: Outcome) -> None:
        """The partial approval was voided: nothing is charged for this payment."""
        self.show_outcome(partial)
        self.outcome = None  # nothing left to print, take or void
        self.headline.setText(self.tr("Approved part voided: nothing was charged"))
        self.headline.setProperty("tone", "info")
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self.amount.setText(str(partial.requested or ""))
        self.details.setText(self.tr("The card's {0} was released. Take the whole amount "
                                     "again with one tender, or start a new payment.").format(
            partial.approved))
        for key, button in self.buttons.items():
            button.setVisible(key in ("new payment", "try again"))
        self.buttons["try again"].setFocus()

    def add_note(self, text: str) -> None:
        self.details.setText(f"{self.details.text()}\n{text}".strip())

    def show_error(self, message: str) -> None:
        self.show_outcome(Outcome(OutcomeStatus.ERROR, message=message))

    def _card(self, o: Outcome) -> str:
        if not o.last_four:
            return self.tender_text
        return f"{o.card_brand} ****{o.last_four}".strip()

    def _amount(self, o: Outcome) -> str:
        """The money in question, large: what was approved, else what was asked. Not when
        nothing was processed: then the amount is only named (``_who``)."""
        if o.status is OutcomeStatus.ERROR:
            return ""
        if o.status is OutcomeStatus.PARTIALLY_APPROVED and o.approved and o.requested:
            return self.tr("{0} of {1}").format(o.approved, o.requested)
        money = o.approved if o.status is OutcomeStatus.APPROVED and o.approved else o.requested
        return str(money) if money is not None else ""

    def _who(self, o: Outcome) -> str:
        parts = []
        if o.status is OutcomeStatus.ERROR and o.requested is not None:
            parts.append(str(o.requested))
        if self.patient:
            parts.append(self.tr("Patient / account {0}").format(self.patient))
        card = self._card(o)
        if card:
            parts.append(card)
        return "  ·  ".join(parts)

    def _texts(self, o: Outcome) -> tuple[str, str, str]:
        s = o.status
        if s is OutcomeStatus.APPROVED:
            return (self.tr("Approved"),
                    self.tr("Auth code {0}").format(o.auth_code or "-"), "good")
        if s is OutcomeStatus.PARTIALLY_APPROVED:
            return (self.tr("Partially approved"),
                    self.tr("Balance of payment {0}: {1} still to pay. The card paid {2} "
                            "(auth code {3}). Take the balance with another tender, or void "
                            "the approved part.").format(
                        o.reference or o.transaction_id, o.balance_due, o.approved,
                        o.auth_code or "-"), "warn")
        if s is OutcomeStatus.DECLINED:
            return (self.tr("Declined"), self.tr("Reason: {0}. Ask for another card or tender.")
                    .format(journal_message(o.message) or self.tr("no reason given")), "bad")
        if s is OutcomeStatus.UNKNOWN:
            return (self.tr("Result not known yet: do NOT charge again"),
                    self.tr("The gateway did not answer in time. The app is checking this "
                            "payment with the gateway and will show the result here and in "
                            "History. Reference {0}.").format(o.reference), "warn")
        # Nothing was charged: information (blue), not the red of a card the bank refused.
        message = journal_message(o.message)
        if self.hosted:
            return (self.tr("Not paid: nothing was charged"),
                    message or self.tr("The patient did not pay on the hosted page."), "info")
        return (self.tr("Not processed"), message, "info")
