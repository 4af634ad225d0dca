"""The three body parsers read the gateway's PascalCase fields; anything else is a BodyError."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.fields import normalized, webhook_table
from desktop_app.webhooks.formats import UnsupportedFormat, parser_for
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.message import BodyError, WebhookMessage
from desktop_app.webhooks.nvp import parse_nvp
from desktop_app.webhooks.xml import parse_xml
from tests.webhooks.conftest import CONTENT, PAYMENT_UPDATES, gateway_message

PAYLOAD = {"TransactionID": "3c4fabfad61e47e4aa10b52529476529", "TransactionAction": "Sale",
           "CurrentTransactionStatusCode": "C",
           "CurrentTransactionStatusDescription": "Approved", "ResponseCode": "000",
           "Amount": "12.34", "ResponseDateTime": "2026-01-02T03:04:05Z",
           "SingleSignOnToken": "sso-77", "CardType": "VISA", "CardLastFourDigits": "1111",
           "AdditionalInfo1": "REF-1", "PatientID": "P-9", "Note": "a&b <c> = d"}
PARSERS = [parse_json, parse_xml, parse_nvp]


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
def test_what_the_gateway_sends_reads_back_field_for_field(fmt: str) -> None:
    message = parser_for(CONTENT[fmt])(encode(PAYLOAD, fmt), "")
    assert message.fields == PAYLOAD
    assert (message.update, message.transaction_id, message.amount, message.sso_token) == \
        ("Approved", "3c4fabfad61e47e4aa10b52529476529", "12.34", "sso-77")
    assert (message.our_reference, message.patient_ref, message.get("last_four")) == \
        ("REF-1", "P-9", "1111")
    assert message.raw_verbatim and message.raw_body == encode(PAYLOAD, fmt)


@pytest.mark.parametrize(("update", "action", "status"), PAYMENT_UPDATES)
def test_the_update_comes_from_action_and_status(update: str, action: str,
                                                 status: str) -> None:
    message = parse_json(json.dumps(gateway_message(1, action, status)).encode())
    assert message.update == update and message.update_known


def test_plan_messages_are_created_or_updated() -> None:
    created = {"PaymentPlanID": "PP-1", "PaymentPlanTransactionType": "Created"}
    updated = {"PaymentPlanID": "PP-1", "PaymentPlanTransactionType": "Updated", "Amount": "5"}
    assert parse_json(json.dumps(created).encode()).update == "Created"
    assert parse_json(json.dumps(updated).encode()).update == "Updated"
    assert parse_json(json.dumps({"PaymentPlanID": "PP-1"}).encode()).update == "Updated"


def test_names_are_matched_whatever_their_case() -> None:
    message = parse_nvp(b"transactionid=T1&TRANSACTIONACTION=refund&currentTransactionStatusCode=c"
                        b"&originalTransactionID=T0&singlesignontoken=s1&additionalinfo2=R9",
                        "AdditionalInfo2")
    assert (message.update, message.transaction_id, message.original_transaction_id,
            message.sso_token, message.our_reference) == ("Refunded", "T1", "T0", "s1", "R9")


def test_the_invented_aliases_are_not_read() -> None:
    message = parse_json(json.dumps({"trigger": "Approved", "eventID": "e1",
                                     "transactionId": "T1", "requestReference": "R1",
                                     "status": "Settlement"}).encode())
    assert message.transaction_id == "T1"  # the real name, lower-camel spelled
    assert (message.update, message.our_reference) == ("", "")
    assert not message.update_known and message.trigger == "Unknown"


def test_an_unknown_status_is_kept_and_flagged() -> None:
    message = parse_json(json.dumps(gateway_message(1, "Sale", "ZZ")).encode())
    assert message.update == "" and message.trigger == "Sale ZZ"


def test_a_partial_approval_records_the_amount_approved() -> None:
    body = gateway_message(1, Amount="50.00", RequestAmount="50.00",
                           PartialApprovalAmount="20.00")
    assert parse_json(json.dumps(body).encode()).amount == "20.00"


def test_a_json_number_amount_keeps_its_written_digits() -> None:
    assert parse_json(b'{"TransactionID": "t", "Amount": 0.10}').amount == "0.10"


def test_redeliveries_share_a_key_and_other_updates_do_not() -> None:
    first = parse_json(json.dumps(gateway_message(1)).encode())
    again = parse_nvp(encode(gateway_message(1), "nvp"))
    settled = parse_json(json.dumps(gateway_message(1, status="S")).encode())
    assert first.key == again.key != settled.key
    assert first.key.startswith("txn-1:")


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><x>&b;</x>',
    b'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><x/>',
    b"<x><unclosed></x>",
])
def test_xml_with_entities_dtds_or_bad_structure_is_refused(body: bytes) -> None:
    with pytest.raises(BodyError):
        parse_xml(body)


@pytest.mark.parametrize(("parse", "body"), [
    (parse_json, b"[1, 2]"), (parse_json, b"{"), (parse_json, b"{}"), (parse_nvp, b"a"),
    (parse_nvp, b"\xff=\xfe"), (parse_json, b"[" * 100_000),
    (parse_json, b'{"TransactionID": "\\ud800"}'), (parse_json, b'{"A": "x\\u0000"}'),
    (parse_nvp, b"TransactionID=%00"), (parse_json, b'{"TransactionID": "' + b"x" * 20_000 + b'"}'),
])
def test_malformed_bodies_raise_body_error(parse: object, body: bytes) -> None:
    with pytest.raises(BodyError):
        parse(body)  # type: ignore[operator]


def test_unknown_content_types_are_unsupported() -> None:
    with pytest.raises(UnsupportedFormat):
        parser_for("text/plain")
    assert parser_for("application/vnd.gateway+json") is parse_json


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_a_parser(data: bytes) -> None:
    for parse in PARSERS:
        with contextlib.suppress(BodyError):
            assert isinstance(parse(data), WebhookMessage)


WORDS = st.text(st.characters(categories=("L", "P", "Zs")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(st.characters(categories=("L",)), min_size=1, max_size=20),
                       WORDS, min_size=1, max_size=10))
def test_any_flat_payload_round_trips_through_json_and_nvp(payload: dict[str, str]) -> None:
    for fmt in ("json", "nvp"):
        message = parser_for(CONTENT[fmt])(encode(payload, fmt), "")
        sensitive = webhook_table().sensitive
        assert message.fields == {k: v for k, v in payload.items()
                                  if normalized(k) not in sensitive}
