"""The sandbox's typed SOAP payment service: golden .NET requests answered as the facts say,
zeep (strict) binding the operations over SOAP 1.1 and 1.2, .asmx routing by SOAPAction,
faults, and WSDL serving."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import requests
import zeep
import zeep.exceptions
import zeep.transports
from lxml import etree

from desktop_app.paths import resources_dir
from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, SOAP_PAYMENT
from tests.sandbox.soap_golden import NS, SOAP11, SOAP12, STYLES, golden

PAY = f"{{{NS}}}"
BINDINGS = ["ServiceSoap", "ServiceSoap12"]
OUTLET = {"MerchantID": "6011000551245", "StoreID": "001", "TerminalID": "002"}


async def post(client: httpx.AsyncClient, kind: str, style: str, **slots: str) -> httpx.Response:
    sent = golden(kind, style, **slots)
    return await client.post(SOAP_PAYMENT, content=sent.body, headers=sent.headers)


def result(response: httpx.Response, operation: str) -> dict[str, str]:
    """The <Op>Result's leaf elements, after checking the reply's envelope and wrapper."""
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    soap = etree.QName(root).namespace
    expected = "text/xml" if soap == SOAP11 else "application/soap+xml"
    assert response.headers["content-type"].startswith(expected)
    found = root.find(f"{{{soap}}}Body/{PAY}{operation}Response/{PAY}{operation}Result")
    assert found is not None, response.text
    return {etree.QName(e).localname: e.text or "" for e in found.iter() if len(e) == 0}


def fault_of(response: httpx.Response) -> tuple[str, str, str]:
    """(code, text, errorCode) of a SOAP fault of either version."""
    assert response.status_code == 500, response.text
    root = etree.fromstring(response.content)
    code = root.findtext(".//faultcode") or root.findtext(".//{*}Code/{*}Value") or ""
    text = root.findtext(".//faultstring") or root.findtext(".//{*}Reason/{*}Text") or ""
    return code, text, root.findtext(".//{*}errorCode") or ""


@pytest.mark.parametrize("style", STYLES)
async def test_golden_dotnet_requests_are_answered_as_the_facts_say(
        client: httpx.AsyncClient, style: str) -> None:
    """Every operation we use, as a .NET client sends it, in each client style."""
    sale = result(await post(client, "sale", style, ref=f"G-{style}-1"),
                  "DoCreditCardAuthAndCapt")
    assert (sale["ResponseCode"], sale["TransactionStatus"]) == ("000", "C")
    assert sale["TransactionID"] and sale["AuthorizationNumber"]
    assert sale["MaskedCardNumber"].endswith("1111") and sale["CardType"]

    auth = result(await post(client, "authorization", style, ref=f"G-{style}-2"),
                  "DoCreditCardAuth")
    assert (auth["ResponseCode"], auth["TransactionStatus"]) == ("000", "A")

    saved = result(await post(client, "save_on_file", style, ref=f"G-{style}-3"),
                   "DoCreditCardSaveOnFile")
    assert saved["ResponseCode"] == "000" and saved["SaveOnFileTransactionID"]
    charged = result(await post(client, "charge_saved_card", style, ref=f"G-{style}-4",
                                saved=saved["SaveOnFileTransactionID"]),
                     "DoCreditCardAuthAndCapt")
    assert (charged["ResponseCode"], charged["TransactionStatus"]) == ("000", "C")

    credit = result(await post(client, "refund", style, ref=f"G-{style}-5"),
                    "DoCreditCardCredit")
    assert credit["ResponseCode"] == "000" and credit["TransactionID"]
    refund = result(await post(client, "simple_refund", style,
                               primary=sale["TransactionID"]), "DoCreditCardSimpleRefund")
    assert refund["ResponseCode"] == "000"
    assert refund["PrimaryTransactionID"] == sale["TransactionID"]

    to_void = result(await post(client, "sale", style, ref=f"G-{style}-6"),
                     "DoCreditCardAuthAndCapt")
    void = result(await post(client, "void", style, primary=to_void["TransactionID"]),
                  "DoCreditCardSecondaryVoid")
    assert (void["ResponseCode"], void["TransactionStatus"]) == ("000", "C")
    assert (void["PrimaryTransactionID"], void["PrimaryTransactionStatus"]) == (
        to_void["TransactionID"], "V")

    check = result(await post(client, "echeck_sale", style, ref=f"G-{style}-7"),
                   "DoECheckAuthAndCapt")
    assert (check["ResponseCode"], check["TransactionStatus"]) == ("000", "C")
    undone = result(await post(client, "echeck_void", style, primary=check["TransactionID"]),
                    "DoECheckVoidByTransactionID")
    assert undone["PrimaryTransactionStatus"] == "V"


def zeep_service(server: SandboxServer, binding: str, wsdl: str = "") -> Any:
    session = requests.Session()
    session.auth = AUTH
    transport = zeep.transports.Transport(session=session, timeout=10, operation_timeout=10)
    settings = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True)
    client = zeep.Client(wsdl or str(resources_dir() / "wsdl" / "payment.wsdl"),
                         transport=transport, settings=settings)
    return client.create_service(f"{PAY}{binding}", server.url + SOAP_PAYMENT)


def card(**changes: Any) -> dict[str, Any]:
    return {**OUTLET, "CardNumber": "4111111111111111", "CardExpiration": "12-30",
            "Amount": "12.34", "CardPresentStatus": "PresentManualKey",
            "IsCardholderInitiatedTransaction": True, **changes}


@pytest.mark.parametrize("binding", BINDINGS)
async def test_zeep_binds_the_typed_operations_and_reads_every_reply(
        server: SandboxServer, binding: str) -> None:
    """zeep in strict mode rejects any reply element out of the schema's order or name."""
    service = zeep_service(server, binding)
    sale = await asyncio.to_thread(service.DoCreditCardAuthAndCapt,
                                   transaction=card(AdditionalInfo1=f"Z-{binding}"))
    assert (sale.ResponseCode, sale.TransactionStatus) == ("000", "C")
    partial = await asyncio.to_thread(service.DoCreditCardAuthAndCapt,
                                      transaction=card(Amount="50.10"))
    assert (partial.ResponseCode, partial.PartialApprovalAmount) == ("010", "25.05")
    auth = await asyncio.to_thread(service.DoCreditCardAuth, transaction=card())
    assert auth.TransactionStatus == "A"
    saved = await asyncio.to_thread(service.DoCreditCardSaveOnFile, transaction=card(
        Amount=None))
    assert saved.SaveOnFileTransactionID
    void = await asyncio.to_thread(service.DoCreditCardSecondaryVoid, transaction={
        **OUTLET, "PrimaryTransactionID": sale.TransactionID,
        "PrimaryCardPresentStatus": "PresentManualKey"})
    assert void.PrimaryTransactionStatus == "V"


