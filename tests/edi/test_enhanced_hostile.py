"""A hostile healthcare service on loopback answering DoEligibilityInquiryEnhanced: through the
real client (zeep, the shared transport), a reply whose unconfirmed parts are missing or odd
never gives a figure, and coverage is decided by the payer's 271 alone or not at all."""

from __future__ import annotations

from collections.abc import AsyncIterator
from xml.sax.saxutils import escape

import pytest
from aiohttp import web

from desktop_app.domain.money import Money
from desktop_app.edi.eligibility import Coverage, Eligibility
from desktop_app.gateway import Protocol
from desktop_app.services.eligibility import eligibility_service
from desktop_app.settings import Settings
from tests.conftest import gateway_for
from tests.edi.patients import JANE, sample

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"


def envelope(result: str) -> str:
    return (f'<?xml version="1.0"?><soap:Envelope xmlns:soap="{SOAP}"><soap:Body>'
            '<DoEligibilityInquiryEnhancedResponse xmlns="http://tempuri.org/">'
            f"{result}</DoEligibilityInquiryEnhancedResponse></soap:Body></soap:Envelope>")


def result(inner: str) -> str:
    return f"<DoEligibilityInquiryEnhancedResult>{inner}</DoEligibilityInquiryEnhancedResult>"


ACTIVE_271 = f"<ResponseEDI>{escape(sample('active'))}</ResponseEDI>"


def owes(amount: str) -> str:
    return f"<EffectiveBenefit><PatientResponsibility>{amount}</PatientResponsibility>" \
           "</EffectiveBenefit>"


class Hostile:
    def __init__(self) -> None:
        self.body, self.status, self.url = "", 200, ""

    async def handle(self, request: web.Request) -> web.Response:
        await request.read()
        return web.Response(status=self.status, body=self.body.encode(),
                            content_type="text/xml", charset="utf-8")


@pytest.fixture
async def hostile() -> AsyncIterator[Hostile]:
    server = Hostile()
    app = web.Application()
    app.router.add_post("/healthcare/service.asmx", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    server.url = f"http://127.0.0.1:{port}"
    yield server
    await runner.cleanup()


async def ask(hostile: Hostile, body: str, status: int = 200) -> Eligibility:
    hostile.body, hostile.status = body, status
    client = gateway_for(hostile.url, Protocol.SOAP11)
    try:
        service = eligibility_service(client, Settings(unconfirmed_operations=True,
                                                       eligibility_enhanced=True))
        return (await service.check(JANE)).eligibility
    finally:
        await client.aclose()


async def test_the_control_case_reads_active_and_the_amount(hostile: Hostile) -> None:
    answer = await ask(hostile, envelope(result(ACTIVE_271 + owes("25.00"))))
    assert answer.coverage is Coverage.ACTIVE
    assert answer.patient_owes == Money.parse("25.00")


@pytest.mark.parametrize("body", [
    envelope(""),                                        # no result element
    envelope(result("")),                                # an empty result
    envelope(result(owes("25.00"))),                     # an amount and no 271
    envelope(result("<Eligible>true</Eligible>" + owes("25.00"))),
    envelope(result(ACTIVE_271 + ACTIVE_271 + owes("25.00"))),
], ids=["no-result", "empty", "no-271", "typed-guess", "two-271s"])
async def test_without_one_271_it_could_not_tell_and_gives_no_figure(hostile: Hostile,
                                                                     body: str) -> None:
    answer = await ask(hostile, body)
    assert answer.coverage is Coverage.UNKNOWN
    assert answer.patient_owes is None and answer.copay is None


@pytest.mark.parametrize("amount", ["25.005", "-25.00", "2.5e1", "$25", "99999999"])
async def test_an_odd_amount_gives_no_figure_but_the_271_still_speaks(hostile: Hostile,
                                                                      amount: str) -> None:
    answer = await ask(hostile, envelope(result(ACTIVE_271 + owes(amount))))
    assert answer.coverage is Coverage.ACTIVE
    assert answer.patient_owes is None
    assert answer.copay == Money.parse("25.00")


@pytest.mark.parametrize(("body", "status"), [("not xml at all", 200), ("", 500),
                                              ("<html>proxy error</html>", 502)])
async def test_garbage_is_no_answer_never_active(hostile: Hostile, body: str,
                                                 status: int) -> None:
    answer = await ask(hostile, body, status)
    assert answer.coverage is Coverage.PAYER_UNAVAILABLE
    assert answer.patient_owes is None
