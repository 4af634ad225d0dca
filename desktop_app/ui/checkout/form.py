"""The checkout form: who pays, how much, and how. Enter pays, Escape clears.

From an empty screen a payment takes four keyboard actions: type the account reference,
Tab, type the amount, Enter (the card reader is the default tender). Keyed card and check
numbers are wiped from the widgets as soon as they have been read. A check at the desk is
scanned; its numbers are keyed only when the scanner cannot read them (``key_check``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.panel import Panel

if TYPE_CHECKING:  # the form is shown before the domain loads; read() imports it
    from desktop_app.domain import Money, SavedCard, Tender

_AMOUNT = QRegularExpression(r"^\$?\d{0,7}(\.\d{0,2})?$")


@dataclass(frozen=True)
class CheckoutInput:
    patient_id: str
    amount: Money
    choice: TenderChoice
    tender: Tender | None  # None: a device or the hosted page supplies it later
    save_card: bool = False  # after an approved card sale, save the card on file


def _line(name: str, *, secret: bool = False, max_len: int = 64) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setObjectName(name.replace(" ", "_"))
    edit.setMaxLength(max_len)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class CheckoutForm(Panel):
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_cards: list[SavedCard] = []
        self.saved_for: str | None = None  # the patient whose cards the list shows
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.patient = _line("patient reference")
        self.amount = _line("amount", max_len=12)
        self.amount.setValidator(QRegularExpressionValidator(_AMOUNT, self))
        self.tender = QComboBox()
        self.tender.setAccessibleName("tender")
        self.pan = _line("card number", max_len=23)
        self.expiry = _line("card expiry", max_len=7)
        self.cvv = _line("security code", secret=True, max_len=4)
        self.saved = QComboBox()
        self.saved.setAccessibleName("saved card")
        self.save_card = QCheckBox()
        self.save_card.setAccessibleName("save card on file")
        self.check_keyed = False  # the scanner could not read this check: key it
        self.connecting = False  # the window is up, the journal and gateway not yet
        self.routing = _line("routing number", max_len=9)
        self.account = _line("account number", max_len=17)
        self.check_number = _line("check number", max_len=10)
        self.pay = QPushButton()
        self.pay.setAccessibleName("take payment")
        self.pay.setObjectName("primary")
        self.pay.setDefault(True)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setAccessibleName("form message")
        self.hint.setWordWrap(True)
        self._layout()
        for edit in self.findChildren(QLineEdit):
            edit.returnPressed.connect(self._submit)
        self.pay.clicked.connect(self._submit)
        self.tender.currentIndexChanged.connect(self._tender_changed)
        self.patient.textChanged.connect(self._patient_changed)
        self.retranslate()

    def _layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        rows = (("patient", self.patient), ("amount", self.amount), ("tender", self.tender),
                ("pan", self.pan), ("expiry", self.expiry), ("cvv", self.cvv),
                ("saved", self.saved), ("routing", self.routing), ("account", self.account),
                ("check", self.check_number), ("save", self.save_card))
        for key, widget in rows:
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            form.addRow(label, widget)
        self._form = form
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        holder = QWidget()
        holder.setLayout(form)
        holder.setMaximumWidth(640)  # long fields are hard to scan on a wide screen
        box.addWidget(holder)
        button_row = QHBoxLayout()  # the button keeps its size at the left
        button_row.addWidget(self.pay)
        button_row.addStretch(1)
        box.addLayout(button_row)
        box.addWidget(self.hint)
        box.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("New payment"))
        texts = {"patient": self.tr("&Patient / account"), "amount": self.tr("A&mount"),
                 "tender": self.tr("&Tender"), "pan": self.tr("Card &number"),
                 "expiry": self.tr("E&xpiry (MM/YY)"), "cvv": self.tr("Security &code"),
                 "saved": self.tr("Saved &card"), "routing": self.tr("&Routing number"),
                 "account": self.tr("A&ccount number"), "check": self.tr("Check n&umber"),
                 "save": ""}
        self.save_card.setText(self.tr("&Save card on file for this patient"))
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.patient.setPlaceholderText(self.tr("e.g. MRN or account number"))
        self.amount.setPlaceholderText("0.00")
        names = {TenderChoice.CARD_ON_READER: self.tr("Card on the reader"),
                 TenderChoice.KEYED_CARD: self.tr("Keyed card"),
                 TenderChoice.CARD_ON_FILE: self.tr("Card on file"),
                 TenderChoice.CHECK_AT_DESK: self.tr("Check scanned at the desk"),
                 TenderChoice.CHECK_NOT_PRESENT: self.tr("Check, patient not present"),
                 TenderChoice.HOSTED_PAGE: self.tr("Hosted payment page")}
        current = self.choice if self.tender.count() else TenderChoice.CARD_ON_READER
        self.tender.blockSignals(True)
        self.tender.clear()
        for choice, text in names.items():
            self.tender.addItem(text, choice.value)
        self.tender.setCurrentIndex(list(names).index(current))
        self.tender.blockSignals(False)
        self.pay.setText(self.tr("Take payment"))
        self._say_ready()
        self._show_fields()

    def set_connecting(self, connecting: bool) -> None:
        """While the app starts, staff may type; Take payment waits for the journal."""
        self.connecting = connecting
        self.pay.setEnabled(not connecting)
        self._say_ready()

    def _say_ready(self) -> None:
        self.hint.setText(self.tr("Connecting to the journal and the gateway…")
                          if self.connecting else
                          self.tr("Enter takes the payment. Escape clears the form."))

    def say_problem(self, text: str) -> None:
        """What stops the payment, in the form's message line, in the warning colour."""
        self.hint.setText(text)
        self.hint.setProperty("tone", "bad")
        self.hint.style().polish(self.hint)

    def _submit(self) -> None:
        if not self.connecting:
            self.submitted.emit()

    def escape(self) -> bool:
        self.clear()
        return True

    @property
    def choice(self) -> TenderChoice:
        return TenderChoice(self.tender.currentData() or TenderChoice.CARD_ON_READER.value)

    def set_choice(self, choice: TenderChoice) -> None:
        self.tender.setCurrentIndex(self.tender.findData(choice.value))

    def _tender_changed(self) -> None:
        self.check_keyed = False
        self._show_fields()

    def _keys_check(self, choice: TenderChoice) -> bool:
        return choice is TenderChoice.CHECK_NOT_PRESENT or (
            choice is TenderChoice.CHECK_AT_DESK and self.check_keyed)

    def _show_fields(self) -> None:
        choice = self.choice
        card, check = choice.needs_card_fields, self._keys_check(choice)
        shown = {self.pan: card, self.expiry: card, self.cvv: card,
                 self.saved: choice is TenderChoice.CARD_ON_FILE, self.routing: check,
                 self.account: check, self.check_number: check,
                 self.save_card: choice in (TenderChoice.CARD_ON_READER,
                                            TenderChoice.KEYED_CARD)}
        for widget, visible in shown.items():
            self._form.setRowVisible(widget, visible)

    def _patient_changed(self, text: str) -> None:
        """Another patient: the cards listed are not theirs (they reload on Tab or Enter)."""
        if self.saved_for is not None and text.strip() != self.saved_for:
            self.set_saved_cards([], None)

    def set_saved_cards(self, cards: list[SavedCard], patient: str | None) -> None:
        self.saved_cards = list(cards)
        self.saved_for = patient
        self.saved.clear()
        for card in cards:  # brand and last four only: the token is never shown
            expiry = (f"  {self.tr('exp')} {card.exp_month:02d}/{card.exp_year % 100:02d}"
                      if card.exp_month and card.exp_year else "")
            self.saved.addItem(f"{card.brand} ****{card.last_four}{expiry}")

    def read(self) -> CheckoutInput:
        """The form as a request; raises ValidationError with a message for the desk."""
        from desktop_app.domain import Money, ValidationError, looks_like_track_data

        if looks_like_track_data(self.patient.text()):  # a wedge swipe typed into the field
            self.patient.clear()
            raise ValidationError(self.tr("That was card data, not a patient or account: it "
                                          "was cleared and not kept. Type the patient, then "
                                          "press Take payment before swiping."))
        text = self.amount.text().strip()
        if not text:
            raise ValidationError(self.tr("Enter the amount to charge."))
        amount = Money.parse(text)
        if not amount.is_positive:
            raise ValidationError(self.tr("The amount must be more than zero."))
        choice = self.choice
        patient = self.patient.text().strip()
        save = self.save_card.isChecked() and self._form.isRowVisible(self.save_card)
        if save and not patient:
            raise ValidationError(self.tr("Enter the patient / account to save the card for."))
        return CheckoutInput(patient, amount, choice, self._tender(choice), save)

    def _tender(self, choice: TenderChoice) -> Tender | None:
        from desktop_app.domain import Tender, TenderKind, ValidationError
        from desktop_app.ui.checkout.tenders import (
            CheckFields,
            KeyedFields,
            check_tender,
            keyed_tender,
        )

        if choice is TenderChoice.KEYED_CARD:
            fields = KeyedFields(self.pan.text(), self.expiry.text(), self.cvv.text())
            try:
                return keyed_tender(fields)
            finally:
                fields.pan = fields.cvv = ""
        if self._keys_check(choice):
            return check_tender(choice, CheckFields(self.routing.text(), self.account.text(),
                                                    self.check_number.text()))
        if choice is TenderChoice.CARD_ON_FILE:
            if self.saved_for != self.patient.text().strip():  # listed as the patient changed
                raise ValidationError(self.tr("Check which card on file to charge for this "
                                              "patient, then press Enter again."))
            index = self.saved.currentIndex()
            if index < 0:
                raise ValidationError(self.tr("This patient has no card on file yet."))
            return Tender(TenderKind.SAVED_CARD, saved_card=self.saved_cards[index])
        return None

    def wipe_sensitive(self) -> None:
        """Card and account numbers leave the widgets once read (PCI DSS 3.2: keep no more)."""
        for edit in (self.pan, self.expiry, self.cvv, self.routing, self.account,
                     self.check_number):
            edit.clear()

    def clear(self) -> None:
        self.wipe_sensitive()
        self.patient.clear()
        self.amount.clear()
        self.amount.setReadOnly(False)
        self.save_card.setChecked(False)
        self.set_choice(TenderChoice.CARD_ON_READER)
        self.patient.setFocus()

    def key_check(self) -> None:
        """The scanner could not read the check: the same tender, numbers keyed."""
        self.set_choice(TenderChoice.CHECK_AT_DESK)
        self.check_keyed = True
        self._show_fields()
        self.routing.setFocus()

    def prefill_balance(self, patient_id: str, balance: Money) -> None:
        """The one step after a partial approval: same patient, the balance, pick a tender."""
        self.wipe_sensitive()
        self.patient.setText(patient_id)
        self.amount.setText(str(balance.amount))
        self.set_choice(TenderChoice.KEYED_CARD)
        self.tender.setFocus()
