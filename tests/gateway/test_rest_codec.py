"""Our REST client, field by field: each request exactly as modobio_web spells it (paths,
nested objects, letter case, Api-Key/Api-Secret, no API password), each reply read as it
reads it, and what REST cannot carry refused before anything is sent. A loopback server
records what arrives and answers what a test gives it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import (
    CardData,
    Money,
    OutcomeStatus,
    PaymentRequest,
    SavedCard,
    Tender,
    TenderKind,
    TransactionKind,
)
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.errors import GatewayValidationError, OutcomeUnknown
from desktop_app.gateway.rest import flatten, place
from desktop_app.gateway.rest_table import rest_table
from tests.conftest import gateway_for

K = TransactionKind
VISA = CardData("4111111111111111", 12, 2030, cvv="123")
OUTLET = {"MerchantID": "6011000551245", "StoreID": "001", "TerminalID": "002"}
APPROVED = {"TransactionStatus": "C", "TransactionID": "T-1", "IsPartiallyApproved": False,
            "CardResult": {"LastFour": "1111", "Type": "VISA"}}


@dataclass
class Recorder:
    reply: dict[str, Any] = field(default_factory=lambda: dict(APPROVED))
    status: int = 200
    seen: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        self.seen.append((request.path, dict(request.headers), await request.json()))
        return web.json_response(self.reply, status=self.status)


@pytest.fixture
async def recorder() -> AsyncIterator[tuple[Recorder, GatewayClient]]:
    rec = Recorder()
    app = web.Application()
    for path in rest_table().paths:
        app.router.add_post(path, rec.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    # unconfirmed operations allowed: REST's own refusals are what is under test
    async with gateway_for(url, Protocol.REST, unconfirmed_operations=True) as gw:
        yield rec, gw
    await runner.cleanup()


def saved() -> Tender:
    return Tender(TenderKind.SAVED_CARD, saved_card=SavedCard("PP-77", "VISA", "1111"))


async def test_requests_are_spelled_as_modobio_spells_them(
        recorder: tuple[Recorder, GatewayClient]) -> None:
    rec, gw = recorder
    ref = {"AdditionalInfo1": ""}  # our reference, in the slot the setting names
    sale = PaymentRequest(K.CHARGE_SAVED_CARD, amount=Money.parse("12.34"), tender=saved(),
                          patient_id="MB-1")
    await gw.send(sale)
    await gw.send(PaymentRequest(K.SIMPLE_REFUND, amount=Money.parse("2.00"),
                                 transaction_id="T-1"))
    await gw.send(PaymentRequest(K.VOID, transaction_id="T-1"))
    rec.reply = {"PaymentPlanID": "PP-9", "CardResult": {"LastFour": "1111", "Type": "VISA"}}
    await gw.send(PaymentRequest(K.SAVE_ON_FILE, tender=Tender.keyed(VISA), patient_id="MB-1"))
    bodies = [(path, {k: v for k, v in body.items() if k not in ref}) for path, _, body in rec.seen]
    assert bodies == [
        ("/rest/payment/sale", {"Outlet": OUTLET, "PaymentMethod": "OnFile",
                                "PaymentMethodID": "PP-77", "Amount": "12.34",
                                "Patient": {"AccountNumber": "MB-1"}}),
        ("/rest/payment/refund-simple", {"Outlet": OUTLET, "TransactionID": "T-1",
                                         "Amount": "2.00"}),
        ("/rest/payment/void", {"Outlet": OUTLET, "TransactionID": "T-1"}),
        ("/rest/payment/paymentplan", {"Outlet": OUTLET, "PaymentPlanType": "SaveOnFile",
                                       "PaymentMethod": "Card",
                                       "Patient": {"AccountNumber": "MB-1"},
                                       "Card": {"EntryMode": "key", "CardNumber": VISA.pan,
                                                "Expiration": "12-30"}}),
    ]
    assert rec.seen[0][2]["AdditionalInfo1"] == sale.reference


async def test_the_key_pair_travels_and_the_api_password_never(
        recorder: tuple[Recorder, GatewayClient]) -> None:
    rec, gw = recorder
    await gw.send(PaymentRequest(K.SALE, amount=Money.parse("1.00"), tender=Tender.keyed(VISA)))
    _, headers, body = rec.seen[0]
    assert (headers["Api-Key"], headers["Api-Secret"]) == ("sandbox-api-key",
                                                           "sandbox-api-secret")
    assert "Authorization" not in headers
    assert "CardVerificationNumber" not in json.dumps(body) and "123" not in json.dumps(body)


@pytest.mark.parametrize("request_", [
    PaymentRequest(K.AUTHORIZATION, amount=Money.parse("1.00"), tender=Tender.keyed(VISA)),
    PaymentRequest(K.CAPTURE, amount=Money.parse("1.00"), transaction_id="T-1"),
    PaymentRequest(K.REFUND, amount=Money.parse("1.00"), tender=Tender.keyed(VISA)),
    PaymentRequest(K.SALE, amount=Money.parse("1.00"), tender=Tender(
        TenderKind.SWIPE, card=CardData("4111111111111111", 12, 2030,
                                        track2="4111111111111111=30121010000000000000"))),
], ids=["authorization", "capture", "refund", "swipe"])
async def test_what_rest_cannot_carry_is_refused_before_sending(
        recorder: tuple[Recorder, GatewayClient], request_: PaymentRequest) -> None:
    rec, gw = recorder
    with pytest.raises(GatewayValidationError, match="REST"):
        await gw.send(request_)
    assert rec.seen == []


@pytest.mark.parametrize(("reply", "status", "approved"), [
    ({**APPROVED, "IsPartiallyApproved": True, "PartialApprovalAmount": "4.00"},
     OutcomeStatus.PARTIALLY_APPROVED, "4.00"),
    ({**APPROVED, "ResponseCode": "010", "IsPartiallyApproved": True,
      "PartialApprovalAmount": "4.00"}, OutcomeStatus.PARTIALLY_APPROVED, "4.00"),
    (APPROVED, OutcomeStatus.APPROVED, "10.00"),
    ({"TransactionStatus": "D", "TransactionID": "T-2"}, OutcomeStatus.DECLINED, None),
])
async def test_replies_are_read_as_modobio_reads_them(
        recorder: tuple[Recorder, GatewayClient], reply: dict[str, Any],
        status: OutcomeStatus, approved: str | None) -> None:
    rec, gw = recorder
    rec.reply = reply
    outcome = await gw.send(PaymentRequest(K.SALE, amount=Money.parse("10.00"),
                                           tender=Tender.keyed(VISA)))
    assert outcome.status is status
    assert outcome.approved == (Money.parse(approved) if approved else None)


@pytest.mark.parametrize(("reply", "status"), [
    ({**APPROVED, "IsPartiallyApproved": True}, 200),               # no amount approved
    ({**APPROVED, "IsPartiallyApproved": True, "ResponseCode": "000",
      "PartialApprovalAmount": "4.00"}, 200),                       # code says full
    ({**APPROVED, "IsPartiallyApproved": "maybe"}, 200),
    ({**APPROVED, "Amount": "9.99"}, 200),                          # not what we asked
    ({**APPROVED, "transactionstatus": "D"}, 200),                  # one field, two values
    (APPROVED, 500), ({"errorCode": "400", **APPROVED}, 400), ({}, 200),
    ({"CardResult": {"LastFour": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {}}}}}}}}}}, 200),
])
async def test_doubtful_replies_are_unknown(
        recorder: tuple[Recorder, GatewayClient], reply: dict[str, Any], status: int) -> None:
    rec, gw = recorder
    rec.reply, rec.status = reply, status
    with pytest.raises(OutcomeUnknown):
        await gw.send(PaymentRequest(K.SALE, amount=Money.parse("10.00"),
                                     tender=Tender.keyed(VISA)))


async def test_a_refusal_charged_nothing(recorder: tuple[Recorder, GatewayClient]) -> None:
    rec, gw = recorder
    rec.reply, rec.status = {"errorCode": "400", "errorMessage": "Amount is required"}, 400
    with pytest.raises(GatewayValidationError, match="Amount is required"):
        await gw.send(PaymentRequest(K.SALE, amount=Money.parse("10.00"),
                                     tender=Tender.keyed(VISA)))


async def test_a_saved_card_is_its_payment_plan_id(
        recorder: tuple[Recorder, GatewayClient]) -> None:
    rec, gw = recorder
    rec.reply = {"PaymentPlanID": "PP-9", "CardResult": {"LastFour": "1111", "Type": "VISA"}}
    outcome = await gw.send(PaymentRequest(K.SAVE_ON_FILE, tender=Tender.keyed(VISA)))
    assert (outcome.status, outcome.saved_card_token, outcome.last_four) == (
        OutcomeStatus.APPROVED, "PP-9", "1111")


leaf = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=6)


@given(st.dictionaries(st.lists(leaf, min_size=1, max_size=3).map("/".join),
                       st.text(max_size=8), max_size=6))
def test_place_and_flatten_round_trip(fields: dict[str, str]) -> None:
    # a path that is a prefix of another cannot be both a value and an object
    heads = {"/".join(p.split("/")[:i]) for p in fields for i in range(1, p.count("/") + 1)}
    fields = {p: v for p, v in fields.items() if p not in heads}
    body: dict[str, Any] = {}
    for path, value in fields.items():
        place(body, path, value)
    assert dict(flatten(body)) == fields
