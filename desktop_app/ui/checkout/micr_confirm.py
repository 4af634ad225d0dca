"""A scanned check, shown before it is sent: routing, account (last four) and check number
as the MICR line gave them, for staff to compare with the paper. A misread digit is caught
here, at the desk, not as a returned check a week later.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain import BankAccount
from desktop_app.ui.panel import Panel


class MicrConfirm(Panel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.amount = QLabel()
        self.amount.setObjectName("bigAmount")
        self.amount.setAccessibleName("check amount")
        self.routing = QLabel()
        self.routing.setAccessibleName("scanned routing")
        self.account = QLabel()
        self.account.setAccessibleName("scanned account")
        self.check_number = QLabel()
        self.check_number.setAccessibleName("scanned check number")
        for value in (self.routing, self.account, self.check_number):
            value.setObjectName("micrValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, value in zip(self.labels, (self.routing, self.account, self.check_number),
                                strict=True):
            form.addRow(label, value)
        self.send_button = QPushButton()
        self.send_button.setAccessibleName("send check")
        self.send_button.setObjectName("primary")
        self.cancel_button = QPushButton()
        self.cancel_button.setAccessibleName("cancel check")
        self.send_button.clicked.connect(lambda: self._answer(True))
        self.cancel_button.clicked.connect(lambda: self._answer(False))
        row = QHBoxLayout()
        row.addWidget(self.send_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.amount)
        box.addLayout(form)
        box.addLayout(row)
        box.addStretch(1)
        self._future: asyncio.Future[bool] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check read: compare with the paper check, then send"))
        for label, text in zip(self.labels, (self.tr("Routing number"),
                                             self.tr("Account (last four)"),
                                             self.tr("Check number")), strict=True):
            label.setText(text)
        self.send_button.setText(self.tr("&Send the check (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))

    async def ask(self, bank: BankAccount, amount: str) -> bool:
        """True once staff confirm; False on Cancel or Escape."""
        self.amount.setText(amount)
        self.routing.setText(bank.routing_number)
        self.account.setText(f"****{bank.account_number[-4:]}")
        self.check_number.setText(bank.check_number or "-")
        self._future = asyncio.get_running_loop().create_future()
        self.send_button.setDefault(True)
        self.send_button.setFocus()
        try:
            return await self._future
        finally:
            self._future = None

    def _answer(self, send: bool) -> None:
        if self._future is not None and not self._future.done():
            self._future.set_result(send)

    def escape(self) -> bool:
        self._answer(False)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter sends, as the button says (on Cancel, Enter cancels)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._answer(not self.cancel_button.hasFocus())
            return
        super().keyPressEvent(event)
