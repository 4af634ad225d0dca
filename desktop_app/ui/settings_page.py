"""Settings, built from the declarations in ``desktop_app/settings.py``; secrets to the keyring.

Every field here comes from one ``Option``: its widget (a choice list for an enum or a fixed
set, a spin box with the declared bounds for a number, a line for text), its label and Alt
key, its group. So the page cannot offer a value the app cannot start with.

The "For IT" group (which gateway, as whom, the databases) opens only with the IT passcode
once one is set (``desktop_app/it_lock.py``). The gateway password goes to the OS keyring and
nowhere else (PCI DSS 8.3.2), and so does the hosted page's SSO security key (a separate
login); their fields are emptied once stored. The page also works with no
running services: when the app could not start, it is how IT puts the settings right.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import Field, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import it_lock
from desktop_app.domain import FrontDeskError
from desktop_app.paths import AppPaths
from desktop_app.settings import (
    KEYRING_SERVICE,
    Group,
    Option,
    Settings,
    declared,
    read_settings,
    save_settings,
    store_gateway_password,
    store_rest_api_secret,
    store_sso_security_key,
)
from desktop_app.ui.errors import message_for
from desktop_app.ui.i18n import LANGUAGES
from desktop_app.ui.panel import Panel


def _password_stored(account_id: str, kind: str = "gateway") -> bool:
    """``kind``: ``gateway`` (the API password), ``sso`` (the hosted page's security key) or
    ``rest`` (the REST API secret, by its API key)."""
    if not account_id:
        return False
    try:
        from desktop_app.keyring_guard import secure_keyring

        return bool(secure_keyring().get_password(KEYRING_SERVICE, f"{kind}:{account_id}"))
    except Exception:  # no usable keyring: nothing is stored there
        return False


def restart_needed(running: Settings, saved: Settings) -> list[str]:
    """The (untranslated) names of saved settings the running app does not use yet."""
    return [how.short for f, how in declared()
            if how.restart and how.group is not Group.HIDDEN
            and getattr(running, f.name) != getattr(saved, f.name)]


# Choices shown in words (translated in retranslate); languages keep their own names, and
# protocol names are the gateway's (NVP, SOAP, REST).
CHOICE_WORDS = {
    "sandbox": QT_TRANSLATE_NOOP("Settings", "Sandbox (test payments)"),
    "staging": QT_TRANSLATE_NOOP("Settings", "Staging (test payments)"),
    "production": QT_TRANSLATE_NOOP("Settings", "Production (real money)"),
    "80mm": QT_TRANSLATE_NOOP("Settings", "80 mm receipt roll"),
    "a4": QT_TRANSLATE_NOOP("Settings", "A4 sheet"),
    "letter": QT_TRANSLATE_NOOP("Settings", "Letter sheet"),
}


def _choice_text(value: object) -> str:
    words = CHOICE_WORDS.get(str(value))
    if words is not None:
        return QCoreApplication.translate("Settings", str(words))
    text = LANGUAGES.get(str(value), str(value))
    return text.upper() if len(text) <= 6 else text.capitalize()


def _widget(f: Field[Any], how: Option) -> QWidget:
    widget: QWidget
    if isinstance(f.default, enum.Enum) or how.choices:
        widget = QComboBox()
        values = list(type(f.default)) if isinstance(f.default, enum.Enum) else how.choices
        for value in values:
            widget.addItem(_choice_text(value), value)
    elif isinstance(f.default, bool):
        widget = QCheckBox()
    elif isinstance(f.default, int):
        widget = QSpinBox()
        widget.setRange(how.minimum, how.maximum)
    else:
        widget = QLineEdit()
    widget.setAccessibleName(how.short.lower())
    return widget


class SettingsPage(Panel):
    language_chosen = Signal(str)

    def __init__(self, paths: AppPaths, running: Callable[[], Settings],
                 apply: Callable[[Settings], None] | None = None,
                 present: Callable[[BaseException, Callable[[str], None]], object] | None = None,
                 parent: QWidget | None = None) -> None:
        """``running``: what the app runs with now; ``apply`` takes saved settings that apply at
        once (None: no services are running, everything waits for the restart)."""
        super().__init__(parent)
        self.paths, self.running, self._apply = paths, running, apply
        self._present = present or (lambda exc, show: show(message_for(exc)))
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.fields: dict[str, tuple[Option, QWidget]] = {}
        self._labels: list[tuple[QLabel, str]] = []
        self.desk_group, self.it_group = QGroupBox(), QGroupBox()
        self._form(self.desk_group, Group.DESK)
        it_form = self._form(self.it_group, Group.IT)
        it_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long addresses
        self.password = self._line("gateway password", echo=True)
        self._add_row(it_form, self.password,
                     str(QT_TRANSLATE_NOOP("Settings", "Gateway pass&word")), 6)
        self.sso_key = self._line("sso security key", echo=True)
        self._add_row(it_form, self.sso_key,
                     str(QT_TRANSLATE_NOOP("Settings", "Hosted page SSO security key")),
                     self._row_after(it_form, "sso_alias"))
        self.rest_secret = self._line("rest api secret", echo=True)
        self._add_row(it_form, self.rest_secret,
                     str(QT_TRANSLATE_NOOP("Settings", "REST API secret")),
                     self._row_after(it_form, "rest_api_key"))
        self.lock_box = QWidget()
        lock_row = QHBoxLayout(self.lock_box)
        lock_row.setContentsMargins(0, 0, 0, 0)
        self.passcode = self._line("it passcode", echo=True)
        self.unlock_button = QPushButton()
        self.unlock_button.setAccessibleName("unlock it settings")
        self.unlock_button.clicked.connect(self.unlock)
        self.passcode.returnPressed.connect(self.unlock)
        self.lock_label = QLabel()
        self.lock_label.setBuddy(self.passcode)
        for w in (self.lock_label, self.passcode, self.unlock_button):
            lock_row.addWidget(w)
        self.new_passcode = self._line("new it passcode", echo=True)
        self._add_row(it_form, self.new_passcode,
                     str(QT_TRANSLATE_NOOP("Settings", "New IT pass&code (blank: keep)")))
        self.save_button = QPushButton()
        self.save_button.setAccessibleName("save settings")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setAccessibleName("settings message")
        self.message.setWordWrap(True)
        it_column = QVBoxLayout()
        it_column.addWidget(self.lock_box)
        it_column.addWidget(self.it_group)
        # one above the other: each gets the page's width, in English and Spanish, at 1024 px
        groups = QVBoxLayout()
        groups.addWidget(self.desk_group)
        groups.addLayout(it_column)
        body = QWidget()
        box = QVBoxLayout(body)
        box.addWidget(self.title)
        box.addLayout(groups)
        box.addStretch(1)
        # The groups scroll (the IT group is long), so the page never makes the window taller
        # than a small front-desk screen, and every other page with it; Save stays in view.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 9)
        outer.addWidget(scroll, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(9, 0, 9, 0)  # in line with the groups above
        footer.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        footer.addWidget(self.message)
        outer.addLayout(footer)
        self.load(self._file_settings())
        self._lock(self._passcode_set())
        self.retranslate()

    # building

    def _form(self, group: QGroupBox, which: Group) -> QFormLayout:
        form = QFormLayout(group)
        for f, how in declared():
            if how.group is which:
                widget = _widget(f, how)
                self.fields[f.name] = (how, widget)
                self._add_row(form, widget, how.label)
        return form

    def _add_row(self, form: QFormLayout, widget: QWidget, label_text: str,
                 row: int = -1) -> None:
        label = QLabel()
        label.setBuddy(widget)
        self._labels.append((label, label_text))
        form.insertRow(min(row, form.rowCount()) if row >= 0 else form.rowCount(), label,
                       widget)

    def _row_after(self, form: QFormLayout, name: str) -> int:
        position = form.getWidgetPosition(self.fields[name][1])
        return int(position[0]) + 1  # type: ignore[index]

    @staticmethod
    def _line(name: str, echo: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        if echo:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        for label, text in self._labels:
            label.setText(QCoreApplication.translate("Settings", text))
        for how, widget in self.fields.values():
            if isinstance(widget, QComboBox):
                for i in range(widget.count()):
                    widget.setItemText(i, _choice_text(widget.itemData(i)))
            if isinstance(widget, QSpinBox) and how.unit:
                widget.setSuffix(" " + QCoreApplication.translate("Settings", how.unit))
            if isinstance(widget, QLineEdit) and how.short == "receipt printer":
                widget.setPlaceholderText(self.tr("blank: the computer's default printer"))
            if isinstance(widget, QLineEdit) and how.short.endswith("database"):
                widget.setPlaceholderText("postgresql://user@server/database")
        self.desk_group.setTitle(self.tr("Front desk"))
        self.it_group.setTitle(self.tr("For IT"))
        self.lock_label.setText(self.tr("IT passcode"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self._say_password()
        self.save_button.setText(self.tr("&Save settings"))

    def _say_password(self) -> None:
        """Whether the keyring holds this account's gateway password (never what it is)."""
        account = self.fields["account_id"][1]
        stored = _password_stored(account.text().strip() if isinstance(account, QLineEdit)
                                  else "")
        self.password.setPlaceholderText(
            self.tr("A password is stored in the system keyring (type to replace it)")
            if stored else
            self.tr("No password stored yet: type it (kept in the system keyring, never in a "
                    "file)"))
        self.password.setProperty("stored", stored)
        sso_account = self.fields["sso_account_id"][1]
        sso_stored = _password_stored(sso_account.text().strip() if isinstance(
            sso_account, QLineEdit) else "", "sso")
        self.sso_key.setPlaceholderText(
            self.tr("A security key is stored in the system keyring (type to replace it)")
            if sso_stored else
            self.tr("No security key stored yet: type it (kept in the system keyring, never "
                    "in a file)"))
        rest_key = self.fields["rest_api_key"][1]
        rest_stored = _password_stored(rest_key.text().strip() if isinstance(
            rest_key, QLineEdit) else "", "rest")
        self.rest_secret.setPlaceholderText(
            self.tr("A REST API secret is stored in the system keyring (type to replace it)")
            if rest_stored else
            self.tr("No REST API secret stored yet: type it (kept in the system keyring, "
                    "never in a file)"))

    # values

    def _file_settings(self) -> Settings:
        """The settings file as it is; what it holds that the app cannot use is said."""
        settings, problems = read_settings(self.paths)
        if problems:
            self.message.setText(" ".join(problems))
        return settings

    def load(self, s: Settings) -> None:
        for name, (_how, widget) in self.fields.items():
            value = getattr(s, name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))

    def read(self, base: Settings) -> Settings:
        """``base``: the settings file as it is (fields this page does not show stay)."""
        values: dict[str, Any] = {}
        for name, (_how, widget) in self.fields.items():
            if isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                values[name] = widget.value()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text().strip()
        return replace(base, **values)

    # the IT lock

    @staticmethod
    def _passcode_set() -> bool:
        try:
            return it_lock.passcode_is_set()
        except Exception:  # no usable keyring: nothing to check against, stay open
            return False

    def _lock(self, locked: bool) -> None:
        self.it_group.setEnabled(not locked)
        self.lock_box.setVisible(locked)

    def unlock(self) -> None:
        if it_lock.check_passcode(self.passcode.text()):
            self._lock(False)
            self.message.setText("")
        else:
            self.message.setText(self.tr("That is not the IT passcode."))
        self.passcode.clear()

    def save(self) -> None:
        try:
            settings = self.read(self._file_settings())
            if self.password.text():
                store_gateway_password(settings.account_id, self.password.text())
            if self.sso_key.text():
                store_sso_security_key(settings.sso_account_id, self.sso_key.text())
            if self.rest_secret.text():
                store_rest_api_secret(settings.rest_api_key, self.rest_secret.text())
            if self.new_passcode.text():
                it_lock.set_passcode(self.new_passcode.text())
            save_settings(self.paths, settings)
        except (FrontDeskError, OSError) as exc:
            self._present(exc, self.message.setText)
            return
        finally:
            self.password.clear()
            self.sso_key.clear()
            self.rest_secret.clear()
            self.new_passcode.clear()
            self._say_password()
        self._saved(settings)

    def _saved(self, settings: Settings) -> None:
        running = self.running()
        language_changed = settings.language != running.language
        later = restart_needed(running, settings)
        if self._apply is not None:
            self._apply(settings)
            self.message.setText(
                self.tr("Saved. Restart Front Desk Pay to use the new: {0}.").format(
                    ", ".join(QCoreApplication.translate("Settings", w) for w in later))
                if later else self.tr("Saved."))
        else:
            self.message.setText(self.tr("Saved. Restart Front Desk Pay to use them."))
        if language_changed:
            self.language_chosen.emit(settings.language)
