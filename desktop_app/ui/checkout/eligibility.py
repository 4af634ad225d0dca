"""Eligibility at check-in, above the checkout form: folded to one line until Ctrl+E (or its
check box) opens it, then who the patient is, and one keystroke (Ctrl+E again, or Enter in
any of its fields) asks the payer; the answer in the desk's words. What the patient owes
today, when InstaMed computed it (DoEligibilityInquiryEnhanced), else the copay, pre-fills the
checkout amount; staff can still change it.

Thin: the question goes to ``services.eligibility`` (X12 270/271 through the healthcare
service); this panel only reads the fields and shows the answer. Member ID and names are
never logged here either. Cancel stops waiting (asking moves no money).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from desktop_app.domain import FrontDeskError, Money
from desktop_app.edi.codes import reason_words
from desktop_app.edi.eligibility import Coverage, Eligibility
from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery, Relationship, ServiceType
from desktop_app.services.eligibility import Check, Exchange
from desktop_app.settings import Settings
from desktop_app.ui.errors import message_for


def birth_date(text: str, today: date | None = None) -> date | None:
    """A date of birth as a US desk types it: 01/31/1980, 1/31/1980, 01311980 (the digits
    alone), or 1980-01-31 (ISO, as the command line takes it); None when it is none of these,
    not a real day, or in the future.

    A mask forcing one layout made "01011980" (MM DD YYYY, the desk's habit) land as
    "0101-19-80" in the walkthrough; taking the usual spellings is kinder than a mask.
    """
    text = text.strip()
    born: date | None
    try:
        if len(text) == 8 and text.isdigit():
            born = date(int(text[4:]), int(text[:2]), int(text[2:4]))
        elif "/" in text:
            month, day, year = text.split("/")
            born = date(int(year), int(month), int(day)) if len(year) == 4 else None
        else:
            born = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
    if born is None or born > (today or date.today()) or born.year < 1900:
        return None
    return born


def _line(name: str, max_len: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(max_len)
    return edit


SHORTCUT = "Ctrl+E"


class EligibilityPanel(QGroupBox):
    copay_found = Signal(Money)  # the amount to collect: owed today if computed, else copay
    answered = Signal(Eligibility)  # History's dialog offers "Take payment" on it
    asking = Signal()  # a question left: an earlier answer no longer stands

    def __init__(self, check: Check, payer: str = "", parent: QWidget | None = None,
                 patient: Callable[[], str] = lambda: "") -> None:
        """``patient``: the clinic's patient ID the check is journaled under, if any."""
        super().__init__(parent)
        self.setAccessibleName("eligibility")
        self._check = check
        self._patient = patient
        self._task: asyncio.Task[Exchange] | None = None
        self.payer = _line("eligibility payer", 20)
        self.payer.setText(payer)
        self.member = _line("eligibility member", 80)
        self.last = _line("eligibility last name", 60)
        self.first = _line("eligibility first name", 35)
        self.born = _line("eligibility birth date", 10)
        self.service = QComboBox()
        self.service.setAccessibleName("eligibility service")
        self.relationship = QComboBox()
        self.relationship.setAccessibleName("eligibility relationship")
        self.ask = QPushButton()
        self.ask.setAccessibleName("check eligibility")
        self.cancel = QPushButton()
        self.cancel.setAccessibleName("cancel eligibility")
        self.cancel.hide()
        self.answer = QLabel()
        self.answer.setAccessibleName("eligibility answer")
        self.answer.setWordWrap(True)
        self._layout()
        self.ask.clicked.connect(self.send)
        self.cancel.clicked.connect(self.stop)
        for edit in (self.payer, self.member, self.last, self.first, self.born):
            edit.returnPressed.connect(self.send)
        QShortcut(QKeySequence(SHORTCUT), self, self._shortcut)
        self.setCheckable(True)
        self.setChecked(False)  # folded: the checkout form keeps the room
        self.toggled.connect(self._unfold)
        self._unfold(False)
        self.retranslate()

    def _unfold(self, on: bool) -> None:
        self.body.setVisible(on)
        if on:
            self.member.setFocus()

    def _shortcut(self) -> None:
        if self.isChecked() or not self.isCheckable():  # History's dialog never folds it
            self.send()
        else:
            self.setChecked(True)

    def _layout(self) -> None:
        self.labels = {k: QLabel() for k in ("payer", "member", "last", "first", "born",
                                              "service", "relationship")}
        form = QGridLayout()  # two fields a row: the checkout form below keeps its room
        for index, (key, widget) in enumerate((
                ("payer", self.payer), ("member", self.member), ("last", self.last),
                ("first", self.first), ("born", self.born), ("service", self.service),
                ("relationship", self.relationship))):
            self.labels[key].setBuddy(widget)
            row, column = divmod(index, 2)
            form.addWidget(self.labels[key], row, column * 2)
            form.addWidget(widget, row, column * 2 + 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.answer)
        QVBoxLayout(self).addWidget(self.body)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Coverage check (eligibility)"))
        words = {"payer": self.tr("Payer ID"), "member": self.tr("Member ID"),
                 "last": self.tr("Last name"), "first": self.tr("First name"),
                 "born": self.tr("Date of birth"), "service": self.tr("Visit type"),
                 "relationship": self.tr("Patient is the")}
        for key, text in words.items():
            self.labels[key].setText(text)
        self.born.setPlaceholderText(self.tr("MM/DD/YYYY"))
        self._fill(self.service, [(self.tr("Health plan coverage"), ServiceType("30")),
                                  (self.tr("Office visit"), ServiceType("98"))])
        self._fill(self.relationship, [(self.tr("subscriber"), Relationship.SELF),
                                       (self.tr("spouse"), Relationship.SPOUSE),
                                       (self.tr("child"), Relationship.CHILD),
                                       (self.tr("other dependent"), Relationship.OTHER)])
        self.ask.setText(self.tr("Check coverage (Ctrl+E)"))
        self.cancel.setText(self.tr("Stop waiting"))

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        index = max(combo.currentIndex(), 0)
        combo.clear()
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(index)

    def query(self) -> EligibilityQuery:
        born = birth_date(self.born.text())
        if born is None:
            raise FrontDeskError(self.tr("Enter the date of birth as MM/DD/YYYY."))
        return EligibilityQuery(self.payer.text().strip(), self.member.text().strip(),
                                self.last.text(), self.first.text(), born,
                                self.relationship.currentData(), self.service.currentData())

    @asyncSlot()
    async def send(self) -> None:
        if self._task is not None:
            return
        try:
            query = self.query()
        except FrontDeskError as exc:
            self.answer.setText(message_for(exc))
            return
        self.answer.setText(self.tr("Asking the payer…"))
        self.ask.setEnabled(False)
        self.cancel.show()
        self.asking.emit()
        self._task = asyncio.ensure_future(self._check(query, self._patient().strip()))
        try:
            exchange = await self._task
        except asyncio.CancelledError:
            self.answer.setText(self.tr("Stopped waiting. Nothing was changed."))
        except EdiError:
            self.answer.setText(self.tr("The payer's answer could not be read. Ask again, or "
                                        "call the payer."))
        except FrontDeskError as exc:
            self.answer.setText(message_for(exc))
        else:
            self.show_answer(exchange.eligibility)
        finally:
            self._task = None
            self.ask.setEnabled(True)
            self.cancel.hide()

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def show_answer(self, answer: Eligibility) -> None:
        self.answer.setText(self.words(answer))
        if answer.to_collect is not None:
            self.copay_found.emit(answer.to_collect)
        self.answered.emit(answer)

    def fill(self, query: EligibilityQuery) -> None:
        """The fields as ``query`` asked them (History asks a patient's last question again)."""
        for edit, text in ((self.payer, query.payer_id), (self.member, query.member_id),
                           (self.last, query.last_name), (self.first, query.first_name),
                           (self.born, query.birth_date.strftime("%m/%d/%Y"))):  # as typed
            edit.setText(text)
        self.service.setCurrentIndex(max(0, self.service.findData(query.service_type)))
        self.relationship.setCurrentIndex(max(0, self.relationship.findData(query.relationship)))

    def words(self, answer: Eligibility) -> str:
        if answer.coverage is Coverage.ACTIVE:
            lines = [self.tr("Coverage is active: {0}.").format(answer.plan or self.tr("plan"))]
            figures = [(self.tr("Patient owes today: {0}"), answer.patient_owes),
                       (self.tr("Copay today: {0}"), answer.copay),
                       (self.tr("Deductible left: {0}"), answer.deductible_remaining.in_network),
                       (self.tr("Out-of-pocket left: {0}"),
                        answer.out_of_pocket_remaining.in_network)]
            lines += [text.format(str(value)) for text, value in figures if value is not None]
            if answer.coinsurance_percent is not None:
                lines.append(self.tr("Coinsurance: {0} %").format(answer.coinsurance_percent))
            return "\n".join(lines)
        if answer.coverage is Coverage.INACTIVE:
            return self.tr("Coverage is NOT active. Ask the patient for current insurance.")
        if answer.coverage is Coverage.PAYER_UNAVAILABLE:
            return self.tr("The payer cannot answer right now. Try again in a few minutes.")
        if answer.coverage is Coverage.NOT_FOUND:
            return self.tr("The payer did not find this patient. Check the member ID, name "
                           "and date of birth.")
        if answer.rejections:  # the reason in English: the payer's code list is English
            return self.tr("The payer refused the question: {0}.").format(
                reason_words(answer.rejections[0].reason))
        return self.tr("The payer's answer does not say whether coverage is active.")


class _KeepShortcut(QObject):
    """On X11 a line edit takes Ctrl+E as its Emacs "end of line" and the panel's shortcut never
    fires from the checkout's fields, where the cursor always is. Installed on those fields:
    they are told they do not want Ctrl+E, so the shortcut gets it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and QKeySequence(event.keyCombination()) == QKeySequence(SHORTCUT):
            event.ignore()
            return True
        return False


def keep_shortcut(panel: EligibilityPanel, edits: Iterable[QLineEdit]) -> None:
    """Ctrl+E reaches the panel from these fields (see _KeepShortcut)."""
    keep = _KeepShortcut(panel)
    for edit in edits:
        edit.installEventFilter(keep)


def default_payer(settings: Settings) -> str:
    """The sandbox's test payer, so a demo needs no payer ID typed; none elsewhere."""
    return "SBX01" if settings.environment.value == "sandbox" else ""


def attach_eligibility(layout: QBoxLayout, check: Check, amount: QLineEdit, patient: QLineEdit,
                       payer: str = "") -> EligibilityPanel:
    """Put the panel above the checkout and let a copay fill the amount (editable); the
    check is journaled under the checkout's patient ID."""
    panel = EligibilityPanel(check, payer, patient=patient.text)
    layout.insertWidget(0, panel)
    page = layout.parentWidget()
    keep_shortcut(panel, page.findChildren(QLineEdit) if page is not None else ())
    panel.copay_found.connect(lambda copay: amount.setText(str(copay.amount)))
    return panel
