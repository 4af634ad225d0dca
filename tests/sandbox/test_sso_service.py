"""The sandbox's SSOService: golden envelopes as the service's own help page shows them (SOAP
1.1 and 1.2, ``http://tempuri.org/``), replies validated against our WSDL's schema with lxml,
zeep binding the three typed operations over both bindings, and both paths."""

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
from tests.sandbox.conftest import SOAP_SSO, SSO_LOGIN, ledger
from tests.sandbox.test_sso import SSO_PAGE, card_form, issue

TEMPURI = "http://tempuri.org/"
ENVELOPES = {"1.1": ("http://schemas.xmlsoap.org/soap/envelope/", "text/xml; charset=utf-8"),
             "1.2": ("http://www.w3.org/2003/05/soap-envelope",
                     "application/soap+xml; charset=utf-8")}
LOGIN = {"accountID": SSO_LOGIN["accountID"], "alias": SSO_LOGIN["ssoAlias"],
         "password": SSO_LOGIN["securityKey"]}


def schema() -> etree.XMLSchema:
    wsdl = etree.parse(str(resources_dir() / "wsdl" / "sso.wsdl"))
    found = wsdl.find(".//{http://www.w3.org/2001/XMLSchema}schema")
    assert found is not None
    return etree.XMLSchema(etree.fromstring(etree.tostring(found)))  # stands alone


def envelope(version: str, operation: str, params: dict[str, str]) -> bytes:
    soap_ns = ENVELOPES[version][0]
    inner = "".join(f"<{k}>{v}</{k}>" for k, v in params.items())
    return (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{soap_ns}">'
            f'<soap:Body><{operation} xmlns="{TEMPURI}">{inner}</{operation}></soap:Body>'
            f"</soap:Envelope>").encode()


async def post(server: SandboxServer, version: str, operation: str, params: dict[str, str],
               path: str = SOAP_SSO) -> tuple[int, etree._Element]:
    content_type = ENVELOPES[version][1]
    headers = {"Content-Type": content_type}
    if version == "1.1":
        headers["SOAPAction"] = f'"{TEMPURI}{operation}"'
    else:
        headers["Content-Type"] += f'; action="{TEMPURI}{operation}"'
    async with httpx.AsyncClient(base_url=server.url) as anonymous:  # SSO login in the body
        response = await anonymous.post(path, content=envelope(version, operation, params),
                                        headers=headers)
    assert response.headers["content-type"].startswith(content_type.split(";")[0])
    return response.status_code, etree.fromstring(response.content)


def result_of(root: etree._Element, operation: str) -> etree._Element:
    reply = root.find(f".//{{{TEMPURI}}}{operation}Response")
    assert reply is not None, etree.tostring(root)
    schema().assertValid(reply)
    found = reply.find(f"{{{TEMPURI}}}{operation}Result")
    assert found is not None
    return found


@pytest.mark.parametrize("version", ["1.1", "1.2"])
@pytest.mark.parametrize("path", [SOAP_SSO, "/Forms/WebServices/SSOService.asmx"])
async def test_token_status_new_then_complete_then_the_details(
        server: SandboxServer, client: httpx.AsyncClient, version: str, path: str) -> None:
    token = await issue(server)
    status, root = await post(server, version, "GetSSOTokenStatus",
                              {"tokenID": token, **LOGIN}, path)
    assert status == 200 and result_of(root, "GetSSOTokenStatus").text == "NEW"
    assert (await client.post(SSO_PAGE, data=card_form(token))).status_code == 303
    _status, root = await post(server, version, "GetSSOTokenStatus",
                               {"tokenID": token, **LOGIN}, path)
    assert result_of(root, "GetSSOTokenStatus").text == "complete"
    _status, root = await post(server, version, "GetTransactionDetails",
                               {"tokenID": token, **LOGIN}, path)
    details = {etree.QName(e).localname: e.text
               for e in result_of(root, "GetTransactionDetails")}
    (entry,) = await ledger(client)
    assert details["TransactionID"] == entry["transaction_id"]
    assert (details["ResponseCode"], details["TransactionStatus"]) == ("000", "C")
    assert details["TenderType"] == "CreditCard" and "Amount" not in details
    _status, root = await post(server, version, "GetTransactionDetailsByTransactionID",
                               {"transactionID": entry["transaction_id"], **LOGIN}, path)
    by_id = {etree.QName(e).localname: e.text
             for e in result_of(root, "GetTransactionDetailsByTransactionID")}
    assert by_id == details


