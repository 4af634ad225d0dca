"""A check by phone: the authorisation staff read to the patient, and the patient's yes.

An electronic check taken over the phone needs the account holder's spoken authorisation for
that one debit; what was read is kept with the payment (an audit row under the payment's
reference, written before the request leaves), in the language it was read in. The text names
the amount, the date, the account type and the account's last four digits only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    Signal,
)
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

# (account type, holder type) → how the authorisation names the account
ACCOUNT_TYPES = (
    ("Checking", "Personal", QT_TRANSLATE_NOOP("PhoneCheck", "Personal checking")),
    ("Savings", "Personal", QT_TRANSLATE_NOOP("PhoneCheck", "Personal savings")),
    ("Checking", "Business", QT_TRANSLATE_NOOP("PhoneCheck", "Business checking")),
    ("Savings", "Business", QT_TRANSLATE_NOOP("PhoneCheck", "Business savings")),
)
_ACCOUNT_WORDS = {
    "Checking": QT_TRANSLATE_NOOP("PhoneCheck", "checking account"),
    "Savings": QT_TRANSLATE_NOOP("PhoneCheck", "savings account"),
}
AUDIT_EVENT = "echeck.phone_authorization"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhoneCheck", text)


def authorization_text(*, amount: str, account_type: str, last_four: str, clinic: str,
                       phone: str, today: date | None = None) -> str:
    """What staff read out, word for word; it is also what the journal keeps."""
    when = today or date.today()
    day = QLocale().toString(QDate(when.year, when.month, when.day),
                             QLocale.FormatType.LongFormat)
    text = QCoreApplication.translate(
        "PhoneCheck", "Today, {0}, you authorize {1} to make one electronic debit of {2} from "
        "your {3} ending in {4}. It is a single payment and may be processed as soon as "
        "today. Do you agree?").format(
        day, clinic or QCoreApplication.translate("PhoneCheck", "this clinic"), amount or "…",
        _tr(str(_ACCOUNT_WORDS.get(account_type, _ACCOUNT_WORDS["Checking"]))),
        last_four or "…")
    if phone:
        text += " " + QCoreApplication.translate("PhoneCheck", "Questions: call {0}.").format(
            phone)
    return text


class AccountTypeBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("account type")
        self.retranslate()

    def retranslate(self) -> None:
        current = max(self.currentIndex(), 0)
        self.blockSignals(True)
        self.clear()
        for account, holder, words in ACCOUNT_TYPES:
            self.addItem(_tr(str(words)), (account, holder))
        self.setCurrentIndex(current)
        self.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def types(self) -> tuple[str, str]:
        account, holder = self.currentData() or ("Checking", "Personal")
        return str(account), str(holder)


class PhoneAuthorization(QWidget):
    """The text to read and the box staff tick once the patient has said yes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setAccessibleName("authorization to read")
        self.text.setObjectName("readAloud")
        self.text.setWordWrap(True)
        # room for every word: a wrapped label in a form row is otherwise given too little
        # (top-aligned by the QSS: no Qt namespace before the first paint, see ui/panel.py)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 7 + 16)
        self.agreed = QCheckBox()
        self.agreed.setAccessibleName("patient agreed")
        self.agreed.toggled.connect(self.changed)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text)
        box.addWidget(self.agreed)
        self.retranslate()

    def retranslate(self) -> None:
        self.agreed.setText(QCoreApplication.translate(
            "PhoneCheck", "I read this to the patient and they &agreed"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_text(self, text: str) -> None:
        if text != self.text.text():
            self.text.setText(text)
            self.agreed.setChecked(False)  # another text: it has not been agreed to yet
