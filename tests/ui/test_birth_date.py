"""The coverage panel's date of birth, typed as a US desk types it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.ui.checkout.eligibility import birth_date

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize("typed", ["01/31/1980", "1/31/1980", "01311980", "1980-01-31",
                                   " 01/31/1980 "])
def test_the_usual_spellings_are_one_day(typed: str) -> None:
    assert birth_date(typed, TODAY) == date(1980, 1, 31)


@pytest.mark.parametrize("typed", ["", "1980", "31/01/1980", "02/30/1980", "01/31/80",
                                   "19800131", "12/04/2026", "01/01/1899", "1/2/3/4", "a/b/cdef"])
def test_anything_else_is_refused_not_guessed(typed: str) -> None:
    """Day-first, two-digit years, ISO digits without dashes (read as MMDDYYYY they are no
    day), impossible days, tomorrow and the nineteenth century are asked again."""
    assert birth_date(typed, TODAY) is None


@given(st.text(max_size=12))
def test_no_text_makes_it_raise(text: str) -> None:
    born = birth_date(text, TODAY)
    assert born is None or date(1900, 1, 1) <= born <= TODAY
