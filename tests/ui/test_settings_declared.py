"""Each setting declared once; the Settings page is built from the declarations, stays
reachable when the app cannot start, and keeps IT's settings behind the IT passcode."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from desktop_app import it_lock
from desktop_app.gateway.config import Environment, Protocol
from desktop_app.paths import app_paths
from desktop_app.settings import Group, Settings, declared, load_settings, read_settings
from desktop_app.ui.settings_page import SettingsPage
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed
from tests.ui.conftest import by_name, click, failed_start


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


def _other_value(widget: Any) -> Any:
    """Move a widget off its current value; return what it now holds."""
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex((widget.currentIndex() + 1) % widget.count())
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        widget.setValue(widget.value() + 1)
        return widget.value()
    if isinstance(widget, QCheckBox):
        widget.setChecked(not widget.isChecked())
        return widget.isChecked()
    assert isinstance(widget, QLineEdit)
    widget.setText(widget.text() + "7" if not widget.accessibleName().endswith("database")
                   else "postgresql://desk@db.clinic/fdp")
    return widget.text()


def test_every_setting_has_one_declaration_and_the_page_shows_every_shown_one(
        qtbot: Any, memory_keyring: MemoryKeyring) -> None:
    names = [f.name for f, _how in declared()]
    assert len(names) == len(set(names))
    shown = {f.name for f, how in declared() if how.group is not Group.HIDDEN}
    page = SettingsPage(app_paths().ensure(), Settings)
    qtbot.addWidget(page)
    assert set(page.fields) == shown
    for f, how in declared():
        if how.group is Group.HIDDEN:
            continue
        assert how.label and how.short, f.name
        if isinstance(f.default, enum.Enum):  # an enum offers exactly its members
            combo = page.fields[f.name][1]
            assert [combo.itemData(i) for i in range(combo.count())] == list(type(f.default))


def test_every_shown_setting_round_trips_through_the_page(
        qtbot: Any, memory_keyring: MemoryKeyring) -> None:
    paths = app_paths().ensure()
    page = SettingsPage(paths, Settings)
    qtbot.addWidget(page)
    wanted = {name: _other_value(widget) for name, (_how, widget) in page.fields.items()}
    click(qtbot, page.save_button)
    assert page.message.text().startswith("Saved"), page.message.text()
    saved = load_settings(paths)
    assert {name: getattr(saved, name) for name in wanted} == wanted
    again = SettingsPage(paths, Settings)
    qtbot.addWidget(again)
    assert again.read(saved) == saved


def test_the_page_offers_no_protocol_the_app_cannot_use() -> None:
    offered = next(f for f, _how in declared() if f.name == "protocol").default
    assert set(type(offered)) == {Protocol.NVP, Protocol.SOAP11, Protocol.SOAP12, Protocol.REST}
    with pytest.raises(Exception, match="soap11"):
        Settings(protocol="soap")  # type: ignore[arg-type]


def test_an_unusable_value_in_the_file_is_named_and_the_rest_is_kept() -> None:
    paths = app_paths().ensure()
    paths.settings_file.write_text(json.dumps({"protocol": "soap", "terminal_id": "T-9"}))
    settings, problems = read_settings(paths)
    assert settings.protocol is Protocol.NVP and settings.terminal_id == "T-9"
    assert len(problems) == 1 and "'soap'" in problems[0]
    with pytest.raises(Exception, match="Open Settings"):
        load_settings(paths)


@pytest.mark.parametrize("bad", [{"protocol": "soap"},
                                 {"environment": "staging", "account_id": "clinic@x"}])
async def test_a_start_that_fails_on_a_setting_leaves_settings_reachable_to_fix_it(
        qtbot: Any, memory_keyring: MemoryKeyring, bad: dict[str, str]) -> None:
    """``soap`` (never a protocol) or staging with no stored password: said in the window,
    and Ctrl+4 opens Settings, where IT puts it right."""
    paths = app_paths().ensure()
    paths.settings_file.write_text(json.dumps(bad))
    async with failed_start(read_settings(paths)[0], "fdp-test-fix") as window:
        hint = by_name(window, "form message").text()
        assert "Settings (Ctrl+4)" in hint
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.settings
        environment = by_name(window.settings, "environment")
        environment.setCurrentIndex(environment.findData(Environment.SANDBOX))
        click(qtbot, window.settings.save_button)
        assert "Restart" in by_name(window.settings, "settings message").text()
        assert load_settings(paths).environment is Environment.SANDBOX  # starts next time


def test_it_settings_open_only_with_the_it_passcode(
        qtbot: Any, memory_keyring: MemoryKeyring) -> None:
    paths = app_paths().ensure()
    page = SettingsPage(paths, Settings)
    qtbot.addWidget(page)
    assert page.it_group.isEnabled()  # none set yet: open, so IT can set one
    page.new_passcode.setText("front-desk-it")
    click(qtbot, page.save_button)
    stored = next(v for (svc, key), v in memory_keyring.store.items() if key == "it-passcode")
    assert "front-desk-it" not in stored and stored.startswith("pbkdf2_sha256$")
    locked = SettingsPage(paths, Settings)
    qtbot.addWidget(locked)
    assert not locked.it_group.isEnabled() and locked.fields["receipt_header"][1].isEnabled()
    qtbot.keyClicks(locked.passcode, "guess-123")
    qtbot.keyClick(locked.passcode, Qt.Key.Key_Return)
    assert not locked.it_group.isEnabled()
    assert "not the IT passcode" in locked.message.text()
    qtbot.keyClicks(locked.passcode, "front-desk-it")
    click(qtbot, locked.unlock_button)
    assert locked.it_group.isEnabled() and locked.passcode.text() == ""
    assert it_lock.check_passcode("front-desk-it") and not it_lock.check_passcode("x")


async def test_the_window_still_fits_a_small_front_desk_screen(
        app_window: tuple[Any, Any]) -> None:
    """The long IT group scrolls: a page taller than the screen cut History's buttons and
    totals off every page (the stack takes its tallest page's height)."""
    _ctx, window = app_window
    for language in ("en", "es"):
        window.translations.switch(language)
        assert window.minimumSizeHint().height() <= 600, language
        assert window.settings.save_button.isVisibleTo(window.settings)
    window.translations.switch("en")
