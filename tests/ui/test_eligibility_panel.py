"""The check-in coverage panel in the real window, on the embedded sandbox's healthcare
service: active (the copay fills the amount, staff may change it), inactive, not found and
payer down, in English and in Spanish. Keyboard only: type, Ctrl+E."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import by_name, wait_until

Window = tuple[AppContext, MainWindow]
CASES = {
    "active": ("SBX100001", "Doe", "Jane", "01011980"),
    "inactive": ("SBX100003", "Poe", "Pat", "02/20/1990"),
    "not found": ("SBX199999", "Moe", "Max", "3/3/1985"),
    "payer down": ("SBX100005", "Loe", "Lee", "1970-07-07"),
}
WORDS = {
    "en": {"active": "Coverage is active: SANDBOX PPO GOLD.", "inactive": "NOT active",
           "not found": "did not find this patient", "payer down": "cannot answer right now"},
    "es": {"active": "La cobertura está activa: SANDBOX PPO GOLD.", "inactive": "NO está activa",
           "not found": "no encontró a este paciente", "payer down": "no puede responder ahora"},
}


async def _ask(qtbot: Any, window: MainWindow, case: str) -> str:
    member, last, first, born = CASES[case]
    panel = by_name(window, "eligibility")
    if not panel.isChecked():  # folded at first: Ctrl+E opens it
        qtbot.keyClick(by_name(window, "amount"), Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier)
        await wait_until(panel.isChecked, what="panel open")
    for name, text in (("eligibility member", member), ("eligibility last name", last),
                       ("eligibility first name", first)):
        by_name(window, name).clear()
        qtbot.keyClicks(by_name(window, name), text)
    field = by_name(window, "eligibility birth date")
    field.clear()
    field.setFocus()
    qtbot.keyClicks(field, born)
    answer = by_name(window, "eligibility answer")
    answer.clear()
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: answer.text() and "…" not in answer.text(), timeout=20,
                     what=f"answer for {case}")
    return str(answer.text())


@pytest.mark.parametrize("language", ["en", "es"])
async def test_each_answer_in_the_desks_words(qtbot: Any, app_window: Window,
                                              language: str) -> None:
    _ctx, window = app_window
    assert window.translations is not None
    window.translations.switch(language)
    try:
        for case in CASES:
            text = await _ask(qtbot, window, case)
            assert WORDS[language][case] in text, (case, text)
    finally:
        window.translations.switch("en")


async def test_the_copay_fills_the_amount_and_staff_can_change_it(qtbot: Any,
                                                                  app_window: Window) -> None:
    _ctx, window = app_window
    text = await _ask(qtbot, window, "active")
    assert "25.00" in text and "500.00" in text
    amount = by_name(window, "amount")
    assert amount.text() == "25.00" and not amount.isReadOnly()
    amount.clear()
    qtbot.keyClicks(amount, "30.00")
    assert amount.text() == "30.00"


async def test_an_inactive_patient_leaves_the_amount_alone(qtbot: Any,
                                                           app_window: Window) -> None:
    _ctx, window = app_window
    await _ask(qtbot, window, "inactive")
    assert by_name(window, "amount").text() == ""


async def test_a_bad_birth_date_is_said_before_asking(qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    by_name(window, "eligibility").setChecked(True)
    field = by_name(window, "eligibility birth date")
    field.setFocus()
    qtbot.keyClicks(field, "1980")
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: "MM/DD/YYYY" in by_name(window, "eligibility answer").text(),
                     what="date problem")


async def test_a_changed_provider_npi_applies_at_the_next_question(qtbot: Any,
                                                                   app_window: Window) -> None:
    from dataclasses import replace

    ctx, window = app_window
    assert "active" in await _ask(qtbot, window, "active")
    ctx.runtime.settings = replace(ctx.runtime.settings, provider_npi="1234567890")
    assert "not a valid 10-digit NPI" in await _ask(qtbot, window, "active")  # check digit
    assert window.translations is not None
    window.translations.switch("es")
    try:
        assert "NPI del proveedor" in await _ask(qtbot, window, "active")
    finally:
        window.translations.switch("en")
