"""Settling an unknown payment from what the gateway's portal shows: the last channel.

The dialog says what is known (the payment, when it started, that the gateway has not
answered), what would settle it on its own (the gateway's webhook, the end-of-day file),
and what staff do now: look it up on the portal, then record either the transaction ID and
the amount the portal shows as charged, or that it was not charged. Nothing is recorded
until Record is pressed with a complete answer; Escape or Cancel records nothing. The
payment service records it, audited with the OS user (``PaymentService.settle_by_hand``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import Money, ValidationError
from desktop_app.store import PaymentRecord
from desktop_app.ui.dialogs import finished
from desktop_app.ui.history.words import word


@dataclass(frozen=True)
class PortalVerdict:
    transaction_id: str | None   # None: the portal shows it was not charged
    amount: Money | None = None  # what the portal shows charged


class SettleDialog(QDialog):
    def __init__(self, record: PaymentRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setAccessibleName("settle dialog")
        self.setWindowTitle(self.tr("Settle from the gateway's portal"))
        known = QLabel(self.tr(
            "The gateway has not said what became of the {0} payment of {1} started {2} UTC "
            "(reference {3}). It may have been charged: do not charge it again. The gateway's "
            "webhook or its end-of-day file settles it on its own; if the patient cannot wait, "
            "look the payment up on the gateway's portal (or call the gateway) and record "
            "what it shows.").format(word(record.kind), record.amount or "",
                                     record.created_at[11:16], record.reference))
        known.setWordWrap(True)
        self.charged = QRadioButton(self.tr("&Charged (the portal shows it)"))
        self.charged.setAccessibleName("portal charged")
        self.not_charged = QRadioButton(self.tr("&Not charged (the portal has no such payment)"))
        self.not_charged.setAccessibleName("portal not charged")
        self._choice = QButtonGroup(self)
        for button in (self.charged, self.not_charged):
            self._choice.addButton(button)
        self.transaction_id = QLineEdit()
        self.transaction_id.setAccessibleName("portal transaction id")
        self.amount = QLineEdit(str(record.amount.amount) if record.amount else "")
        self.amount.setAccessibleName("portal amount")
        self.problem = QLabel()
        self.problem.setAccessibleName("settle problem")
        self.problem.setWordWrap(True)
        form = QFormLayout()  # a label's mnemonic (Alt+T, Alt+A) focuses its field
        form.addRow(self.tr("&Transaction ID:"), self.transaction_id)
        form.addRow(self.tr("&Amount charged:"), self.amount)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = self.buttons.addButton(self.tr("&Record"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setAccessibleName("record verdict")
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (known, self.charged, self.not_charged):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._choice.buttonToggled.connect(self._update)
        self.transaction_id.textChanged.connect(self._update)
        self.amount.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        charged = self.charged.isChecked()
        self.transaction_id.setEnabled(charged)
        self.amount.setEnabled(charged)
        self.record_button.setEnabled(self.not_charged.isChecked() or (
            charged and bool(self.transaction_id.text().strip())))

    def verdict(self) -> PortalVerdict:
        """What was entered; ``ValidationError`` (shown in the dialog) when the amount is
        not one."""
        if self.not_charged.isChecked():
            return PortalVerdict(None)
        text = self.amount.text().strip()
        return PortalVerdict(self.transaction_id.text().strip(),
                             Money.parse(text) if text else None)

    def _accept_if_complete(self) -> None:
        if not self.record_button.isEnabled():
            return
        try:
            self.verdict()
        except (ValidationError, ValueError, ArithmeticError):
            self.problem.setText(self.tr("Enter the amount as the portal shows it, e.g. "
                                         "42.00."))
            self.amount.setFocus()
            return
        self.accept()


async def ask_portal_verdict(record: PaymentRecord, parent: QWidget) -> PortalVerdict | None:
    """The verdict staff read off the portal, or None (cancelled: nothing is recorded)."""
    dialog = SettleDialog(record, parent)
    if await finished(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.verdict()
