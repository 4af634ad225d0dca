"""SOAP 1.1 and 1.2 through zeep (both bindings of both WSDLs), faults, WSDL serving."""

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
from tests.sandbox.conftest import AUTH, IDS, NVP, SOAP_PAYMENT, SOAP_SSO, VISA, nvp

PAY = "{https://connect.instamed.com/payment/}"
SSO = "{https://online.instamed.com/Forms/WebServices/}"
BINDINGS = ["Soap", "Soap12"]


def zeep_client(wsdl: str) -> zeep.Client:
    session = requests.Session()
    session.auth = AUTH
    transport = zeep.transports.Transport(session=session, timeout=10, operation_timeout=10)
    settings = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True)
    return zeep.Client(str(resources_dir() / "wsdl" / wsdl), transport=transport,
                       settings=settings)


def payment(server: SandboxServer, binding: str) -> Any:
    client = zeep_client("payment.wsdl")
    return client.create_service(f"{PAY}PaymentService{binding}", server.url + SOAP_PAYMENT)


def sso(server: SandboxServer, binding: str) -> Any:
    client = zeep_client("sso.wsdl")
    return client.create_service(f"{SSO}SSOService{binding}", server.url + SOAP_SSO)


NOT_TYPED = {"cardExpDate": "12-30", "cardPresentStatus": "PresentManualKey"}  # interim WSDL


def soap_sale(extra: dict[str, str] | None = None, **changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"transactionType": "CreditCard", "transactionAction": "AuthCapt",
                               **IDS, "amount": "12.34", "cardNumber": VISA}
    request.update(changes)
    fields = [{"name": k, "value": v} for k, v in {**NOT_TYPED, **(extra or {})}.items()]
    request["additionalFields"] = {"Field": fields}
    return request


def nvp_sale(**changes: str) -> dict[str, str]:
    return {**{k: v for k, v in soap_sale(**changes).items() if k != "additionalFields"},
            **NOT_TYPED}


def extra(result: Any) -> dict[str, str]:
    fields = result.additionalFields.Field if result.additionalFields else []
    return {f.name: f.value for f in fields}


@pytest.mark.parametrize("binding", BINDINGS)
async def test_process_transaction_both_bindings(server: SandboxServer, binding: str) -> None:
    service = payment(server, binding)
    result = await asyncio.to_thread(service.ProcessTransaction, request=soap_sale(
        extra={"additionalInfo1": f"SOAP-{binding}", "additionalInfo2": "a&b<c>"}))
    assert (result.responseCode, result.responseMessage, result.transactionStatus) == (
        "000", "Approved", "C")
    assert (result.amount, result.lastFourDigits) == ("12.34", "1111")
    assert extra(result)["additionalInfo1"] == f"SOAP-{binding}"
    assert extra(result)["additionalInfo2"] == "a&b<c>" and len(result.transactionID) == 32
    assert extra(result)["isEMVTransaction"] == "false"


@pytest.mark.parametrize("binding", BINDINGS)
async def test_soap_and_nvp_share_one_ledger_and_reference(
        server: SandboxServer, client: httpx.AsyncClient, binding: str) -> None:
    service = payment(server, binding)
    over_soap = await asyncio.to_thread(service.ProcessTransaction,
                                        request=soap_sale(amount="50.10"))
    over_nvp = await nvp(client, nvp_sale(amount="50.10"))
    assert over_nvp["transactionID"] != over_soap.transactionID
    assert (over_soap.responseCode, extra(over_soap)["partialApprovalAmount"]) == (
        "010", "25.05")
    assert over_nvp["partialApprovalAmount"] == "25.05"
    assert len(server.ledger) == 2


@pytest.mark.parametrize(("binding", "code"), [("Soap", "soap:Client"),
                                               ("Soap12", "soap:Sender")])
async def test_refusal_is_a_soap_fault(server: SandboxServer, binding: str, code: str) -> None:
    service = payment(server, binding)
    with pytest.raises(zeep.exceptions.Fault) as info:
        await asyncio.to_thread(service.ProcessTransaction, request=soap_sale(amount="1.234"))
    fault = info.value
    assert fault.message.startswith("amount must be a positive amount")
    assert "Reference Number" in fault.message and fault.code == code
    assert fault.detail.find(".//{*}errorCode").text == "400"


@pytest.mark.parametrize("binding", BINDINGS)
async def test_edi_and_sso_status(server: SandboxServer, client: httpx.AsyncClient,
                                  binding: str) -> None:
    edi = "ISA*00*~GS*HC~IEA*1~"
    ack = await asyncio.to_thread(payment(server, binding).ProcessEDI, edi=edi)
    assert ack == f"ACK:{len(edi)}"
    issued = await nvp(client, {**IDS, "transactionType": "CreditCard",
                                "transactionAction": "RequestSSOToken", "amount": "15.00"})
    status = await asyncio.to_thread(sso(server, binding).GetSSOTokenStatus,
                                     token=issued["singleSignOnToken"])
    assert status == "NEW"
    with pytest.raises(zeep.exceptions.Fault) as info:
        await asyncio.to_thread(sso(server, binding).GetSSOTokenStatus, token="unknown")
    assert info.value.detail.find(".//{*}errorCode").text == "404"


@pytest.mark.parametrize(("name", "path", "query"), [("payment", SOAP_PAYMENT, "WSDL"),
                                                     ("sso", SOAP_SSO, "wsdl")])
async def test_wsdl_is_served_with_this_servers_address(
        server: SandboxServer, client: httpx.AsyncClient, name: str, path: str,
        query: str) -> None:
    response = await client.get(f"{path}?{query}")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    locations = [a.get("location") for a in root.iter("{*}address")]
    assert locations == [server.url + path] * 2
    anonymous = await httpx.AsyncClient(base_url=server.url).get(f"{path}?WSDL")
    assert anonymous.status_code == 401


async def test_served_wsdl_works_for_zeep(server: SandboxServer,
                                          client: httpx.AsyncClient, tmp_path: Any) -> None:
    wsdl = tmp_path / "served.wsdl"
    wsdl.write_bytes((await client.get(f"{SOAP_PAYMENT}?wsdl")).content)
    session = requests.Session()
    session.auth = AUTH
    zc = zeep.Client(str(wsdl), transport=zeep.transports.Transport(session=session))
    result = await asyncio.to_thread(zc.service.ProcessTransaction, request=soap_sale())
    assert result.responseCode == "000"


def envelope(body: str, ns: str = "http://schemas.xmlsoap.org/soap/envelope/") -> bytes:
    return (f'<s:Envelope xmlns:s="{ns}"><s:Body>{body}</s:Body></s:Envelope>').encode()


async def test_bad_envelopes_are_client_faults_not_crashes(client: httpx.AsyncClient) -> None:
    xml = {"Content-Type": "text/xml; charset=utf-8"}
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           + envelope("<x>&e;</x>"))
    cases = [xxe, b"not xml", envelope(""), envelope("<Nope xmlns='urn:x'/>"),
             envelope("<ProcessTransaction xmlns='https://connect.instamed.com/payment/'/>"),
             envelope("<x/>", ns="http://www.w3.org/2003/05/soap-envelope")]
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
    assert NVP  # the same account works everywhere; see test_nvp