@pytest.mark.parametrize("version", ["1.1", "1.2"])
async def test_a_wrong_login_an_unknown_token_and_no_transaction_are_faults(
        server: SandboxServer, version: str) -> None:
    token = await issue(server)
    wrong = {**LOGIN, "password": "sandbox"}  # the API password is not the SSO key
    for params, code in (({"tokenID": token, **wrong}, "401"),
                         ({"tokenID": "nope", **LOGIN}, "404")):
        status, root = await post(server, version, "GetSSOTokenStatus", params)
        assert status == 500 and root.find(".//{*}Fault") is not None
        assert root.find(".//{*}errorCode").text == code  # type: ignore[union-attr]
    status, root = await post(server, version, "GetTransactionDetails",
                              {"tokenID": token, **LOGIN})
    assert status == 500 and root.find(".//{*}errorCode").text == "404"  # type: ignore[union-attr]
    status, root = await post(server, version, "GetSomethingElse", {"tokenID": token})
    assert status == 500 and root.find(".//{*}errorCode").text == "400"  # type: ignore[union-attr]


def zeep_service(server: SandboxServer, binding: str) -> Any:
    transport = zeep.transports.Transport(session=requests.Session(), timeout=10,
                                          operation_timeout=10)
    client = zeep.Client(str(resources_dir() / "wsdl" / "sso.wsdl"), transport=transport,
                         settings=zeep.Settings(strict=True, forbid_dtd=True))
    return client.create_service(f"{{{TEMPURI}}}SSOService{binding}", server.url + SOAP_SSO)


@pytest.mark.parametrize("binding", ["Soap", "Soap12"])
async def test_zeep_binds_the_three_typed_operations(
        server: SandboxServer, client: httpx.AsyncClient, binding: str) -> None:
    service = zeep_service(server, binding)
    token = await issue(server)
    status = await asyncio.to_thread(service.GetSSOTokenStatus, tokenID=token, **LOGIN)
    assert status == "NEW"
    await client.post(SSO_PAGE, data=card_form(token))
    details = await asyncio.to_thread(service.GetTransactionDetails, tokenID=token, **LOGIN)
    assert details.ResponseCode == "000" and details.TransactionID
    by_id = await asyncio.to_thread(service.GetTransactionDetailsByTransactionID,
                                    transactionID=details.TransactionID, **LOGIN)
    assert by_id.AuthorizationNumber == details.AuthorizationNumber
    with pytest.raises(zeep.exceptions.Fault) as info:
        await asyncio.to_thread(service.GetSSOTokenStatus, tokenID="unknown", **LOGIN)
    assert info.value.detail.find(".//{*}errorCode").text == "404"


async def test_the_wsdl_is_served_with_this_servers_address(server: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        response = await anonymous.get(f"{SOAP_SSO}?wsdl")
    root = etree.fromstring(response.content)
    assert root.get("targetNamespace") == TEMPURI
    assert [a.get("location") for a in root.iter("{*}address")] == [server.url + SOAP_SSO] * 2


async def test_a_soap_action_naming_another_operation_is_refused(server: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        for headers in ({"Content-Type": "text/xml; charset=utf-8",
                         "SOAPAction": f'"{TEMPURI}GetTransactionDetails"'},
                        {"Content-Type": "text/xml; charset=utf-8"},
                        {"Content-Type": "application/soap+xml; charset=utf-8; "
                                         'action="http://tempuri.org/Other"'}):
            version = "1.1" if headers["Content-Type"].startswith("text/xml") else "1.2"
            response = await anonymous.post(SOAP_SSO, headers=headers, content=envelope(
                version, "GetSSOTokenStatus", {"tokenID": "x", **LOGIN}))
            assert response.status_code == 500 and b"SOAPAction" in response.content
