"""REST's key pair in Settings: the Api-Key in the settings file, the Api-Secret only in the
keyring (apart from the API password and the SSO key), both in the gateway configuration."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.gateway.config import Environment
from desktop_app.settings import KEYRING_SERVICE, Settings
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed
from tests.ui.conftest import by_name, click

SECRET = "rest-Secret-91c2e7"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


async def test_the_rest_secret_goes_only_to_the_keyring(
        qtbot: Any, app_window: tuple[AppContext, MainWindow], memory_keyring: MemoryKeyring,
        app_home: Path) -> None:
    ctx, window = app_window
    window.show_page(3)
    secret = by_name(window, "rest api secret")
    assert "No REST API secret stored" in secret.placeholderText()
    by_name(window, "rest api key").setText("clinic-key-1")
    qtbot.keyClicks(secret, SECRET)
    click(qtbot, by_name(window, "save settings"))
    assert "Saved" in by_name(window, "settings message").text()
    assert secret.text() == "" and "is stored" in secret.placeholderText()
    saved = json.loads(ctx.runtime.paths.settings_file.read_text())
    assert saved["rest_api_key"] == "clinic-key-1"
    assert memory_keyring.store[(KEYRING_SERVICE, "rest:clinic-key-1")] == SECRET
    leaked = [f for f in app_home.rglob("*") if f.is_file() and SECRET.encode() in f.read_bytes()]
    assert leaked == []


def test_the_key_pair_reaches_the_gateway_configuration(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, "gateway:api@example.test", "api-password")
    memory_keyring.set_password(KEYRING_SERVICE, "rest:clinic-key-1", SECRET)
    settings = Settings(environment=Environment.PRODUCTION, account_id="api@example.test",
                        rest_api_key="clinic-key-1")
    config = settings.gateway_config()
    assert (config.rest_api_key, config.rest_api_secret) == ("clinic-key-1", SECRET)
    assert SECRET not in repr(config)
