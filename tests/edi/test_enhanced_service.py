"""DoEligibilityInquiryEnhanced over loopback: our typed request through zeep and the shared
transport to the sandbox, its reply read back (SOAP 1.1 and 1.2); the sandbox refusing what
the public table requires; and the gate that keeps the method off while its reply's names
are unconfirmed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date

import httpx
import pytest
from lxml import etree

from desktop_app.domain.money import Money
from desktop_app.edi.eligibility import Coverage
from desktop_app.edi.query import EligibilityQuery
from desktop_app.edi.validation import walk
from desktop_app.edi.xml_request import xml_table
from desktop_app.gateway import Protocol
from desktop_app.gateway.errors import UnconfirmedOperation
from desktop_app.services.eligibility import EligibilityService, eligibility_service
from desktop_app.settings import Settings
from tests.conftest import gateway_for
from tests.edi.patients import JANE, JIM

ALLOWED = {"unconfirmed_operations": True, "eligibility_enhanced": True}


@pytest.fixture(params=[Protocol.SOAP11, Protocol.SOAP12], ids=["soap11", "soap12"])
async def enhanced(request: pytest.FixtureRequest, sandbox: object
                   ) -> AsyncIterator[EligibilityService]:
    client = gateway_for(sandbox.url, request.param)  # type: ignore[attr-defined]
    yield eligibility_service(client, Settings(**ALLOWED))  # type: ignore[arg-type]
    await client.aclose()


async def test_jane_doe_owes_25_today_with_the_same_figures_as_the_271_path(
        enhanced: EligibilityService) -> None:
    assert enhanced.enhanced
    exchange = await enhanced.check(JANE, reference="CHECKIN2")
    answer = exchange.eligibility
    assert answer.coverage is Coverage.ACTIVE and answer.plan == "SANDBOX PPO GOLD"
    assert answer.patient_owes == Money.parse("25.00")
    assert answer.copay == Money.parse("25.00")
    assert answer.deductible_remaining.in_network == Money.parse("500.00")
    assert "<RecipientID>SBX01</RecipientID>" in exchange.request
    assert "<TraceNumber>CHECKIN2</TraceNumber>" in exchange.request
    assert "ResponseEDI" in exchange.answer and answer.trace == "CHECKIN2"


@pytest.mark.parametrize(("member", "last", "first", "born", "coverage", "owes"), [
    ("SBX100002", "Roe", "Richard", date(1975, 5, 15), Coverage.ACTIVE, "40.00"),
    ("SBX100003", "Poe", "Pat", date(1990, 2, 20), Coverage.INACTIVE, None),
    ("SBX199999", "Moe", "Max", date(1985, 3, 3), Coverage.NOT_FOUND, None),
    ("SBX1", "Doe", "John", date(1985, 3, 3), Coverage.REJECTED, None),
    ("SBX100005", "Loe", "Lee", date(1970, 7, 7), Coverage.PAYER_UNAVAILABLE, None),
])
async def test_each_test_patient_gets_the_same_answer_as_by_270(
        enhanced: EligibilityService, member: str, last: str, first: str, born: date,
        coverage: Coverage, owes: str | None) -> None:
    query = EligibilityQuery("SBX01", member, last, first, born)
    answer = (await enhanced.check(query)).eligibility
    assert answer.coverage is coverage
    assert answer.patient_owes == (Money.parse(owes) if owes else None)


async def test_a_dependent_is_answered_for_the_dependent(enhanced: EligibilityService) -> None:
    answer = (await enhanced.check(JIM)).eligibility
    assert answer.coverage is Coverage.ACTIVE and answer.patient_owes == Money.parse("25.00")


def _envelope(fields: dict[str, str]) -> bytes:
    inner = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items())
    return (b'<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/'
            b'envelope/"><soap:Body><DoEligibilityInquiryEnhanced xmlns="http://tempuri.org/">'
            b"<request>" + inner.encode() + b"</request></DoEligibilityInquiryEnhanced>"
            b"</soap:Body></soap:Envelope>")


JANE_FIELDS = {"RecipientID": "SBX01", "RecipientIDQualifier": "PI",
               "RecipientName": "SANDBOX HEALTH", "SubscriberID": "SBX100001",
               "SubscriberLastName": "DOE", "SubscriberFirstName": "JANE",
               "SubscriberDateOfBirth": "01/01/1980", "PatientRelationship": "18",
               "ProviderID1": "1234567893", "ProviderIDQualifier1": "XX"}


async def _post(sandbox: object, body: bytes) -> httpx.Response:
    settings = Settings()
    async with httpx.AsyncClient(base_url=sandbox.url) as client:  # type: ignore[attr-defined]
        return await client.post("/healthcare/service.asmx", content=body, headers={
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": '"http://tempuri.org/DoEligibilityInquiryEnhanced"'},
            auth=(settings.account_id, settings.gateway_config().password))


async def test_the_sandbox_answers_the_bare_required_fields(sandbox: object) -> None:
    response = await _post(sandbox, _envelope(JANE_FIELDS))
    assert response.status_code == 200 and b"ResponseEDI" in response.content
    x12 = response.text.split("<ResponseEDI>")[1].split("</ResponseEDI>")[0]
    assert walk(x12.replace("&#10;", "\n")).valid


@pytest.mark.parametrize("missing", ["RecipientID", "RecipientIDQualifier", "RecipientName",
                                     "PatientRelationship", "ProviderID1",
                                     "ProviderIDQualifier1"])
async def test_the_sandbox_refuses_a_missing_required_field_with_a_client_fault(
        sandbox: object, missing: str) -> None:
    fields = {k: v for k, v in JANE_FIELDS.items() if k != missing}
    response = await _post(sandbox, _envelope(fields))
    assert response.status_code == 500
    fault = etree.fromstring(response.content).find(".//{*}Fault")
    assert fault is not None and fault.findtext("faultcode") == "soap:Client"
    assert fault.findtext(".//{*}errorCode") == "400"
    assert f"{missing} is required" in (fault.findtext("faultstring") or "")
    assert b"SBX100001" not in response.content and b"DOE" not in response.content


async def test_the_sandbox_refuses_a_date_not_mm_dd_yyyy(sandbox: object) -> None:
    response = await _post(sandbox, _envelope({**JANE_FIELDS,
                                               "SubscriberDateOfBirth": "1980-01-01"}))
    assert response.status_code == 500 and b"must be MM/DD/YYYY" in response.content


async def test_refused_while_unconfirmed_operations_are_not_allowed(sandbox: object) -> None:
    assert not xml_table().reply_confirmed  # the reason for the gate, until the spec is seen
    client = gateway_for(sandbox.url, Protocol.SOAP11)  # type: ignore[attr-defined]
    try:
        with pytest.raises(UnconfirmedOperation, match="Nothing was sent"):
            eligibility_service(client, Settings(eligibility_enhanced=True), enhanced=True)
        # Set for the site but not allowed: the method stays off and the 270 is asked.
        service = eligibility_service(client, Settings(eligibility_enhanced=True))
        assert not service.enhanced
        exchange = await service.check(JANE)
        assert exchange.request.startswith("ISA") and exchange.eligibility.patient_owes is None
        # Allowed but the site does not say the account offers it: off as well.
        assert not eligibility_service(client, Settings(unconfirmed_operations=True)).enhanced
    finally:
        await client.aclose()


async def test_a_request_the_table_refuses_never_leaves(enhanced: EligibilityService) -> None:
    from desktop_app.domain.errors import ValidationError
    with pytest.raises(ValidationError, match="member ID"):
        await enhanced.check(replace(JANE, member_id="M" * 31))
