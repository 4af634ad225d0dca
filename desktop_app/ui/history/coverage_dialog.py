"""Check coverage from a History row: the patient's last question asked again.

History knows the clinic's patient ID, not a member ID, so the dialog fills Checkout's own
coverage panel (reused, not copied) from the patient's last check in the journal, or leaves it
empty and says so when the patient was never checked here. Ctrl+E sends, "Stop waiting"
cancels, Escape closes (and stops waiting: asking moves no money). The check is journaled
under the patient's ID like Checkout's. An active answer offers "Take payment": Checkout opens
with the patient and the copay filled in, which staff can still change.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import Money
from desktop_app.edi.eligibility import Eligibility
from desktop_app.services.eligibility import Check, checker
from desktop_app.services.eligibility_recall import LastCheck, last_check
from desktop_app.ui.checkout.eligibility import EligibilityPanel, default_payer, keep_shortcut
from desktop_app.ui.context import AppContext


class CoverageDialog(QDialog):
    def __init__(self, check: Check, patient_id: str, last: LastCheck | None, payer: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("coverage dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.patient_id = patient_id
        self.chosen: Money | None = None  # the amount for Checkout, once "Take payment"
        self.taking = False
        self.hint = QLabel(self._hint(last))
        self.hint.setAccessibleName("coverage hint")
        self.hint.setWordWrap(True)
        self.panel = EligibilityPanel(check, payer, patient=lambda: patient_id)
        self.panel.setChecked(True)  # open, and no fold box: the dialog is the panel's room
        self.panel.setCheckable(False)
        keep_shortcut(self.panel, self.panel.findChildren(QLineEdit))
        if last is not None and last.query is not None:
            self.panel.fill(last.query)
        self.take = QPushButton(self.tr("Take &payment"))
        self.take.setAccessibleName("take payment")
        self.take.setEnabled(False)  # after an active answer only
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.take, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (close, self.take, self.panel.ask, self.panel.cancel):
            button.setAutoDefault(False)  # Enter in a field asks the payer; it closes nothing
        buttons.rejected.connect(self.reject)
        self.take.clicked.connect(self._take)
        self.panel.answered.connect(self._answered)
        self.panel.asking.connect(self._asking)
        self.finished.connect(lambda _code: self.panel.stop())
        box = QVBoxLayout(self)
        box.addWidget(self.hint)
        box.addWidget(self.panel)
        box.addWidget(buttons)
        self.setWindowTitle(self.tr("Coverage for patient {0}").format(patient_id))
        self.resize(640, self.sizeHint().height())
        self.panel.member.setFocus()

    def _hint(self, last: LastCheck | None) -> str:
        if last is None:
            return self.tr("Patient {0} has not been checked here before. Enter the member ID, "
                       "name and date of birth from the insurance card, then press Ctrl+E."
                       ).format(self.patient_id)
        if last.query is None:
            return self.tr("The last check of patient {0} could not be read back. Enter the "
                       "details from the insurance card, then press Ctrl+E."
                       ).format(self.patient_id)
        when = datetime.fromisoformat(last.asked_at).astimezone().strftime("%Y-%m-%d %H:%M")
        return self.tr("Filled in from the last check of patient {0} ({1}). Confirm the details "
                   "with the patient, then press Ctrl+E.").format(self.patient_id, when)

    def _asking(self) -> None:
        """Asked again (other details, perhaps): the last answer's payment is not offered."""
        self.take.setEnabled(False)
        self.chosen = None

    def _answered(self, answer: Eligibility) -> None:
        """The amount Checkout gets is what the panel pre-fills there (Eligibility.to_collect)."""
        self.take.setEnabled(answer.active)
        self.chosen = answer.to_collect
        if answer.active:
            self.take.setFocus()  # the next key: take the payment (Escape closes)

    def _take(self) -> None:
        self.taking = True
        self.accept()


class CoverageFromHistory:
    """One check-in question for every History dialog (zeep loads its WSDL once)."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.check = checker(ctx.runtime.gateway, lambda: ctx.settings, ctx.runtime.journal)
        self.dialog: CoverageDialog | None = None  # the open one (tests drive it)

    async def ask(self, patient_id: str) -> tuple[bool, Money | None]:
        """Open the dialog for ``patient_id``; (take payment?, the copay) when it closes."""
        from desktop_app.ui.dialogs import finished

        last = await last_check(self.ctx.runtime.journal, patient_id)
        dialog = CoverageDialog(self.check, patient_id, last, default_payer(self.ctx.settings),
                                self.parent)
        self.dialog = dialog
        try:
            await finished(dialog)
        finally:
            self.dialog = None
        return dialog.taking, dialog.chosen
