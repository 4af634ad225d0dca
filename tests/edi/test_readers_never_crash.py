"""Arbitrary bytes, and valid files cut or garbled anywhere, give an answer or an EdiError:
never another exception, never a value from the file in the message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.edi.errors import EdiError
from desktop_app.edi.validation import walk
from desktop_app.edi.x271 import read_271
from desktop_app.edi.x999 import read_999
from tests.edi.patients import sample

READERS: list[Callable[[str], object]] = [read_271, read_999, walk]
VALID = sample("active")


def _survives(reader: Callable[[str], object], text: str) -> None:
    try:
        reader(text)
    except EdiError as error:
        assert "SBX100001" not in str(error) and "JANE" not in str(error)
        for finding in error.findings:
            assert "SBX100001" not in str(finding) and "JANE" not in str(finding)


@pytest.mark.parametrize("reader", READERS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(reader: Callable[[str], object], data: bytes) -> None:
    _survives(reader, data.decode("latin-1"))


@pytest.mark.parametrize("reader", READERS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(VALID)), junk=st.text(max_size=8),
       where=st.integers(0, len(VALID)))
def test_a_valid_271_cut_or_garbled(reader: Callable[[str], object], cut: int, junk: str,
                                    where: int) -> None:
    text = VALID[:cut]
    _survives(reader, text[:where] + junk + text[where:])


def test_a_truncated_271_is_refused_with_where_it_stopped() -> None:
    text = VALID[: VALID.index("EB*G")]
    with pytest.raises(EdiError) as caught:
        read_271(text)
    assert caught.value.findings
