"""The test cards and amounts, shown on the checkout form while the app runs on the sandbox.

A trainee on a fresh install (the sandbox is the default environment) can try every outcome
without asking anyone: which card approves or declines, which amounts give a partial approval,
a "do not honor" or a gateway error. The numbers are the sandbox's own rules
(``desktop_app/sandbox/rules.py``; tests/ui/test_sandbox_help.py holds the two together);
they are public test numbers, never real cards.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# (number as shown, what it does): the PANs are the sandbox's public test cards
TEST_CARDS = (
    ("4111 1111 1111 1111", QT_TRANSLATE_NOOP("SandboxHelp", "Visa: approved")),
    ("5555 5555 5555 4444", QT_TRANSLATE_NOOP("SandboxHelp", "Mastercard: approved")),
    ("4000 0000 0000 0002", QT_TRANSLATE_NOOP("SandboxHelp", "declined")),
    ("4000 0000 0000 9995", QT_TRANSLATE_NOOP("SandboxHelp", "declined: insufficient funds")),
)
# (the cents an amount ends in, what it does, an example amount)
TEST_AMOUNTS = (
    ("10", QT_TRANSLATE_NOOP("SandboxHelp",
                             "partially approved: half, the balance is then approved"), "50.10"),
    ("51", QT_TRANSLATE_NOOP("SandboxHelp", "declined: do not honor"), "20.51"),
    ("96", QT_TRANSLATE_NOOP("SandboxHelp", "gateway error: nothing is charged"), "12.96"),
)
BAD_CVV = "999"
RETURNED_CHECK_ENDING = "0001"


class SandboxHelp(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxHelp")
        self.setAccessibleName("test cards help")
        self.text = QLabel()
        self.text.setAccessibleName("test cards")
        self.text.setWordWrap(True)
        self.hide_button = QPushButton()
        self.hide_button.setAccessibleName("hide test cards")
        self.hide_button.clicked.connect(self._close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.hide_button)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addLayout(row)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    def retranslate(self) -> None:
        cards = "".join(f"<tr><td><tt>{n}</tt></td><td>{html.escape(self.tr(str(what)))}</td></tr>"
                        for n, what in TEST_CARDS)
        ends = self.tr("ends in .{0}, e.g. {1}")
        amounts = "".join(
            f"<tr><td>{html.escape(ends.format(c, example))}</td>"
            f"<td>{html.escape(self.tr(str(what)))}</td></tr>" for c, what, example in TEST_AMOUNTS)
        title = self.tr("Sandbox: test cards and amounts (no real money moves)")
        notes = self.tr("Any future expiry. Security code {0}: does not match. A check account "
                   "ending {1}: returned. Other amounts are approved in full.").format(
                       BAD_CVV, RETURNED_CHECK_ENDING)
        self.text.setText(
            f"<b>{html.escape(title)}"
            f"</b><table cellspacing='0' cellpadding='2'>{cards}</table>"
            f"<table cellspacing='0' cellpadding='2'>{amounts}</table>"
            f"<p>{html.escape(notes)}</p>")
        self.hide_button.setText(self.tr("&Got it, hide"))

