"""The whole check-in question over loopback: our 270 through the shared transport and zeep
to the sandbox's healthcare service, its 271 (or 999, or fault) read back, SOAP 1.1 and 1.2."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date

import httpx
import pytest

from desktop_app.domain.money import Money
from desktop_app.edi.eligibility import Coverage
from desktop_app.edi.errors import EdiError
from desktop_app.edi.query import EligibilityQuery
from desktop_app.edi.service import HealthcareService
from desktop_app.edi.validation import walk
from desktop_app.gateway import Protocol
from desktop_app.gateway.errors import GatewayAuthError
from desktop_app.services.eligibility import EligibilityService, read_answer
from desktop_app.settings import Settings
from tests.conftest import gateway_for
from tests.edi.patients import CLINIC, JANE


@pytest.fixture(params=[Protocol.SOAP11, Protocol.SOAP12], ids=["soap11", "soap12"])
async def eligibility(request: pytest.FixtureRequest, sandbox: object
                      ) -> AsyncIterator[EligibilityService]:
    client = gateway_for(sandbox.url, request.param)  # type: ignore[attr-defined]
    healthcare = HealthcareService(client.transport, client.config,
                                   soap12=request.param is Protocol.SOAP12)
    yield EligibilityService(healthcare, CLINIC)
    await client.aclose()


def _patient(member: str, last: str, first: str, born: date) -> EligibilityQuery:
    return EligibilityQuery("SBX01", member, last, first, born)


async def test_jane_doe_is_active_with_25_copay_and_500_deductible_left(
        eligibility: EligibilityService) -> None:
    exchange = await eligibility.check(JANE, reference="CHECKIN1")
    answer = exchange.eligibility
    assert answer.coverage is Coverage.ACTIVE
    assert answer.copay == Money.parse("25.00")
    assert answer.deductible_remaining.in_network == Money.parse("500.00")
    assert answer.plan == "SANDBOX PPO GOLD" and answer.trace == "CHECKIN1"
    assert walk(exchange.answer).valid and walk(exchange.request).valid


@pytest.mark.parametrize(("member", "last", "first", "born", "coverage"), [
    ("SBX100002", "Roe", "Richard", date(1975, 5, 15), Coverage.ACTIVE),
    ("SBX100003", "Poe", "Pat", date(1990, 2, 20), Coverage.INACTIVE),
    ("SBX199999", "Moe", "Max", date(1985, 3, 3), Coverage.NOT_FOUND),
    ("SBX1", "Doe", "John", date(1985, 3, 3), Coverage.REJECTED),
    ("SBX100005", "Loe", "Lee", date(1970, 7, 7), Coverage.PAYER_UNAVAILABLE),
])
async def test_each_test_patient_gets_its_answer(eligibility: EligibilityService, member: str,
                                                 last: str, first: str, born: date,
                                                 coverage: Coverage) -> None:
    exchange = await eligibility.check(_patient(member, last, first, born))
    assert exchange.eligibility.coverage is coverage


async def test_deductible_met_shows_nothing_left(eligibility: EligibilityService) -> None:
    answer = (await eligibility.check(_patient("SBX100002", "Roe", "Richard",
                                               date(1975, 5, 15)))).eligibility
    assert answer.deductible_remaining.in_network == Money(0)
    assert answer.copay == Money.parse("40.00")


async def test_payer_unavailable_says_why_and_keeps_the_request(
        eligibility: EligibilityService) -> None:
    exchange = await eligibility.check(_patient("SBX100005", "Loe", "Lee", date(1970, 7, 7)))
    assert exchange.answer == "" and exchange.request.startswith("ISA")
    assert exchange.problem


async def test_a_malformed_270_is_answered_with_a_999_rejection(sandbox: object) -> None:
    client = gateway_for(sandbox.url, Protocol.SOAP11)  # type: ignore[attr-defined]
    try:
        service = HealthcareService(client.transport, client.config, soap12=False)
        exchange = await EligibilityService(service, CLINIC).check(JANE)
        broken = exchange.request.replace("HL*3*2*22*0", "HL*3*2*99*0")
        answer = await service.exchange_edi(broken)
        assert "ST*999*" in answer
        with pytest.raises(EdiError, match="HL at segment 7"):
            read_answer(answer, "30")
    finally:
        await client.aclose()


async def test_a_wrong_gateway_password_is_raised_not_shown_as_unavailable(
        sandbox: object) -> None:
    client = gateway_for(sandbox.url, Protocol.SOAP11,  # type: ignore[attr-defined]
                         password="wrong")
    try:
        service = EligibilityService(HealthcareService(client.transport, client.config, False),
                                     CLINIC)
        with pytest.raises(GatewayAuthError):
            await service.check(replace(JANE))
    finally:
        await client.aclose()


async def test_the_service_refuses_other_operations(sandbox: object) -> None:
    envelope = ('<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/'
                'soap/envelope/"><soap:Body><Other xmlns="http://tempuri.org/"/></soap:Body>'
                '</soap:Envelope>')
    config = Settings(gateway_url=sandbox.url).gateway_config()  # type: ignore[attr-defined]
    async with httpx.AsyncClient() as http:
        reply = await http.post(f"{sandbox.url}/healthcare/service.asmx",  # type: ignore
                                content=envelope, headers={"Content-Type": "text/xml"},
                                auth=(config.account_id, config.password))
    assert reply.status_code == 500
    assert b"soap:Client" in reply.content and b"Unknown operation" in reply.content
