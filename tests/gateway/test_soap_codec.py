"""Our SOAP client on loopback: every envelope it sends is valid against payment.wsdl's schema
and names its operation in SOAPAction / action=; replies are read by element name in any
letter case with unknown elements kept; faults and odd replies become the typed errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from aiohttp import web
from lxml import etree

from desktop_app.domain import (
    BankAccount,
    CardData,
    Money,
    PaymentRequest,
    SavedCard,
    Tender,
    TenderKind,
    TransactionKind,
)
from desktop_app.gateway import GatewayClient, OutcomeUnknown, Protocol
from desktop_app.gateway.errors import GatewayAuthError, GatewayValidationError, SoapFault
from desktop_app.gateway.wire import WireRequest
from desktop_app.sandbox.test_keys import FORMAT
from drivers.parsers.encrypted import parse_encrypted
from tests.conftest import gateway_for
from tests.drivers.test_encrypted import reader_output
from tests.gateway.soap_schema import assert_valid

NS = "http://online.instamed.com/TransactionServices/Payment/v1r3/"
ENV = {Protocol.SOAP11: "http://schemas.xmlsoap.org/soap/envelope/",
       Protocol.SOAP12: "http://www.w3.org/2003/05/soap-envelope"}
SOAP = [Protocol.SOAP11, Protocol.SOAP12]
IDS = [p.value for p in SOAP]
K = TransactionKind
VISA = CardData("4111111111111111", 12, 2030, cvv="123", cardholder_name="Ana Ruiz")


@dataclass
class Loopback:
    """Records every request; forwards it to ``upstream`` or answers ``body``/``status``."""

    upstream: str = ""
    body: bytes = b""
    status: int = 200
    content_type: str = "text/xml; charset=utf-8"
    seen: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.seen.append((dict(request.headers), body))
        if not self.upstream:
            return web.Response(status=self.status, body=self.body,
                                headers={"Content-Type": self.content_type})
        async with httpx.AsyncClient() as http:
            forwarded = await http.post(self.upstream + request.path, content=body, headers={
                k: v for k, v in request.headers.items()
                if k.lower() in ("authorization", "content-type", "soapaction")})
        return web.Response(status=forwarded.status_code, body=forwarded.content,
                            headers={"Content-Type": forwarded.headers["content-type"]})


@pytest.fixture
async def loopback() -> AsyncIterator[Loopback]:
    state = Loopback()
    app = web.Application()
    app.router.add_post("/{tail:.*}", state.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield state
    await runner.cleanup()


def money(text: str) -> Money:
    return Money.parse(text)


async def every_kind(gw: GatewayClient) -> None:
    keyed = Tender.keyed(VISA)
    sale = await gw.send(PaymentRequest(K.SALE, amount=money("12.34"), tender=keyed,
                                        patient_id="P-1001"))
    swiped = await gw.send(PaymentRequest(K.SALE, amount=money("8.00"), tender=Tender(
        TenderKind.SWIPE, card=CardData("4111111111111111", 12, 2030,
                                        track2=";4111111111111111=30121010000000000000?"))))
    await gw.send(PaymentRequest(K.AUTHORIZATION, amount=money("30.00"), tender=keyed))
    await gw.send(PaymentRequest(K.REFUND, amount=money("5.00"), tender=keyed))
    await gw.send(PaymentRequest(K.SIMPLE_REFUND, amount=money("2.34"),
                                 transaction_id=sale.transaction_id))
    await gw.send(PaymentRequest(K.VOID, transaction_id=swiped.transaction_id))
    saved = await gw.send(PaymentRequest(K.SAVE_ON_FILE, tender=keyed))
    await gw.send(PaymentRequest(K.CHARGE_SAVED_CARD, amount=money("7.00"), tender=Tender(
        TenderKind.SAVED_CARD, saved_card=SavedCard(saved.saved_card_token, "VISA", "1111"))))
    await gw.send(PaymentRequest(K.ECHECK_SALE, amount=money("40.00"), tender=Tender(
        TenderKind.CHECK_PRESENT, bank_account=BankAccount("021000021", "123456789", "1001"))))


@pytest.mark.parametrize("protocol", SOAP, ids=IDS)
async def test_every_envelope_we_send_is_valid_against_the_wsdl(
        sandbox: object, loopback: Loopback, protocol: Protocol) -> None:
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    async with gateway_for(loopback.url, protocol, unconfirmed_operations=True) as gw:
        await every_kind(gw)
    assert len(loopback.seen) == 9
    operations = []
    for headers, body in loopback.seen:
        child = assert_valid(body)
        assert etree.QName(etree.fromstring(body)).namespace == ENV[protocol]
        name = etree.QName(child).localname
        operations.append(name)
        action = NS + name
        if protocol is Protocol.SOAP11:
            assert headers["Content-Type"].startswith("text/xml")
            assert headers["SOAPAction"] == f'"{action}"'
        else:
            assert headers["Content-Type"].startswith("application/soap+xml")
            assert f'action="{action}"' in headers["Content-Type"]
    assert operations == [
        "DoCreditCardAuthAndCapt", "DoCreditCardAuthAndCapt", "DoCreditCardAuth",
        "DoCreditCardCredit", "DoCreditCardSimpleRefund", "DoCreditCardSecondaryVoid",
        "DoCreditCardSaveOnFile", "DoCreditCardAuthAndCapt", "DoECheckAuthAndCapt"]


async def test_what_a_sale_carries_and_where(sandbox: object, loopback: Loopback) -> None:
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    request = PaymentRequest(K.SALE, amount=money("12.34"), tender=Tender.keyed(VISA),
                             patient_id="P-1001")
    async with gateway_for(loopback.url, Protocol.SOAP11, reference_slot="additionalInfo3") as gw:
        outcome = await gw.send(request)
    assert outcome.status.is_success and outcome.last_four == "1111"
    ((_, body),) = loopback.seen
    transaction = assert_valid(body)[0]
    sent = {etree.QName(e).localname: e.text for e in transaction.iter() if len(e) == 0}
    assert sent == {
        "MerchantID": "6011000551245", "StoreID": "001", "TerminalID": "002",
        "CardNumber": "4111111111111111", "CardExpiration": "12-30", "Amount": "12.34",
        "CardVerificationNumber": "123", "CardHolderName": "Ana Ruiz", "PatientID": "P-1001",
        "AdditionalInfo3": request.reference, "CardPresentStatus": "PresentManualKey",
        "IsCardholderInitiatedTransaction": "true"}


@pytest.mark.parametrize("protocol", SOAP, ids=IDS)
async def test_capture_is_refused_before_anything_is_sent(loopback: Loopback,
                                                          protocol: Protocol) -> None:
    async with gateway_for(loopback.url, protocol, unconfirmed_operations=True) as gw:
        with pytest.raises(GatewayValidationError, match="no capture operation"):
            await gw.send(PaymentRequest(K.CAPTURE, transaction_id="T-1",
                                         amount=money("30.00")))
    assert loopback.seen == []


async def test_encrypted_reader_data_is_refused_before_anything_is_sent(
        loopback: Loopback) -> None:
    pan = "4111111111111111"
    tender = Tender(TenderKind.SWIPE, encrypted=parse_encrypted(
        reader_output(pan, pan[:6] + "******" + pan[-4:]), FORMAT))
    async with gateway_for(loopback.url, Protocol.SOAP12) as gw:
        with pytest.raises(GatewayValidationError, match="cannot be sent over SOAP"):
            await gw.send(PaymentRequest(K.SALE, amount=money("1.00"), tender=tender))
    assert loopback.seen == []


def reply(protocol: Protocol, inner: str, wrapper: str = "DoCreditCardAuthAndCapt") -> bytes:
    env = ENV[protocol]
    return (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{env}">'
            f'<soap:Body><{wrapper}Response xmlns="{NS}"><{wrapper}Result>{inner}'
            f"</{wrapper}Result></{wrapper}Response></soap:Body></soap:Envelope>").encode()


def fault(protocol: Protocol, code: str, text: str, detail: str = "") -> bytes:
    env = ENV[protocol]
    if protocol is Protocol.SOAP11:
        inner = (f"<faultcode>soap:{code}</faultcode><faultstring>{text}</faultstring>"
                 f"<detail>{detail}</detail>")
    else:
        inner = (f"<soap:Code><soap:Value>soap:{code}</soap:Value></soap:Code><soap:Reason>"
                 f'<soap:Text xml:lang="en">{text}</soap:Text></soap:Reason>'
                 f"<soap:Detail>{detail}</soap:Detail>")
    return (f'<soap:Envelope xmlns:soap="{env}"><soap:Body><soap:Fault>{inner}</soap:Fault>'
            "</soap:Body></soap:Envelope>").encode()


def answer(loopback: Loopback, protocol: Protocol, body: bytes, status: int = 200) -> None:
    loopback.body, loopback.status = body, status
    loopback.content_type = ("text/xml; charset=utf-8" if protocol is Protocol.SOAP11
                             else "application/soap+xml; charset=utf-8")


SALE = WireRequest("sale", {"merchant_id": "M", "store_id": "S", "terminal_id": "T",
                            "amount": "1.00", "card_number": "4111111111111111"})


@pytest.mark.parametrize("protocol", SOAP, ids=IDS)
async def test_reply_names_match_in_any_case_and_unknown_ones_are_kept(
        loopback: Loopback, protocol: Protocol) -> None:
    answer(loopback, protocol, reply(protocol, (
        "<responsecode>000</responsecode><RESPONSEMESSAGE>APPROVAL</RESPONSEMESSAGE>"
        "<TransactionStatus>C</TransactionStatus><TransactionID>T-9</TransactionID>"
        "<MaskedCardNumber>XXXXXXXXXXXX1111</MaskedCardNumber><NewElement>x</NewElement>"
        "<Nested><Inner>1</Inner></Nested>")))
    async with gateway_for(loopback.url, protocol) as gw:
        got = await gw.codec().exchange(SALE)
    assert got.values == {"response_code": "000", "response_message": "APPROVAL",
                          "transaction_status": "C", "transaction_id": "T-9",
                          "last_four": "1111"}
    assert got.extra == {"NewElement": "x", "Nested/Inner": "1"}


@pytest.mark.parametrize(("body", "status", "error"), [
    (lambda p: reply(p, "<ResponseCode>000</ResponseCode><responseCode>005</responseCode>"),
     200, OutcomeUnknown),
    (lambda p: reply(p, "<ResponseCode>000</ResponseCode>", wrapper="DoCreditCardAuth"),
     200, OutcomeUnknown),
    (lambda p: reply(p, "<ResponseCode>000</ResponseCode>").replace(NS.encode(), b"urn:x"),
     200, OutcomeUnknown),
    (lambda p: reply(p, "<ResponseCode>000</ResponseCode><TransactionStatus>C"
                        "</TransactionStatus>"), 500, OutcomeUnknown),
    (lambda p: b"<not-xml", 200, OutcomeUnknown),
    (lambda p: fault(p, "Server" if p is Protocol.SOAP11 else "Receiver",
                     "Server was unable to process request. Timeout"), 500, OutcomeUnknown),
    (lambda p: fault(p, "Client" if p is Protocol.SOAP11 else "Sender",
                     "Server was unable to read request."), 500, SoapFault),
    (lambda p: fault(p, "Server", "Invalid amount",
                     f'<errorCode xmlns="{NS}">400</errorCode>'), 500, GatewayValidationError),
    (lambda p: b"401 Unauthorized", 401, GatewayAuthError),
], ids=["duplicate", "other-operation", "other-namespace", "approval-on-500", "not-xml",
        "server-fault", "client-fault", "error-code", "login"])
@pytest.mark.parametrize("protocol", SOAP, ids=IDS)
async def test_odd_replies_and_faults_become_typed_errors(
        loopback: Loopback, protocol: Protocol, body: object, status: int,
        error: type[Exception]) -> None:
    answer(loopback, protocol, body(protocol), status)  # type: ignore[operator]
    async with gateway_for(loopback.url, protocol) as gw:
        with pytest.raises(error) as info:
            await gw.codec().exchange(SALE)
    if error is SoapFault or error is GatewayValidationError:
        assert not isinstance(info.value, OutcomeUnknown)
