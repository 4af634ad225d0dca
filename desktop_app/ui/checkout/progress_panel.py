"""'Insert, tap or swipe' / 'Processing…' with a Cancel that really cancels, under the amount
(large) and the patient / account, so staff and patient see what is being charged to whom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.panel import Panel


class ProgressPanel(Panel):
    """Implements ``operation.Progress`` inside the checkout page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = QLabel()
        self.amount.setObjectName("bigAmount")
        self.amount.setAccessibleName("amount being charged")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel()
        self.who.setObjectName("paymentWho")
        self.who.setAccessibleName("payment for")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.patient = ""
        self.status = QLabel()
        self.status.setObjectName("bigStatus")
        self.status.setAccessibleName("payment status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("busy")
        self.cancel_button = QPushButton()
        self.cancel_button.setAccessibleName("cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.amount)
        box.addWidget(self.who)
        box.addWidget(self.status)
        box.addWidget(self.bar)
        box.addLayout(buttons)
        box.addStretch(2)
        self._cancel: Callable[[], None] | None = None
        self.cancel_button.clicked.connect(self._on_cancel)
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self._say_who()

    def set_payment(self, amount: str, patient: str) -> None:
        """What is being charged to whom ('' hides it: a void from History, say)."""
        self.amount.setText(amount)
        self.amount.setVisible(bool(amount))
        self.patient = patient
        self._say_who()

    def _say_who(self) -> None:
        self.who.setText(self.tr("Patient / account {0}").format(self.patient)
                         if self.patient else "")
        self.who.setVisible(bool(self.patient))

    def escape(self) -> bool:
        self._on_cancel()
        return True

    def begin(self, label: str, cancel: Callable[[], None]) -> None:
        self._cancel = cancel
        self.status.setText(label)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()

    def set_status(self, label: str) -> None:
        self.status.setText(label)

    def end(self) -> None:
        self._cancel = None

    def _on_cancel(self) -> None:
        if self._cancel is not None:
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
            self._cancel()
