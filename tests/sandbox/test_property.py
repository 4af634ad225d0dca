"""Property: no form body, however odd, makes the NVP endpoint answer 500 (or crash).

Runs against a sandbox on its own thread so hypothesis can drive it synchronously.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode
from xml.sax.saxutils import escape

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.sandbox import SandboxServer
from desktop_app.sandbox.table import table
from desktop_app.sandbox.wsdl import soap_table
from tests.sandbox.conftest import AUTH, NVP, REST_HEADERS, SOAP_PAYMENT, rest_sale, sale

WIRE_NAMES = sorted(set(table().raw["request_fields"].values()))
values = st.one_of(st.text(max_size=30), st.sampled_from(
    ["", "0", "0.10", "12.96", "1e3", "NaN", "-1", "99999999999.99", "4111111111111111",
     "4000000000000002", "12", "12-30", "01-20", "AuthCapt", "authcapt", "Sale", "Void",
     "CreditCard", "ECheck", "PresentEMV", "notpresentphone",
     "ViewReceipt", "Capture", "SimpleRefund", "SaveOnFile", "RequestSSOToken", "021000021",
     ";4111111111111111=3012?", "true", "maybe"]))
changes = st.dictionaries(st.one_of(st.sampled_from(WIRE_NAMES), st.text(max_size=12)),
                          values, max_size=8)
RELAXED = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def sync_client(threaded: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=threaded.url, auth=AUTH, headers=REST_HEADERS,
                      timeout=10) as client:
        yield client


def check_nvp(client: httpx.Client, body: bytes) -> None:
    response = client.post(NVP, content=body,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200, (response.status_code, response.text)
    reply = dict(parse_qsl(response.text, keep_blank_values=True, strict_parsing=True))
    assert "responseCode" in reply or ("errorCode" in reply and reply["errorMessage"])


@RELAXED
@given(changes)
def test_field_changes_never_500(sync_client: httpx.Client, change: dict[str, str]) -> None:
    fields = {**sale(), **change}
    check_nvp(sync_client, urlencode(fields).encode())


REST_NAMES = ["Amount", "PaymentMethod", "PaymentMethodID", "TransactionID", "PaymentPlanType",
              "AdditionalInfo1", "Card", "Outlet", "Patient", "amount", "paymentmethod"]
rest_changes = st.dictionaries(st.one_of(st.sampled_from(REST_NAMES), st.text(max_size=12)),
                               values, max_size=6)


@RELAXED
@given(rest_changes, st.sampled_from(["sale", "void", "refund-simple", "paymentplan"]))
def test_rest_field_changes_never_500(sync_client: httpx.Client, change: dict[str, str],
                                      path: str) -> None:
    response = sync_client.post(f"/rest/payment/{path}", json={**rest_sale(), **change})
    assert response.status_code < 500, response.text
    assert response.status_code in (200, 400, 404, 409), response.status_code


@RELAXED
@given(st.binary(max_size=300))
def test_raw_bytes_never_500(sync_client: httpx.Client, body: bytes) -> None:
    check_nvp(sync_client, body)


SOAP_NS = soap_table().namespace
SOAP_OPERATIONS = sorted(name for name, op in soap_table().operations.items()
                         if op.request_type)
SOAP_PATHS = sorted({str(e["path"]) for e in soap_table().raw["request_elements"].values()})
SOAP_SALE = {"MerchantID": "6011000551245", "StoreID": "001", "TerminalID": "002",
             "Amount": "12.34", "CardNumber": "4111111111111111", "CardExpiration": "12-30"}
XML_SAFE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


def typed_body(operation: str, elements: dict[str, str]) -> bytes:
    """The operation's element with ``transaction`` holding ``elements`` (Patient/PatientID
    nested). Schema order is not kept: .NET's reader does not need it, and neither may we."""
    flat = "".join(f"<{p}>{escape(v)}</{p}>" for p, v in elements.items() if "/" not in p)
    nested = "".join(f"<{p.split('/')[1]}>{escape(v)}</{p.split('/')[1]}>"
                     for p, v in elements.items() if "/" in p)
    patient = f"<Patient>{nested}</Patient>" if nested else ""
    return (f'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
            f'<{operation} xmlns="{SOAP_NS}"><transaction>{flat}{patient}</transaction>'
            f"</{operation}></s:Body></s:Envelope>").encode()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SOAP_OPERATIONS),
       st.dictionaries(st.sampled_from(SOAP_PATHS), st.one_of(values, XML_SAFE), max_size=8))
def test_soap_replies_are_results_or_faults(sync_client: httpx.Client, operation: str,
                                            change: dict[str, str]) -> None:
    response = sync_client.post(SOAP_PAYMENT, content=typed_body(operation, {
        **SOAP_SALE, **change}), headers={"Content-Type": "text/xml; charset=utf-8",
                                          "SOAPAction": f'"{SOAP_NS}{operation}"'})
    if response.status_code == 500:
        assert b"<soap:Fault>" in response.content and b"errorCode" in response.content
    else:
        assert response.status_code == 200, response.text
        assert f"<{operation}Result>".encode() in response.content
