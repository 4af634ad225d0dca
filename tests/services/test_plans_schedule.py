"""How a balance splits into plan payments and when they fall due (domain/plans.py): the
payments add up to the balance exactly, every payment but the last is the same even share
rounded down, and the last carries the remaining cents."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Money
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.plans import MAX_PAYMENTS, MIN_PAYMENTS, Frequency, due_date, schedule

counts = st.integers(MIN_PAYMENTS, MAX_PAYMENTS)


@given(st.integers(1, 10**9), counts, st.sampled_from(list(Frequency)),
       st.dates(date(2020, 1, 1), date(2040, 12, 31)))
def test_payments_add_up_and_the_last_carries_the_remainder(
        cents: int, payments: int, frequency: Frequency, start: date) -> None:
    if cents < payments:
        with pytest.raises(ValidationError, match="too small"):
            schedule(Money(cents), payments, frequency, start)
        return
    plan = schedule(Money(cents), payments, frequency, start)
    amounts = [m.cents for _, m in plan]
    assert sum(amounts) == cents and len(amounts) == payments
    assert set(amounts[:-1]) == {cents // payments}
    assert 0 <= amounts[-1] - amounts[0] < payments
    dates = [d for d, _ in plan]
    assert dates[0] == start and dates == sorted(dates) and len(set(dates)) == payments


def test_an_even_example_and_an_uneven_one() -> None:
    start = date(2027, 3, 1)
    assert [m.wire() for _, m in schedule(Money(10000), 4, Frequency.WEEKLY, start)] == [
        "25.00"] * 4
    assert [m.wire() for _, m in schedule(Money(10000), 3, Frequency.WEEKLY, start)] == [
        "33.33", "33.33", "33.34"]


def test_a_monthly_plan_keeps_its_day_or_the_months_last() -> None:
    start = date(2027, 1, 31)
    assert [due_date(start, Frequency.MONTHLY, n) for n in range(4)] == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    assert due_date(date(2027, 12, 15), Frequency.MONTHLY, 1) == date(2028, 1, 15)
    assert due_date(start, Frequency.EVERY_TWO_WEEKS, 2) == date(2027, 2, 28)


@pytest.mark.parametrize("payments", [0, 1, MAX_PAYMENTS + 1])
def test_a_plan_needs_two_to_the_maximum_payments(payments: int) -> None:
    with pytest.raises(ValidationError, match="payments"):
        schedule(Money(100000), payments, Frequency.MONTHLY, date(2027, 1, 1))