@pytest.mark.parametrize(("binding", "code"), [("ServiceSoap", "soap:Client"),
                                               ("ServiceSoap12", "soap:Sender")])
async def test_a_refusal_is_a_fault_with_the_error_code_in_its_detail(
        server: SandboxServer, binding: str, code: str) -> None:
    service = zeep_service(server, binding)
    with pytest.raises(zeep.exceptions.Fault) as info:
        await asyncio.to_thread(service.DoCreditCardAuthAndCapt,
                                transaction=card(Amount="1.234"))
    fault = info.value
    assert "Reference Number" in fault.message and fault.code == code
    assert fault.detail.find(".//{*}errorCode").text == "400"


async def test_soap_action_routes_as_asmx_does(client: httpx.AsyncClient) -> None:
    sale = golden("sale", "webref11", ref="ROUTE-1")
    missing = await client.post(SOAP_PAYMENT, content=sale.body,
                                headers={"Content-Type": "text/xml; charset=utf-8"})
    assert fault_of(missing)[:1] == ("soap:Client",)
    assert "did not recognize the value of HTTP Header SOAPAction" in fault_of(missing)[1]
    other = await client.post(SOAP_PAYMENT, content=sale.body, headers={
        **sale.headers, "SOAPAction": f'"{NS}DoCreditCardAuth"'})
    code, text, error_code = fault_of(other)
    assert code == "soap:Client" and "was not expected" in text and not error_code
    invented = await client.post(SOAP_PAYMENT, content=sale.body, headers={
        **sale.headers, "SOAPAction": f'"{NS}ProcessTransaction"'})
    assert "ProcessTransaction" in fault_of(invented)[1]

    soap12 = golden("sale", "wcf12", ref="ROUTE-2")
    by_element = await client.post(SOAP_PAYMENT, content=soap12.body, headers={
        "Content-Type": "application/soap+xml; charset=utf-8"})
    assert result(by_element, "DoCreditCardAuthAndCapt")["ResponseCode"] == "000"
    wrong = await client.post(SOAP_PAYMENT, content=soap12.body, headers={
        "Content-Type": f'application/soap+xml; charset=utf-8; action="{NS}DoCreditCardCredit"'})
    assert fault_of(wrong)[0] == "soap:Sender"


