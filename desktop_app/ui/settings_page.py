"""Settings: environment, IDs, protocol, receipt header, language; secrets to the keyring.

The gateway password goes to the OS keyring and nowhere else (PCI DSS 8.3.2); the field is
emptied as soon as it has been stored.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import FrontDeskError
from desktop_app.settings import Settings, save_settings, store_gateway_password
from desktop_app.ui.context import AppContext
from desktop_app.ui.i18n import LANGUAGES
from desktop_app.ui.panel import Panel

_TEXT_FIELDS = ("account_id", "merchant_id", "store_id", "terminal_id", "receipt_header")
_NAMES = {"account_id": "account id", "merchant_id": "merchant id", "store_id": "store id",
          "terminal_id": "terminal id", "receipt_header": "receipt header"}


class SettingsPage(Panel):
    language_chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.environment = self._combo("environment", ["sandbox", "staging", "production"])
        self.protocol = self._combo("protocol", ["nvp", "soap", "rest"])
        self.language = QComboBox()
        self.language.setAccessibleName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.edits = {key: self._edit(_NAMES[key]) for key in _TEXT_FIELDS}
        self.password = self._edit("gateway password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_button = QPushButton()
        self.save_button.setAccessibleName("save settings")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setAccessibleName("settings message")
        self.message.setWordWrap(True)
        self._labels: list[QLabel] = []
        form = QFormLayout()
        for widget in (self.environment, self.protocol, *self.edits.values(), self.password,
                       self.language):
            label = QLabel()
            label.setBuddy(widget)
            self._labels.append(label)
            form.addRow(label, widget)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        holder = QWidget()
        holder.setLayout(form)
        holder.setMaximumWidth(640)
        box.addWidget(holder)
        box.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.message)
        box.addStretch(1)
        self.load(ctx.settings)
        self.retranslate()

    @staticmethod
    def _combo(name: str, values: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for v in values:
            combo.addItem(v.upper() if len(v) <= 4 else v.capitalize(), v)
        return combo

    @staticmethod
    def _edit(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        return edit

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        texts = [self.tr("&Environment"), self.tr("&Protocol"), self.tr("Acc&ount ID"),
                 self.tr("&Merchant ID"), self.tr("&Store ID"), self.tr("&Terminal ID"),
                 self.tr("Receipt &header"), self.tr("Gateway pass&word"), self.tr("&Language")]
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.password.setPlaceholderText(self.tr("stored in the system keyring, never in a file"))
        self.save_button.setText(self.tr("&Save settings"))

    def load(self, s: Settings) -> None:
        self.environment.setCurrentIndex(self.environment.findData(s.environment))
        self.protocol.setCurrentIndex(self.protocol.findData(s.protocol))
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        for key, edit in self.edits.items():
            edit.setText(str(getattr(s, key)))

    def read(self) -> Settings:
        text = {key: edit.text().strip() for key, edit in self.edits.items()}
        return replace(self.ctx.settings, environment=self.environment.currentData(),
                       protocol=self.protocol.currentData(),
                       language=self.language.currentData(), account_id=text["account_id"],
                       merchant_id=text["merchant_id"], store_id=text["store_id"],
                       terminal_id=text["terminal_id"], receipt_header=text["receipt_header"])

    def save(self) -> None:
        settings = self.read()
        stored = replace(settings, gateway_url="" if self.ctx.runtime.sandbox else
                         settings.gateway_url)
        try:
            if self.password.text():
                store_gateway_password(settings.account_id, self.password.text())
            save_settings(self.ctx.runtime.paths, stored)
        except (FrontDeskError, OSError) as exc:
            self.ctx.presenter.present(exc, "settings", self.message.setText)
            return
        finally:
            self.password.clear()
        language_changed = settings.language != self.ctx.settings.language
        self.ctx.apply_settings(settings)
        self.message.setText(self.tr("Saved. A new environment or protocol is used from the "
                                     "next start."))
        if language_changed:
            self.language_chosen.emit(settings.language)
