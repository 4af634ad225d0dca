"""The checkout's test-card panel says what the sandbox really does with each card and amount."""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain import Money
from desktop_app.sandbox import rules
from desktop_app.sandbox.validation import BankInput, CardInput
from desktop_app.ui.checkout import sandbox_help as help_panel

NOW = datetime(2026, 1, 15)


def card(pan: str, cvv: str = "123") -> CardInput:
    return CardInput(pan=pan, exp_month=12, exp_year=2030, cvv=cvv)


def test_each_listed_card_does_what_the_panel_says() -> None:
    for shown, what in help_panel.TEST_CARDS:
        code = rules.card_code(card(shown.replace(" ", "")), NOW)
        assert (code == rules.APPROVED) == what.endswith("approved"), (shown, code)
    assert rules.card_code(card("4111111111111111", help_panel.BAD_CVV), NOW) == \
        rules.CVV_MISMATCH


def test_each_listed_amount_does_what_the_panel_says() -> None:
    expected = {"10": rules.PARTIAL, "51": rules.DO_NOT_HONOR, "96": rules.SYSTEM_ERROR}
    for cents, _what, example in help_panel.TEST_AMOUNTS:
        assert example.endswith("." + cents)
        assert rules.amount_decision(Money.parse(example)).code == expected[cents]
    assert rules.amount_decision(Money.parse("35.00")).code == rules.APPROVED


def test_the_returned_check_ending_is_the_sandboxes() -> None:
    bank = BankInput(routing="021000021", account="12340" + help_panel.RETURNED_CHECK_ENDING,
                     check_number="1001", account_type="Checking")
    assert rules.decide_check(bank, Money.parse("10.00")).code == rules.CHECK_RETURNED
