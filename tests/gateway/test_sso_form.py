"""The ACS token request, checked field by field on a loopback recorder, and every way its
answer (the ``relayState`` header) can be read: a token, a refused login, or nothing sure."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pytest
from aiohttp import web

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.gateway import GatewayClient, OutcomeUnknown
from desktop_app.gateway.config import SsoLogin
from desktop_app.gateway.errors import GatewayValidationError
from desktop_app.gateway.sso_form import SsoLoginRefused
from desktop_app.gateway.sso_protocol import Target
from tests.conftest import gateway_for

ACS = "/providers/Forms/SSO/ACS_SAML2.aspx"
PAGE = "/providers/Form/PatientPayments/NewPaymentSimpleSSO"


@dataclass
class Recorder:
    """An ACS stand-in: keeps what it was sent, answers with ``status`` and ``headers``."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    forms: list[dict[str, str]] = field(default_factory=list)
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    async def acs(self, request: web.Request) -> web.Response:
        self.forms.append(dict(parse_qsl((await request.read()).decode(), strict_parsing=True)))
        self.seen_headers.append(dict(request.headers))
        return web.Response(status=self.status, headers=self.headers)

    def answer(self, relay: str, status: int = 200, name: str = "relayState") -> None:
        self.status, self.headers = status, {name: relay}


@pytest.fixture
async def acs() -> AsyncIterator[Recorder]:
    recorder = Recorder()
    app = web.Application()
    app.router.add_post(ACS, recorder.acs)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    recorder.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield recorder
    await runner.cleanup()


def hosted(amount: str = "42.00") -> PaymentRequest:
    return PaymentRequest(TransactionKind.SSO_TOKEN, amount=Money.parse(amount),
                          patient_id="MRN-7")


async def token(acs: Recorder, **changes: object) -> tuple[GatewayClient, object]:
    gw = gateway_for(acs.url, **changes)
    try:
        return gw, await gw.send(hosted())
    finally:
        await gw.aclose()


async def test_the_form_is_what_hhk_sends_and_carries_no_api_login(acs: Recorder) -> None:
    acs.answer(f"{acs.url}{PAGE}?token=T0K3N")
    request = hosted()
    async with gateway_for(acs.url) as gw:
        outcome = await gw.send(request)
    assert (outcome.sso_token, outcome.relay_state_url) == ("T0K3N", f"{acs.url}{PAGE}?token=T0K3N")
    (form,) = acs.forms
    assert form == {
        "requestToken": "true", "responseActionType": "header",
        "RelayState": acs.url + PAGE,
        "accountID": "sandbox@frontdeskpay.test", "securityKey": "sandbox-sso",
        "ssoAlias": "frontdeskpay", "id": "sandbox",
        "amount": "42.00", "patientID": "MRN-7", "additionalInfo1": request.reference,
        "lightWeight": "true", "isReadOnly": "true", "incontext": "true",
        "creditCardKeyed": "true", "preventCheck": "true", "preventCash": "true",
        "suppressReceipt": "true", "hideGuarantorID": "true",
        "confirmURL": "https://frontdeskpay.invalid/hosted/confirm",
        "cancelURL": "https://frontdeskpay.invalid/hosted/cancel"}
    (headers,) = acs.seen_headers
    assert "Authorization" not in headers  # the SSO login is in the body, not the API one
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"


@pytest.mark.parametrize("target,path", [
    (Target.SAVE_ON_FILE, "/providers/Form/PatientPayments/NewPaymentPlanSimpleSSO"),
    (Target.VOID, "/providers/Form/PatientPayments/VoidPaymentSSO"),
    (Target.REFUND, "/providers/Form/PatientPayments/RefundPaymentSSO")])
async def test_each_target_page_is_the_relay_state(acs: Recorder, target: Target,
                                                   path: str) -> None:
    acs.answer(f"{acs.url}{path}?token=T")
    async with gateway_for(acs.url) as gw:
        outcome = await gw.request_sso_token(hosted(), target)
    assert acs.forms[0]["RelayState"] == acs.url + path and outcome.sso_token == "T"


@pytest.mark.parametrize("status,name", [(200, "relaystate"), (302, "RelayState"),
                                         (303, "relayState")])
async def test_the_relay_state_header_is_read_in_any_case_on_200_or_a_redirect(
        acs: Recorder, status: int, name: str) -> None:
    acs.answer(f"{acs.url}{PAGE}?token=abc&lightWeight=true", status, name)
    _gw, outcome = await token(acs)
    assert outcome.sso_token == "abc"  # type: ignore[attr-defined]


async def test_a_wrong_security_key_is_refused_with_the_gateways_words(acs: Recorder) -> None:
    acs.answer(f"{acs.url}/providers/Form/SSO/SSOError?respCode=401&respMessage=Invalid "
               "AccountID or Password.&lightWeight=true")
    with pytest.raises(SsoLoginRefused) as info:
        await token(acs)
    assert info.value.code == "401"
    assert info.value.gateway_message == "Invalid AccountID or Password."
    assert "SSO settings" in str(info.value)


@pytest.mark.parametrize("relay,error", [
    ("{url}/x?respCode=400&respMessage=amount is required", GatewayValidationError),
    ("{url}/x?token=T&respCode=401", SsoLoginRefused),
    ("{url}/x?token=T&respCode=500", OutcomeUnknown),
    ("{url}/x?token=A&token=B", OutcomeUnknown),
    ("{url}/x?lightWeight=true", OutcomeUnknown),
    ("https://elsewhere.example/x?token=T", OutcomeUnknown),
])
async def test_a_relay_state_that_is_not_plainly_a_token_opens_no_page(
        acs: Recorder, relay: str, error: type[Exception]) -> None:
    acs.answer(relay.format(url=acs.url))
    with pytest.raises(error):
        await token(acs)


@pytest.mark.parametrize("status", [200, 500, 404])
async def test_no_relay_state_at_all_is_unknown(acs: Recorder, status: int) -> None:
    acs.status = status
    with pytest.raises(OutcomeUnknown):
        await token(acs)


async def test_no_security_key_is_refused_before_anything_is_sent(acs: Recorder) -> None:
    with pytest.raises(GatewayValidationError, match="security key"):
        await token(acs, sso=SsoLogin(security_key=""))
    assert acs.forms == []


async def test_the_security_key_is_never_logged(acs: Recorder,
                                                caplog: pytest.LogCaptureFixture) -> None:
    acs.answer(f"{acs.url}{PAGE}?token=T")
    with caplog.at_level("DEBUG"):
        await token(acs)
    assert "sandbox-sso" not in caplog.text and "SSO token issued" in caplog.text


async def test_who_asks_and_where_travel_as_hhk_sends_them(acs: Recorder) -> None:
    acs.answer(f"{acs.url}{PAGE}?token=T")
    await token(acs, desk_user="maria", workstation_id="FRONT-2/THIN-7")
    (form,) = acs.forms
    assert (form["userID"], form["userName"], form["additionalInfo6"]) == (
        "maria", "maria", "FRONT-2/THIN-7")
