"""Card data removed by name and by decoded pattern; identifiers never altered (issue 14)."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.card import luhn_ok
from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.formats import parser_for
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.masking import decoded, scrubbed
from desktop_app.webhooks.nvp import parse_nvp
from desktop_app.webhooks.xml import parse_xml
from tests.webhooks.conftest import CONTENT, StartReceiver, gateway_message, post, stored

PAN = "4111111111111111"
# Luhn-valid digit runs as they occur inside hex IDs; not test cards (tests/conftest.py scans
# every file a test leaves for those).
RUN_A, RUN_B = "4242424242424242", "5105105105105100"
WRITTEN = [PAN, "4111 1111 1111 1111", "4111-1111-1111-1111", "4111+1111+1111+1111",
           "4111%201111%201111%201111", "%34%31%31%31111111111111", "4111.1111.1111.1111",
           "４１１１１１１１１１１１１１１１", "4111111111111111/12/30"]


def luhn_valid_run() -> str:
    """A hex transaction ID holding a 16-digit Luhn-valid run, as 0.2 % of uuids do."""
    return "ab" + RUN_A + "cd" + uuid.uuid4().hex[:12]


@pytest.mark.parametrize("written", WRITTEN)
def test_a_pan_however_written_is_masked_in_a_value(written: str) -> None:
    assert PAN not in decoded(scrubbed(f"note {written} end")).replace(" ", "")


def test_a_pan_in_a_json_unicode_escape_never_reaches_the_raw_body() -> None:
    raw = b'{"TransactionID": "t1", "Memo": "\\u0034111111111111111"}'
    message = parse_json(raw)
    assert not message.raw_verbatim
    assert PAN not in message.raw_body.decode() and PAN not in json.dumps(message.fields)


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
@pytest.mark.parametrize("written", WRITTEN)
def test_no_written_form_of_a_pan_survives_in_fields_or_raw_body(fmt: str,
                                                                  written: str) -> None:
    body = encode(gateway_message(1, Memo=f"card {written}"), fmt)
    message = parser_for(CONTENT[fmt])(body, "")
    for text in (message.raw_body.decode(), json.dumps(message.fields, ensure_ascii=False)):
        assert PAN not in decoded(text).replace(" ", "").replace("-", "").replace(".", "")


@pytest.mark.parametrize("name", ["CardVerificationNumber", "CVV", "cvv2", "PINBlock",
                                  "pin_block", "AccountNumber", "Track2Data", "CardNumber"])
def test_sensitive_fields_are_dropped_by_name_whatever_their_value(name: str) -> None:
    message = parse_nvp(encode(gateway_message(1, **{name: "123"}), "nvp"))
    assert name not in message.fields and "123" not in message.raw_body.decode()
    assert message.fields["AdditionalInfo1"] == "REF-1"  # the rest is kept


def test_sensitive_fields_hidden_in_nested_json_or_xml_attributes_are_dropped() -> None:
    nested = parse_json(json.dumps({**gateway_message(1),
                                    "Extra": [{"PINBlock": "ABCDEF0123456789"}]}).encode())
    attr = parse_xml(b'<W><TransactionID>t1</TransactionID><Card CVV="987"/></W>')
    assert "ABCDEF0123456789" not in nested.raw_body.decode()
    assert "987" not in attr.raw_body.decode() and "CVV" not in attr.fields


def test_the_last_four_of_a_bank_account_is_kept() -> None:
    body = gateway_message(1, AccountNumberLastFourDigits="6789")
    message = parse_json(json.dumps(body).encode())
    assert message.get("account_last_four") == "6789"


def test_identifiers_holding_a_luhn_valid_run_are_kept_exactly() -> None:
    txn, original, token = luhn_valid_run(), luhn_valid_run(), luhn_valid_run()
    message = parse_json(json.dumps(gateway_message(
        1, TransactionID=txn, OriginalTransactionID=original, SingleSignOnToken=token,
        AdditionalInfo1=RUN_B)).encode())
    assert (message.transaction_id, message.original_transaction_id, message.sso_token,
            message.our_reference) == (txn, original, token, RUN_B)


@settings(max_examples=300, deadline=None)
@given(st.uuids())
def test_no_uuid_hex_transaction_id_is_ever_changed(value: uuid.UUID) -> None:
    txn = value.hex
    message = parse_nvp(encode(gateway_message(1, TransactionID=txn), "nvp"))
    assert message.transaction_id == txn and message.fields["TransactionID"] == txn


async def test_two_ids_that_pattern_masking_made_alike_are_two_messages(
        start_receiver: StartReceiver) -> None:
    """Issue 14: a Chargeback was dropped as a duplicate of another transaction's message."""
    server = await start_receiver()
    first, second = "aa" + RUN_A + "01", "aa" + RUN_B + "01"
    assert luhn_ok(RUN_A) and luhn_ok(RUN_B)
    for txn in (first, second):
        body = json.dumps(gateway_message(1, "Sale", "CB", TransactionID=txn)).encode()
        assert (await post(server, body)).status_code == 200
    rows = await stored(server)
    assert [(r.transaction_id, r.trigger, r.duplicate_count) for r in rows] == \
        [(first, "Chargeback", 0), (second, "Chargeback", 0)]


async def test_no_card_data_in_the_store_file(start_receiver: StartReceiver,
                                              tmp_path: Path) -> None:
    server = await start_receiver()
    for n, written in enumerate(WRITTEN):
        body = encode(gateway_message(n, Memo=written, CVV="737", PINBlock="9F8E7D6C5B4A3921",
                                      AccountNumber="000123456789"), "nvp")
        assert (await post(server, body, CONTENT["nvp"])).status_code == 200
    await server.stop()
    with sqlite3.connect(tmp_path / "webhooks0.sqlite3") as db:
        dump = "\n".join(db.iterdump())
    flat = decoded(dump).replace(" ", "").replace("-", "").replace(".", "").replace("+", "")
    for secret in (PAN, "9F8E7D6C5B4A3921", "000123456789"):
        assert secret not in flat
    # three digits can turn up inside a timestamp (12:07:37) or a hash: the CVV as a number
    assert not re.search(r"(?<![0-9A-Fa-f])737(?![0-9A-Fa-f])", decoded(dump))
    assert "REF-0" in dump  # what may be kept was kept


def _luhn_complete(body: str) -> str:
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=18),
       st.lists(st.sampled_from(["", " ", "-", "+", "%20", ".", "%2D"]), min_size=19,
                max_size=19),
       st.text(alphabet="abcxyz :;/", max_size=10), st.text(alphabet="abcxyz :;/", max_size=10))
def test_any_luhn_valid_number_however_separated_is_masked(
        body: str, separators: list[str], before: str, after: str) -> None:
    pan = _luhn_complete(body)
    written = "".join(d + s for d, s in zip(pan[:-1], separators, strict=False)) + pan[-1]
    kept = decoded(scrubbed(f"{before}{written}{after}"))
    assert pan not in "".join(ch for ch in kept if ch.isdigit())
