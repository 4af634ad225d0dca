"""The NVP form codec: exact percent-decoding, strictness, no crash on arbitrary bytes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.gateway.nvp import decode_form, encode_form

names = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=20)
values = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


@given(st.dictionaries(names, values, min_size=1, max_size=10))
def test_any_fields_round_trip(fields: dict[str, str]) -> None:
    assert decode_form(encode_form(fields)) == fields


def test_ampersand_and_equals_inside_values_round_trip() -> None:
    fields = {"responseMessage": "A&B=C 100% done", "cardHolderName": " "}
    assert decode_form(encode_form(fields)) == fields


def test_overview_sample_reply_decodes() -> None:
    body = (b"IsEMVVerifiedByPIN=false&EMVCardEntryMode=Swiped&cardBrand=VISA&"
            b"lastFourDigits=1111&responseCode=010&responseMessage=Partially Approved $1.00&"
            b"transactionStatus=D&cardHolderName= &transactionID=0ca7530a")
    fields = decode_form(body)
    assert fields["responseMessage"] == "Partially Approved $1.00"
    assert fields["cardHolderName"] == " "
    assert fields["IsEMVVerifiedByPIN"] == "false"


@pytest.mark.parametrize("body", [b"", b"<html>oops</html>", b"\xff\xfe", b"novalue"])
def test_garbage_is_an_error_not_a_partial_dict(body: bytes) -> None:
    with pytest.raises((ValueError, UnicodeDecodeError)):
        decode_form(body)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_decode_or_raise_value_error(body: bytes) -> None:
    try:
        fields = decode_form(body)
    except (ValueError, UnicodeDecodeError):
        return
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items())
