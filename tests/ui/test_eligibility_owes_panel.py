"""The check-in panel where the site's account offers DoEligibilityInquiryEnhanced and IT
allows it: the same panel, the answer adds "Patient owes today" (in both languages), and that
amount fills the checkout (staff may change it). Real window, embedded sandbox, keyboard only."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.money import Money
from desktop_app.edi.eligibility import Coverage, Eligibility
from tests.ui.conftest import by_name
from tests.ui.test_eligibility_panel import Window, _ask


@pytest.fixture
def settings_changes() -> dict[str, Any]:
    return {"unconfirmed_operations": True, "eligibility_enhanced": True}


@pytest.mark.parametrize(("language", "owes"), [("en", "Patient owes today: $25.00"),
                                                ("es", "El paciente debe hoy: $25.00")])
async def test_what_the_patient_owes_is_shown_and_fills_the_amount(
        qtbot: Any, app_window: Window, language: str, owes: str) -> None:
    _ctx, window = app_window
    assert window.translations is not None
    window.translations.switch(language)
    try:
        text = await _ask(qtbot, window, "active")
    finally:
        window.translations.switch("en")
    assert owes in text and "500.00" in text
    amount = by_name(window, "amount")
    assert amount.text() == "25.00" and not amount.isReadOnly()


async def test_inactive_coverage_shows_no_amount_owed(qtbot: Any, app_window: Window) -> None:
    _ctx, window = app_window
    text = await _ask(qtbot, window, "inactive")
    assert "NOT active" in text and "owes" not in text


async def test_owed_today_fills_the_amount_rather_than_the_copay(qtbot: Any,
                                                                  app_window: Window) -> None:
    _ctx, window = app_window
    panel = by_name(window, "eligibility")
    panel.show_answer(Eligibility(Coverage.ACTIVE, plan="P", copay=Money.parse("25.00"),
                                  patient_owes=Money.parse("12.50")))
    assert by_name(window, "amount").text() == "12.50"
    assert "Patient owes today: $12.50" in by_name(window, "eligibility answer").text()
    panel.show_answer(Eligibility(Coverage.ACTIVE, plan="P", copay=Money.parse("30.00")))
    assert by_name(window, "amount").text() == "30.00"  # not computed: the copay
