"""Settings: environment, IDs, protocol, receipt header, language; secrets to the keyring.

The gateway password goes to the OS keyring and nowhere else (PCI DSS 8.3.2); the field is
emptied as soon as it has been stored. A second group is for clinic IT: how often the hosted
page is checked and for how long, the gateway read timeout, and the shared databases (journal
and webhook store on the clinic's PostgreSQL; blank keeps them on this PC).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import FrontDeskError
from desktop_app.settings import Settings, load_settings, save_settings, store_gateway_password
from desktop_app.ui.context import AppContext
from desktop_app.ui.i18n import LANGUAGES
from desktop_app.ui.panel import Panel

_TEXT_FIELDS = ("account_id", "merchant_id", "store_id", "terminal_id", "receipt_header")
_NAMES = {"account_id": "account id", "merchant_id": "merchant id", "store_id": "store id",
          "terminal_id": "terminal id", "receipt_header": "receipt header"}
# IT settings: field → (accessible name, lowest, highest)
_NUMBERS = {"sso_poll_seconds": ("hosted page check interval", 1, 300),
            "sso_timeout_minutes": ("hosted page time limit", 1, 240),
            "read_timeout_seconds": ("gateway read timeout", 5, 300)}
_URLS = {"journal_url": "journal database", "webhook_store_url": "webhook store database"}
# What the running gateway client and databases were opened with (AppContext.apply_settings)
_AT_RESTART = {
    "environment": QT_TRANSLATE_NOOP("SettingsPage", "environment"),
    "protocol": QT_TRANSLATE_NOOP("SettingsPage", "protocol"),
    "account_id": QT_TRANSLATE_NOOP("SettingsPage", "account ID"),
    "merchant_id": QT_TRANSLATE_NOOP("SettingsPage", "merchant ID"),
    "store_id": QT_TRANSLATE_NOOP("SettingsPage", "store ID"),
    "terminal_id": QT_TRANSLATE_NOOP("SettingsPage", "terminal ID"),
    "read_timeout_seconds": QT_TRANSLATE_NOOP("SettingsPage", "gateway read timeout"),
    "journal_url": QT_TRANSLATE_NOOP("SettingsPage", "journal database"),
    "webhook_store_url": QT_TRANSLATE_NOOP("SettingsPage", "webhook store database"),
}


def restart_needed(running: Settings, saved: Settings) -> list[str]:
    """The (untranslated) names of saved settings the running app does not use yet."""
    return [str(name) for key, name in _AT_RESTART.items()
            if getattr(running, key) != getattr(saved, key)]


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
        self.numbers = {key: self._spin(*spec) for key, spec in _NUMBERS.items()}
        self.urls = {key: self._edit(name) for key, name in _URLS.items()}
        self._labels: list[QLabel] = []
        self.desk_group, self.it_group = QGroupBox(), QGroupBox()
        self._form(self.desk_group, (self.environment, self.protocol, *self.edits.values(),
                                     self.password, self.language))
        it_form = self._form(self.it_group, (*self.numbers.values(), *self.urls.values()))
        it_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the
        # database addresses are long
        groups = QHBoxLayout()
        groups.addWidget(self.desk_group, 3)
        groups.addWidget(self.it_group, 2, alignment=Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(groups)
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

    def _form(self, group: QGroupBox, widgets: tuple[QWidget, ...]) -> QFormLayout:
        form = QFormLayout(group)
        for widget in widgets:
            label = QLabel()
            label.setBuddy(widget)
            self._labels.append(label)
            form.addRow(label, widget)
        return form

    @staticmethod
    def _spin(name: str, lowest: int, highest: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setAccessibleName(name)
        spin.setRange(lowest, highest)
        return spin

    @staticmethod
    def _edit(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        return edit

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        texts = [self.tr("&Environment"), self.tr("&Protocol"), self.tr("Acc&ount ID"),
                 self.tr("&Merchant ID"), self.tr("Sto&re ID"), self.tr("&Terminal ID"),
                 self.tr("Receipt &header"), self.tr("Gateway pass&word"), self.tr("&Language"),
                 self.tr("Check the hosted page every"), self.tr("Hosted page time limit"),
                 self.tr("Gateway read timeout"), self.tr("Journal database (blank: on this PC)"),
                 self.tr("Webhook store database (blank: on this PC)")]
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.desk_group.setTitle(self.tr("Front desk"))
        self.it_group.setTitle(self.tr("For IT"))
        for key in ("sso_poll_seconds", "read_timeout_seconds"):
            self.numbers[key].setSuffix(self.tr(" s"))
        self.numbers["sso_timeout_minutes"].setSuffix(self.tr(" min"))
        for edit in self.urls.values():
            edit.setPlaceholderText("postgresql://user@server/database")
        self.password.setPlaceholderText(self.tr("stored in the system keyring, never in a file"))
        self.save_button.setText(self.tr("&Save settings"))

    def load(self, s: Settings) -> None:
        self.environment.setCurrentIndex(self.environment.findData(s.environment))
        self.protocol.setCurrentIndex(self.protocol.findData(s.protocol))
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        for key, edit in self.edits.items():
            edit.setText(str(getattr(s, key)))
        for key, spin in self.numbers.items():
            spin.setValue(int(getattr(s, key)))
        for key, edit in self.urls.items():
            edit.setText(str(getattr(s, key)))

    def read(self, base: Settings) -> Settings:
        """``base``: the settings file as it is (fields this page does not show stay)."""
        text = {key: edit.text().strip() for key, edit in self.edits.items()}
        return replace(base, environment=self.environment.currentData(),
                       protocol=self.protocol.currentData(),
                       language=self.language.currentData(), account_id=text["account_id"],
                       merchant_id=text["merchant_id"], store_id=text["store_id"],
                       terminal_id=text["terminal_id"], receipt_header=text["receipt_header"],
                       sso_poll_seconds=self.numbers["sso_poll_seconds"].value(),
                       sso_timeout_minutes=self.numbers["sso_timeout_minutes"].value(),
                       read_timeout_seconds=self.numbers["read_timeout_seconds"].value(),
                       journal_url=self.urls["journal_url"].text().strip(),
                       webhook_store_url=self.urls["webhook_store_url"].text().strip())

    def save(self) -> None:
        paths = self.ctx.runtime.paths
        try:
            settings = self.read(load_settings(paths))
            if self.password.text():
                store_gateway_password(settings.account_id, self.password.text())
            save_settings(paths, settings)
        except (FrontDeskError, OSError) as exc:
            self.ctx.presenter.present(exc, "settings", self.message.setText)
            return
        finally:
            self.password.clear()
        language_changed = settings.language != self.ctx.settings.language
        later = restart_needed(self.ctx.settings, settings)
        self.ctx.apply_settings(settings)
        self.message.setText(self.tr("Saved. Restart Front Desk Pay to use the new: {0}.")
                             .format(", ".join(self.tr(word) for word in later))
                             if later else self.tr("Saved."))
        if language_changed:
            self.language_chosen.emit(settings.language)
