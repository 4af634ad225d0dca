"""The hosted page's SSO login in Settings: account ID, alias and payment ID in the settings
file, the security key only in the keyring (apart from the API password), and all of it in
the gateway configuration."""

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

KEY = "sso-Key-7f3a91"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


async def test_the_sso_security_key_goes_only_to_the_keyring(
        qtbot: Any, app_window: tuple[AppContext, MainWindow], memory_keyring: MemoryKeyring,
        app_home: Path) -> None:
    ctx, window = app_window
    window.show_page(3)
    by_name(window, "sso account id").setText("clinic@example.test")
    by_name(window, "sso alias").setText("clinic-desk")
    qtbot.keyClicks(by_name(window, "sso security key"), KEY)
    click(qtbot, by_name(window, "save settings"))
    assert "Saved" in by_name(window, "settings message").text()
    assert by_name(window, "sso security key").text() == ""
    saved = json.loads(ctx.runtime.paths.settings_file.read_text())
    assert (saved["sso_account_id"], saved["sso_alias"]) == ("clinic@example.test",
                                                             "clinic-desk")
    assert memory_keyring.store[(KEYRING_SERVICE, "sso:clinic@example.test")] == KEY
    assert (KEYRING_SERVICE, "gateway:clinic@example.test") not in memory_keyring.store
    leaked = [f for f in app_home.rglob("*") if f.is_file() and KEY.encode() in f.read_bytes()]
    assert leaked == []


def test_the_sso_login_reaches_the_gateway_configuration(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, "gateway:api@example.test", "api-password")
    memory_keyring.set_password(KEYRING_SERVICE, "sso:desk@example.test", KEY)
    settings = Settings(environment=Environment.PRODUCTION, account_id="api@example.test",
                        sso_account_id="desk@example.test", sso_alias="desk",
                        sso_service_path="/Forms/WebServices/SSOService.asmx")
    config = settings.gateway_config()
    assert config.password == "api-password" and config.sso.security_key == KEY
    assert (config.sso.account_id, config.sso.alias, config.sso.payment_id) == (
        "desk@example.test", "desk", "desk")
    assert config.sso_service_path == "/Forms/WebServices/SSOService.asmx"
    assert KEY not in repr(config)
    none_stored = Settings(environment=Environment.PRODUCTION, account_id="api@example.test",
                           sso_account_id="other@example.test").gateway_config()
    assert none_stored.sso.security_key == ""  # the hosted page says so when opened


def test_the_sandbox_uses_its_demo_sso_login() -> None:
    config = Settings().gateway_config()
    assert (config.sso.account_id, config.sso.security_key, config.sso.alias) == (
        "sandbox@frontdeskpay.test", "sandbox-sso", "frontdeskpay")