async def test_the_invented_operations_are_gone(client: httpx.AsyncClient) -> None:
    for name in ("ProcessTransaction", "ProcessEDI"):
        body = (f'<s:Envelope xmlns:s="{SOAP12}"><s:Body><{name} xmlns="{NS}"/></s:Body>'
                "</s:Envelope>").encode()
        response = await client.post(SOAP_PAYMENT, content=body, headers={
            "Content-Type": "application/soap+xml; charset=utf-8"})
        assert fault_of(response)[0] == "soap:Sender" and name in fault_of(response)[1]


async def test_unqualified_elements_are_not_read(server: SandboxServer,
                                                 client: httpx.AsyncClient) -> None:
    """elementFormDefault="qualified": a child without the namespace is not the field."""
    sent = golden("sale", "wcf11", ref="UNQ-1")
    body = sent.body.replace(b"<CardNumber>4111111111111111</CardNumber>",
                             b'<CardNumber xmlns="">4111111111111111</CardNumber>')
    response = await client.post(SOAP_PAYMENT, content=body, headers=sent.headers)
    code, _, error_code = fault_of(response)
    assert (code, error_code) == ("soap:Client", "400") and len(server.ledger) == 0


async def test_a_reply_uses_the_requests_soap_version(client: httpx.AsyncClient) -> None:
    for style, soap in (("webref11", SOAP11), ("webref12", SOAP12)):
        response = await post(client, "sale", style, ref=f"VER-{style}")
        assert etree.QName(etree.fromstring(response.content)).namespace == soap


@pytest.mark.parametrize("query", ["WSDL", "wsdl"])
async def test_wsdl_is_served_with_this_servers_address(
        server: SandboxServer, client: httpx.AsyncClient, query: str) -> None:
    response = await client.get(f"{SOAP_PAYMENT}?{query}")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.get("targetNamespace") == NS
    locations = [a.get("location") for a in root.iter("{*}address")]
    assert locations == [server.url + SOAP_PAYMENT] * 2
    anonymous = await httpx.AsyncClient(base_url=server.url).get(f"{SOAP_PAYMENT}?WSDL")
    assert anonymous.status_code == 401


async def test_served_wsdl_works_for_zeep(server: SandboxServer,
                                          client: httpx.AsyncClient, tmp_path: Any) -> None:
    wsdl = tmp_path / "served.wsdl"
    wsdl.write_bytes((await client.get(f"{SOAP_PAYMENT}?wsdl")).content)
    session = requests.Session()
    session.auth = AUTH
    zc = zeep.Client(str(wsdl), transport=zeep.transports.Transport(session=session))
    reply = await asyncio.to_thread(zc.service.DoCreditCardAuthAndCapt, transaction=card())
    assert reply.ResponseCode == "000"


def envelope(body: str, ns: str = SOAP11) -> bytes:
    return f'<s:Envelope xmlns:s="{ns}"><s:Body>{body}</s:Body></s:Envelope>'.encode()


async def test_bad_envelopes_are_client_faults_not_crashes(client: httpx.AsyncClient) -> None:
    xml = {"Content-Type": "text/xml; charset=utf-8",
           "SOAPAction": f'"{NS}DoCreditCardAuthAndCapt"'}
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           + envelope("<x>&e;</x>"))
    cases = [xxe, b"not xml", envelope(""), envelope("<Nope xmlns='urn:x'/>"),
             envelope(f"<DoCreditCardAuthAndCapt xmlns='{NS}'/>"),
             envelope("<x/>", ns=SOAP12)]
    for body in cases:
        response = await client.post(SOAP_PAYMENT, content=body, headers=xml)
        assert response.status_code == 500, body
        assert b"<faultcode>soap:Client</faultcode>" in response.content, response.text
        assert b"passwd" not in response.content and b"root:" not in response.content
    wrong_type = await client.post(SOAP_PAYMENT, content=envelope("<x/>"),
                                   headers={"Content-Type": "application/json"})
    assert wrong_type.status_code == 415


async def test_soap_needs_login(server: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        response = await anonymous.post(SOAP_PAYMENT, content=envelope("<x/>"),
                                         headers={"Content-Type": "text/xml"})
    assert response.status_code == 401 and "WWW-Authenticate" in response.headers
