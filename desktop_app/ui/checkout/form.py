"""The checkout form: who pays, how much, and how. Enter pays (from any field, the tender
list included), Escape clears.

From an empty screen a payment takes four keyboard actions: type the account reference,
Tab, type the amount, Enter (the card reader is the default tender). Keyed card and check
numbers are wiped from the widgets as soon as they have been read; a problem with one field
clears that field only, and its message goes once the field is changed. A check at the desk is
scanned; its numbers are keyed only when the scanner cannot read them (``key_check``). A check
by phone carries the account holder, the account type and the authorisation read to the
patient (``phone_check.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.checkout.card_number import CardNumberEdit
from desktop_app.ui.checkout.choices import TenderChoice
from desktop_app.ui.checkout.phone_check import (
    AccountTypeBox,
    PhoneAuthorization,
    authorization_text,
)
from desktop_app.ui.checkout.sandbox_help import SandboxHelp
from desktop_app.ui.panel import Panel

if TYPE_CHECKING:  # the form is shown before the domain loads; read() imports it
    from desktop_app.domain import Money, SavedCard, Tender
    from drivers.parsers.micr import MicrLine

_AMOUNT = QRegularExpression(r"^\$?\d{0,7}(\.\d{0,2})?$")
_ENTER_KEYS = (0x01000004, 0x01000005)  # Qt.Key.Key_Return, Key_Enter (see ui/panel.py)


@dataclass(frozen=True)
class CheckoutInput:
    patient_id: str
    amount: Money
    choice: TenderChoice
    tender: Tender | None  # None: a device or the hosted page supplies it later
    save_card: bool = False  # after an approved card sale, save the card on file
    authorization: str = ""  # a check by phone: the text read to the patient, who agreed


def _line(name: str, *, secret: bool = False, max_len: int = 64) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setObjectName(name.replace(" ", "_"))
    edit.setMaxLength(max_len)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _EnterPays(QObject):
    """Enter on a closed list (tender, saved card, account type) or a tick box (save the
    card, the patient agreed) takes the payment, as it does in a line; on an open list it
    still picks the item, and Space still ticks the box."""

    def __init__(self, form: CheckoutForm) -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _ENTER_KEYS
                and (isinstance(watched, QCheckBox) or (isinstance(watched, QComboBox)
                     and not watched.view().isVisible()))):
            self.form._submit()
            return True
        return False


class CheckoutForm(Panel):
    submitted = Signal()
    help_closed = Signal()  # the test-card panel was hidden: not shown again on its own

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_cards: list[SavedCard] = []
        self.saved_for: str | None = None  # the patient whose cards the list shows
        self.clinic = ("", "")  # name and phone, for a check by phone's authorisation
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.balance_note = QLabel()  # after a partial approval: what this payment is for
        self.balance_note.setObjectName("balanceNote")
        self.balance_note.setAccessibleName("balance of payment")
        self.balance_note.setWordWrap(True)
        self.balance_note.hide()
        self.patient = _line("patient reference")
        self.amount = _line("amount", max_len=12)
        self.amount.setValidator(QRegularExpressionValidator(_AMOUNT, self))
        self.tender = QComboBox()
        self.tender.setAccessibleName("tender")
        self.pan = CardNumberEdit()
        self.pan.setAccessibleName("card number")
        self.pan.setObjectName("card_number")
        self.show_pan = QPushButton()
        self.show_pan.setAccessibleName("show card number")
        self.show_pan.setCheckable(True)
        self.show_pan.setAutoDefault(False)
        self.expiry = _line("card expiry", max_len=7)
        self.cvv = _line("security code", secret=True, max_len=4)
        self.card_name = _line("cardholder name", max_len=60)
        self.zip_code = _line("billing zip", max_len=10)
        self.saved = QComboBox()
        self.saved.setAccessibleName("saved card")
        self.save_card = QCheckBox()
        self.save_card.setAccessibleName("save card on file")
        self.check_keyed = False  # the scanner could not read this check: key it
        self.connecting = False  # the window is up, the journal and gateway not yet
        self.holder = _line("account holder", max_len=60)
        self.account_type = AccountTypeBox()
        self.routing = _line("routing number", max_len=9)
        self.account = _line("account number", max_len=17)
        self.check_number = _line("check number", max_len=10)
        self.authorization = PhoneAuthorization()
        self.pay = QPushButton()
        self.pay.setAccessibleName("take payment")
        self.pay.setObjectName("primary")
        self.pay.setDefault(True)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setAccessibleName("form message")
        self.hint.setWordWrap(True)
        self.problem_field: QWidget | None = None  # the field the message is about
        self.sandbox_help = SandboxHelp()
        self.sandbox_help.hide()
        self.sandbox_help.closed.connect(self.help_closed)
        self.help_button = QPushButton()  # on the sandbox only: the test cards again
        self.help_button.setAccessibleName("show test cards")
        self.help_button.setAutoDefault(False)
        self.help_button.hide()
        self.help_button.clicked.connect(self.sandbox_help.show)
        self._layout()
        self._connect()
        self.retranslate()

    def _connect(self) -> None:
        for edit in self.findChildren(QLineEdit):
            edit.returnPressed.connect(self._submit)
            edit.textChanged.connect(lambda _t, e=edit: self._edited(e))
        enter = _EnterPays(self)
        for combo in (self.tender, self.saved, self.account_type):
            combo.installEventFilter(enter)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._edited(c))
        for box in (self.save_card, self.authorization.agreed):
            box.installEventFilter(enter)
        self.pan.digits_changed.connect(self._pan_changed)
        self.show_pan.toggled.connect(self.pan.reveal)
        # Tab goes from the card number straight to the expiry, as staff type it by phone;
        # Show is Alt+W or a click, never a stop that would swallow the expiry's first digit.
        self.show_pan.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pay.clicked.connect(self._submit)
        self.tender.currentIndexChanged.connect(self._tender_changed)
        self.patient.textChanged.connect(self._patient_changed)
        for edit in (self.amount, self.account):
            edit.textChanged.connect(self._read_aloud)
        self.account_type.currentIndexChanged.connect(self._read_aloud)
        self.authorization.changed.connect(lambda: self._edited(self.authorization))

    def _layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        pan_row = QWidget()
        pan_box = QHBoxLayout(pan_row)
        pan_box.setContentsMargins(0, 0, 0, 0)
        pan_box.addWidget(self.pan, 1)
        pan_box.addWidget(self.show_pan)
        self._pan_row = pan_row
        rows = (("patient", self.patient), ("amount", self.amount), ("tender", self.tender),
                ("pan", pan_row), ("expiry", self.expiry), ("cvv", self.cvv),
                ("name", self.card_name), ("zip", self.zip_code),
                ("saved", self.saved), ("holder", self.holder),
                ("account type", self.account_type), ("routing", self.routing),
                ("account", self.account), ("check", self.check_number),
                ("authorization", self.authorization), ("save", self.save_card))
        for key, widget in rows:
            label = QLabel()
            label.setBuddy(self.pan if widget is pan_row else widget)
            self._labels[key] = label
            form.addRow(label, widget)
        self._form = form
        # The form scrolls: a check by phone with the test-card panel open is taller than a
        # 768-pixel screen, and the window must never grow past the screen for it.
        inner = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        box = QVBoxLayout(inner)
        box.addWidget(self.title)
        box.addWidget(self.balance_note)
        holder = QWidget()
        holder.setLayout(form)
        holder.setMaximumWidth(640)  # long fields are hard to scan on a wide screen
        box.addWidget(holder)
        button_row = QHBoxLayout()  # the button keeps its size at the left
        button_row.addWidget(self.pay)
        button_row.addStretch(1)
        button_row.addWidget(self.help_button)
        box.addLayout(button_row)
        box.addWidget(self.hint)
        box.addWidget(self.sandbox_help)
        box.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("New payment"))
        texts = {"patient": self.tr("&Patient / account"), "amount": self.tr("A&mount"),
                 "tender": self.tr("&Tender"), "pan": self.tr("Card &number"),
                 "expiry": self.tr("E&xpiry (MM/YY)"), "cvv": self.tr("Security &code"),
                 "name": self.tr("Name on car&d"), "zip": self.tr("Billing &ZIP"),
                 "saved": self.tr("Saved &card"), "holder": self.tr("Account &holder"),
                 "account type": self.tr("Account t&ype"),
                 "routing": self.tr("&Routing number"),
                 "account": self.tr("A&ccount number"), "check": self.tr("Check n&umber"),
                 "authorization": self.tr("Read to the patient"), "save": ""}
        self.save_card.setText(self.tr("&Save card on file for this patient"))
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.show_pan.setText(self.tr("Sho&w"))
        self.show_pan.setToolTip(self.tr("Show the whole number until the next key"))
        self.patient.setPlaceholderText(self.tr("e.g. MRN or account number"))
        self.amount.setPlaceholderText("0.00")
        self.zip_code.setPlaceholderText(self.tr("for address verification"))
        names = {TenderChoice.CARD_ON_READER: self.tr("Card on the reader"),
                 TenderChoice.KEYED_CARD: self.tr("Keyed card (by phone)"),
                 TenderChoice.CARD_ON_FILE: self.tr("Card on file"),
                 TenderChoice.CHECK_AT_DESK: self.tr("Check scanned at the desk"),
                 TenderChoice.CHECK_NOT_PRESENT: self.tr("Check by phone"),
                 TenderChoice.HOSTED_PAGE: self.tr("Hosted payment page")}
        current = self.choice if self.tender.count() else TenderChoice.CARD_ON_READER
        self.tender.blockSignals(True)
        self.tender.clear()
        for choice, text in names.items():
            self.tender.addItem(text, choice.value)
        self.tender.setCurrentIndex(list(names).index(current))
        self.tender.blockSignals(False)
        self.pay.setText(self.tr("Take payment"))
        self.help_button.setText(self.tr("Test cards…"))
        if self.problem_field is None and self.hint.property("tone") not in ("bad", "info"):
            self._say_ready()
        self._show_fields()
        self._read_aloud()

    def set_sandbox(self, on: bool, show_help: bool) -> None:
        """On the sandbox the test cards are a click away, and shown at the first start."""
        self.help_button.setVisible(on)
        self.sandbox_help.setVisible(on and show_help)

    def set_connecting(self, connecting: bool) -> None:
        """While the app starts, staff may type; Take payment waits for the journal."""
        self.connecting = connecting
        self.pay.setEnabled(not connecting)
        self._say_ready()

    def _say_ready(self) -> None:
        self.problem_field = None
        self.hint.setText(self.tr("Connecting to the journal and the gateway…")
                          if self.connecting else
                          self.tr("Enter takes the payment. Escape clears the form."))
        if self.hint.property("tone"):
            self.hint.setProperty("tone", "")
            self.hint.style().polish(self.hint)

    def say_problem(self, text: str, at: QWidget | None = None, sticky: bool = False,
                    tone: str = "bad") -> None:
        """What stops the payment, in the form's message line, in the warning colour. It goes
        once ``at`` (or, if None, any field) is changed; a ``sticky`` one (the app could not
        start) stays. ``tone`` "info": nothing went wrong and nothing was charged (a payment
        cancelled, a hosted page closed), said in blue."""
        self.hint.setText(text)
        self.hint.setProperty("tone", tone)
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)
        self.problem_field = None if sticky else at if at is not None else self

    def _edited(self, widget: QWidget) -> None:
        """A field changed: the message about it (or a message about no field) no longer
        applies."""
        if self.problem_field is not None and self.problem_field in (widget, self):
            self._say_ready()

    def field(self, key: str) -> QWidget:
        """The widget a ``FieldProblem`` names."""
        return {"pan": self.pan, "expiry": self.expiry, "cvv": self.cvv, "zip": self.zip_code,
                "routing": self.routing, "account": self.account, "holder": self.holder,
                "authorization": self.authorization.agreed, "amount": self.amount,
                "patient": self.patient}.get(key, self.patient)

    def point_at(self, key: str, text: str) -> None:
        """One field is wrong: clear that one (the others stay) and put the cursor in it."""
        widget = self.field(key)
        if isinstance(widget, QLineEdit):
            widget.clear()
        widget.setFocus()
        self.say_problem(text, at=self.authorization if key == "authorization" else widget)

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
        self._read_aloud()

    def _keys_check(self, choice: TenderChoice) -> bool:
        return choice is TenderChoice.CHECK_NOT_PRESENT or (
            choice is TenderChoice.CHECK_AT_DESK and self.check_keyed)

    def _show_fields(self) -> None:
        choice = self.choice
        card, check = choice.needs_card_fields, self._keys_check(choice)
        by_phone = choice is TenderChoice.CHECK_NOT_PRESENT
        shown = {self._pan_row: card, self.expiry: card, self.cvv: card,
                 self.card_name: card, self.zip_code: card,
                 self.saved: choice is TenderChoice.CARD_ON_FILE, self.holder: by_phone,
                 self.account_type: by_phone, self.routing: check,
                 self.account: check, self.check_number: check,
                 self.authorization: by_phone,
                 self.save_card: choice in (TenderChoice.CARD_ON_READER,
                                            TenderChoice.KEYED_CARD)}
        for widget, visible in shown.items():
            self._form.setRowVisible(widget, visible)

    def _pan_changed(self) -> None:
        if self.show_pan.isChecked() and not self.pan.revealed:
            self.show_pan.setChecked(False)  # typing hides the number again
        self._edited(self.pan)

    def _read_aloud(self) -> None:
        if self.choice is not TenderChoice.CHECK_NOT_PRESENT:
            return
        from desktop_app.domain import Money, ValidationError

        try:
            amount = str(Money.parse(self.amount.text().strip())) if self.amount.text() else ""
        except ValidationError:
            amount = ""
        digits = self.account.text().strip()
        self.authorization.show_text(authorization_text(
            amount=amount, account_type=self.account_type.types()[0],
            last_four=digits[-4:] if len(digits) >= 4 else "", clinic=self.clinic[0],
            phone=self.clinic[1]))

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
        """The form as a request; raises ValidationError (``FieldProblem`` when one field is
        at fault) with a message for the desk."""
        from desktop_app.domain import Money, ValidationError, looks_like_track_data
        from desktop_app.ui.checkout.tenders import FieldProblem

        if looks_like_track_data(self.patient.text()):  # a wedge swipe typed into the field
            raise FieldProblem("patient", self.tr(
                "That was card data, not a patient or account: it was cleared and not kept. "
                "Type the patient, then press Take payment before swiping."))
        text = self.amount.text().strip()
        if not text:
            raise FieldProblem("amount", self.tr("Enter the amount to charge."))
        try:
            amount = Money.parse(text)
        except ValidationError as exc:
            raise FieldProblem("amount", str(exc)) from None
        if not amount.is_positive:
            raise FieldProblem("amount", self.tr("The amount must be more than zero."))
        choice = self.choice
        patient = self.patient.text().strip()
        save = self.save_card.isChecked() and self._form.isRowVisible(self.save_card)
        if save and not patient:
            raise FieldProblem("patient", self.tr(
                "Enter the patient / account to save the card for."))
        tender = self._tender(choice)
        said = ""
        if choice is TenderChoice.CHECK_NOT_PRESENT:
            if not self.authorization.agreed.isChecked():
                raise FieldProblem("authorization", self.tr(
                    "Read the authorization to the patient and tick the box once they agree."))
            said = self.authorization.text.text()
        return CheckoutInput(patient, amount, choice, tender, save, said)

    def _tender(self, choice: TenderChoice) -> Tender | None:
        from desktop_app.domain import Tender, TenderKind, ValidationError
        from desktop_app.ui.checkout.tenders import (
            CheckFields,
            KeyedFields,
            check_tender,
            keyed_tender,
        )

        if choice is TenderChoice.KEYED_CARD:
            fields = KeyedFields(self.pan.digits(), self.expiry.text(), self.cvv.text(),
                                 self.card_name.text(), self.zip_code.text())
            try:
                return keyed_tender(fields)
            finally:
                fields.pan = fields.cvv = ""
        if self._keys_check(choice):
            account_type, holder_type = self.account_type.types()
            return check_tender(choice, CheckFields(
                self.routing.text(), self.account.text(), self.check_number.text(),
                self.holder.text(), account_type, holder_type),
                needs_holder=choice is TenderChoice.CHECK_NOT_PRESENT)
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
        self.show_pan.setChecked(False)
        for edit in (self.pan, self.expiry, self.cvv, self.card_name, self.zip_code,
                     self.holder, self.routing, self.account, self.check_number):
            edit.clear()
        self.authorization.agreed.setChecked(False)

    def clear(self) -> None:
        """A clean form: nothing of the last patient, the cursor in the first field."""
        self.wipe_sensitive()
        self.patient.clear()
        self.amount.clear()
        self.amount.setReadOnly(False)
        self.save_card.setChecked(False)
        self.balance_note.hide()
        self.set_choice(TenderChoice.CARD_ON_READER)
        self.account_type.setCurrentIndex(0)
        self._say_ready()
        self.patient.setFocus()

    def key_check(self, read: MicrLine | None = None) -> None:
        """The scanner could not read the check: the same tender, numbers keyed, starting
        from what a damaged MICR line still said (``?`` where unreadable)."""
        self.set_choice(TenderChoice.CHECK_AT_DESK)
        self.check_keyed = True
        self._show_fields()
        if read is not None:
            for line, text in ((self.routing, read.routing_number),
                               (self.account, read.account_number),
                               (self.check_number, read.check_number)):
                line.setText(text)
        self.routing.setFocus()

    def prefill_balance(self, patient_id: str, balance: Money, note: str) -> None:
        """The one step after a partial approval: same patient, the balance, pick a tender.
        ``note`` says which payment this balance belongs to."""
        self.wipe_sensitive()
        self.patient.setText(patient_id)
        self.amount.setText(str(balance.amount))
        self.set_choice(TenderChoice.KEYED_CARD)
        self.balance_note.setText(note)
        self.balance_note.show()
        self.tender.setFocus()
