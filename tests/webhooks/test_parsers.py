"""The three body parsers: what the sandbox sends reads back; anything else is a BodyError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.sandbox.webhook_sender import encode
from desktop_app.webhooks.formats import UnsupportedFormat, parser_for
from desktop_app.webhooks.json import parse_json
from desktop_app.webhooks.message import BodyError, WebhookMessage
from desktop_app.webhooks.nvp import parse_nvp
from desktop_app.webhooks.xml import parse_xml

PAYLOAD = {"eventID": "ev-1", "trigger": "Settlement", "transactionID": "abc123",
           "amount": "12.34", "transactionDate": "2026-01-02T03:04:05Z", "patientID": "P-9",
           "lastFourDigits": "1111", "note": "a&b <c> = d"}
CONTENT = {"json": "application/json", "xml": "application/xml",
           "nvp": "application/x-www-form-urlencoded; charset=utf-8"}
PARSERS = [parse_json, parse_xml, parse_nvp]


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
def test_what_the_sandbox_sends_reads_back_field_for_field(fmt: str) -> None:
    message = parser_for(CONTENT[fmt])(encode(PAYLOAD, fmt))
    assert message.fields == PAYLOAD
    assert (message.event_id, message.trigger, message.transaction_id, message.amount) == \
        ("ev-1", "Settlement", "abc123", "12.34")
    assert message.patient_ref == "P-9" and message.trigger_known


def test_a_json_float_amount_keeps_its_written_digits() -> None:
    assert parse_json(b'{"trigger": "Approved", "amount": 0.10}').amount == "0.10"


def test_an_unknown_trigger_is_kept_and_flagged() -> None:
    message = parse_json(b'{"trigger": "Disputed", "transactionID": "t"}')
    assert message.trigger == "Disputed" and not message.trigger_known


def test_a_card_number_in_a_body_is_masked_before_anything_keeps_it() -> None:
    message = parse_nvp(b"trigger=Approved&note=card+4111111111111111")
    assert b"4111111111111111" not in message.raw_body
    assert "4111111111111111" not in str(message.fields)


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
        assert parser_for(CONTENT[fmt])(encode(payload, fmt)).fields == payload
