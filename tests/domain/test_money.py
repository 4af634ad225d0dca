from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Money, ValidationError


def test_parse_text_and_decimal_agree() -> None:
    assert Money.parse("12.34") == Money.parse(Decimal("12.34")) == Money(1234)
    assert Money.parse("$1,200.00").cents == 120000


def test_floats_are_refused_everywhere() -> None:
    with pytest.raises(ValidationError):
        Money.parse(12.34)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Money(12.5)  # type: ignore[arg-type]


def test_more_than_two_places_is_an_error_not_a_rounding() -> None:
    with pytest.raises(ValidationError, match="two decimal places"):
        Money.parse("1.005")


def test_mixing_currencies_is_refused() -> None:
    with pytest.raises(ValidationError):
        Money(100, "USD") + Money(100, "EUR")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_wire_form_round_trips(cents: int) -> None:
    money = Money(cents)
    assert Money.parse(money.wire()) == money


@given(st.text(max_size=30))
def test_arbitrary_text_parses_or_raises_validation_error(text: str) -> None:
    try:
        money = Money.parse(text)
    except ValidationError:
        return
    assert isinstance(money.cents, int)


def test_display() -> None:
    assert str(Money(123456)) == "$1,234.56"
    assert str(Money(-5)) == "-$0.05"
