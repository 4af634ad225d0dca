"""Settings: saved to the settings file, the password only to the keyring; language switch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.settings import KEYRING_SERVICE
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed
from tests.ui.conftest import by_name, click, wait_until

Window = tuple[AppContext, MainWindow]
SECRET = "Gateway-Secret-9f1c"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


async def test_settings_are_saved_and_the_password_goes_only_to_the_keyring(
        qtbot: Any, app_window: Window, memory_keyring: MemoryKeyring, app_home: Path) -> None:
    ctx, window = app_window
    window.show_page(3)
    by_name(window, "terminal id").setText("T-0099")
    by_name(window, "receipt header").setText("Riverside Clinic")
    qtbot.keyClicks(by_name(window, "gateway password"), SECRET)
    click(qtbot, by_name(window, "save settings"))
    assert "Saved" in by_name(window, "settings message").text()
    assert by_name(window, "gateway password").text() == ""
    saved = json.loads(ctx.runtime.paths.settings_file.read_text())
    assert saved["terminal_id"] == "T-0099" and saved["receipt_header"] == "Riverside Clinic"
    assert saved["gateway_url"] == ""  # the embedded sandbox's port is not a setting
    assert memory_keyring.store[(KEYRING_SERVICE, f"gateway:{ctx.settings.account_id}")] == SECRET
    leaked = [f for f in app_home.rglob("*") if f.is_file() and SECRET.encode() in f.read_bytes()]
    assert leaked == []
    message = by_name(window, "settings message").text()
    assert "Restart" in message and "terminal ID" in message
    # the running gateway still uses terminal 002: the status bar says so until a restart
    assert "Terminal 002" in by_name(window, "environment status").text()


async def test_switching_to_spanish_retranslates_every_page_at_once(
        qtbot: Any, app_window: Window, memory_keyring: MemoryKeyring) -> None:
    _ctx, window = app_window
    window.show_page(3)
    language = by_name(window, "language")
    language.setCurrentIndex(language.findData("es"))
    click(qtbot, by_name(window, "save settings"))
    pay = by_name(window, "take payment")
    await wait_until(lambda: pay.text() == "Cobrar", what="Spanish checkout")
    assert by_name(window, "save settings").text() == "&Guardar configuración"
    assert "SOLO PAGOS DE PRUEBA" in by_name(window, "environment banner").text()
    assert window.nav.item(1).text().startswith("Historial")
    language.setCurrentIndex(language.findData("en"))
    click(qtbot, by_name(window, "save settings"))
    await wait_until(lambda: pay.text() == "Take payment", what="back to English")


async def test_it_settings_check_database_addresses_and_apply_at_the_next_start(
        qtbot: Any, app_window: Window, memory_keyring: MemoryKeyring) -> None:
    ctx, window = app_window
    window.show_page(3)
    by_name(window, "hosted page check interval").setValue(5)
    by_name(window, "hosted page time limit").setValue(30)
    journal = by_name(window, "journal database")
    journal.setText("postgresql://frontdesk:hunter2@clinic-db/frontdeskpay")
    click(qtbot, by_name(window, "save settings"))
    message = by_name(window, "settings message").text()
    assert "password" in message and "hunter2" not in message
    assert not ctx.runtime.paths.settings_file.exists()  # nothing saved
    journal.setText("postgresql://frontdesk@clinic-db/frontdeskpay")
    click(qtbot, by_name(window, "save settings"))
    assert "Saved" in by_name(window, "settings message").text()
    saved = json.loads(ctx.runtime.paths.settings_file.read_text())
    assert saved["journal_url"] == "postgresql://frontdesk@clinic-db/frontdeskpay"
    assert saved["sso_poll_seconds"] == 5 and saved["sso_timeout_minutes"] == 30
    assert ctx.settings.journal_url == ""      # the open journal stays until the next start
    assert "journal database" in by_name(window, "settings message").text()
    sso = ctx.sso()                             # the hosted page timing applies at once
    assert sso.poll_interval == 5.0 and sso.lifetime == 30 * 60.0



async def test_core_messages_and_receipts_speak_spanish_too(app_window: Window) -> None:
    from desktop_app.domain import Money, PaymentRequest, TransactionKind, ValidationError
    from desktop_app.sandbox.demo import demo_card_tender
    from desktop_app.services.payments import TerminalBusy
    from desktop_app.ui.errors import message_for
    from desktop_app.ui.receipts import receipt_html

    ctx, window = app_window
    sale = await ctx.runtime.payments.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse("9.00"), tender=demo_card_tender()))
    record = await ctx.runtime.journal.get(sale.reference)
    assert record is not None
    assert window.translations is not None
    window.translations.switch("es")
    try:
        assert message_for(ValidationError("Amount is not a number")) == \
            "El importe no es un número"
        assert "comprobando con la pasarela" in message_for(TerminalBusy("started 10:00 UTC"))
        receipt = receipt_html("Clínica", record)
        assert "Copia del cliente" in receipt and "Modo de entrada" in receipt
        assert "venta" in receipt and "aprobado" in receipt
    finally:
        window.translations.switch("en")
    assert "Customer copy" in receipt_html("Clinic", record)


async def test_a_password_with_no_secure_keyring_is_refused_in_words_and_stored_nowhere(
        qtbot: Any, app_window: Window, app_home: Path) -> None:
    """A plain-text keyring (keyrings.alt) is refused: the page says why, nothing is written."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    plaintext = PlaintextKeyring()
    plaintext.file_path = str(app_home / "plaintext-keyring.cfg")  # type: ignore[misc]
    previous = keyring.get_keyring()
    keyring.set_keyring(plaintext)
    try:
        _ctx, window = app_window
        window.show_page(3)
        qtbot.keyClicks(by_name(window, "gateway password"), SECRET)
        click(qtbot, by_name(window, "save settings"))
        message = by_name(window, "settings message").text()
        assert "No secure keyring" in message and "Credential Manager" in message
        assert by_name(window, "gateway password").text() == ""
        leaked = [f for f in app_home.rglob("*") if f.is_file() and SECRET.encode() in
                  f.read_bytes()]
        assert leaked == []
    finally:
        keyring.set_keyring(previous)
