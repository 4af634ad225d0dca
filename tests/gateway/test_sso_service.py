"""GatewayClient's SSOService calls against the sandbox, over SOAP 1.1 and 1.2: token status,
GetTransactionDetails (by token, by transaction ID), the path setting, and the receipt
decision (ViewReceipt first, GetTransactionDetails only when that is refused)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from desktop_app.domain import Money, OutcomeStatus, PaymentRequest, TransactionKind
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.config import SsoLogin
from desktop_app.gateway.errors import GatewayAuthError, GatewayValidationError
from desktop_app.sandbox import SandboxServer
from tests.conftest import gateway_for

SOAP = [Protocol.SOAP11, Protocol.SOAP12]
PAN = "4111111111111111"


@pytest.fixture(params=SOAP, ids=[p.value for p in SOAP])
async def gw(request: pytest.FixtureRequest, sandbox: SandboxServer
             ) -> AsyncIterator[GatewayClient]:
    async with gateway_for(sandbox.url, request.param) as client:
        yield client


async def paid_page(gw: GatewayClient, amount: str = "42.00") -> str:
    outcome = await gw.send(PaymentRequest(TransactionKind.SSO_TOKEN,
                                           amount=Money.parse(amount)))
    async with httpx.AsyncClient() as patient:
        done = await patient.post(outcome.relay_state_url, data={
            "token": outcome.sso_token, "cardNumber": PAN, "cardExpirationMonth": "12",
            "cardExpirationYear": "2030", "action": "pay"})
    assert done.status_code == 303
    return outcome.sso_token


async def test_token_status_new_then_complete(gw: GatewayClient) -> None:
    outcome = await gw.send(PaymentRequest(TransactionKind.SSO_TOKEN,
                                           amount=Money.parse("15.00")))
    assert outcome.status is OutcomeStatus.UNKNOWN  # nobody has paid yet
    assert await gw.sso_token_status(outcome.sso_token) == "NEW"
    token = await paid_page(gw)
    assert await gw.sso_token_status(token) == "COMPLETE"  # the gateway says "complete"


async def test_transaction_details_settle_a_full_approval_only_with_the_requested_amount(
        gw: GatewayClient) -> None:
    token = await paid_page(gw)
    details = await gw.transaction_details(sso_token=token, requested=Money.parse("42.00"))
    assert details.status is OutcomeStatus.APPROVED and details.approved == Money(4200)
    assert details.transaction_status == "C" and details.auth_code
    assert details.extra["TenderType"] == "CreditCard"
    by_id = await gw.transaction_details_by_id(details.transaction_id,
                                               requested=Money.parse("42.00"))
    assert (by_id.transaction_id, by_id.auth_code) == (details.transaction_id,
                                                       details.auth_code)
    receipt = await gw.view_receipt(sso_token=token)
    assert receipt.transaction_id == details.transaction_id


async def test_a_partial_approval_cannot_be_read_from_the_details(gw: GatewayClient) -> None:
    from desktop_app.gateway import OutcomeUnknown

    token = await paid_page(gw, "20.10")  # the sandbox approves half
    with pytest.raises(OutcomeUnknown):  # the details carry no amount
        await gw.transaction_details(sso_token=token, requested=Money.parse("20.10"))
    receipt = await gw.sso_receipt(token, Money.parse("20.10"))  # ViewReceipt has it
    assert receipt.status is OutcomeStatus.PARTIALLY_APPROVED
    assert receipt.approved == Money(1005)


async def test_the_receipt_falls_back_to_the_details_only_when_view_receipt_is_refused(
        gw: GatewayClient, monkeypatch: pytest.MonkeyPatch) -> None:
    token = await paid_page(gw)
    asked: list[str] = []

    async def refused(**_: object) -> object:
        asked.append("ViewReceipt")
        raise GatewayValidationError("ViewReceipt is not enabled for this account", code="400")

    monkeypatch.setattr(gw, "view_receipt", refused)
    outcome = await gw.sso_receipt(token, Money.parse("42.00"))
    assert asked and outcome.status is OutcomeStatus.APPROVED
    assert outcome.approved == Money(4200)


async def test_the_sso_login_not_the_api_password_authenticates(sandbox: SandboxServer) -> None:
    async with gateway_for(sandbox.url, Protocol.SOAP11) as gw:
        token = (await gw.send(PaymentRequest(TransactionKind.SSO_TOKEN,
                                              amount=Money.parse("5.00")))).sso_token
    async with gateway_for(sandbox.url, Protocol.SOAP11,
                           sso=SsoLogin(security_key="sandbox")) as wrong:
        with pytest.raises(GatewayAuthError, match="Invalid AccountID or Password"):
            await wrong.sso_token_status(token)


@pytest.mark.parametrize("path", ["/providers/Forms/WebServices/SSOService.asmx",
                                  "/Forms/WebServices/SSOService.asmx"])
async def test_the_service_path_is_a_setting(sandbox: SandboxServer, path: str) -> None:
    from desktop_app.settings import Settings

    config = Settings(gateway_url=sandbox.url, sso_service_path=path).gateway_config()
    async with GatewayClient(config) as gw:
        assert gw.sso().address == sandbox.url + path
        token = (await gw.send(PaymentRequest(TransactionKind.SSO_TOKEN,
                                              amount=Money.parse("5.00")))).sso_token
        assert await gw.sso_token_status(token) == "NEW"


@pytest.mark.parametrize("operation,params", [
    ("GetSSOTokenStatus", {"tokenID": "T"}),
    ("GetTransactionDetails", {"tokenID": "T"}),
    ("GetTransactionDetailsByTransactionID", {"tokenID": None, "transactionID": "X1"})])
@pytest.mark.parametrize("soap12", [False, True])
def test_our_request_envelopes_validate_against_our_wsdl(operation: str,
                                                         params: dict[str, str | None],
                                                         soap12: bool) -> None:
    """What the client sends, checked with lxml against the schema in resources/wsdl/sso.wsdl:
    the SSO login in the body, in the service's element order."""
    from lxml import etree

    from desktop_app.gateway.config import GatewayConfig
    from desktop_app.gateway.sso_service import SsoService
    from desktop_app.gateway.transport import SharedTransport
    from desktop_app.paths import resources_dir

    config = GatewayConfig(base_url="http://127.0.0.1:9")
    service = SsoService(SharedTransport(config), config, soap12=soap12)
    envelope = service._client.create_message(service.service, operation, **params,
                                              **service._credentials())
    body = next(iter(envelope.find("{*}Body")))
    wsdl = etree.parse(str(resources_dir() / "wsdl" / "sso.wsdl"))
    schema = etree.XMLSchema(etree.fromstring(etree.tostring(
        wsdl.find(".//{http://www.w3.org/2001/XMLSchema}schema"))))
    schema.assertValid(body)
    names = [etree.QName(child).localname for child in body]
    assert names[-3:] == ["accountID", "alias", "password"]
    assert [c.text for c in body][-3:] == ["sandbox@frontdeskpay.test", "frontdeskpay",
                                           "sandbox-sso"]
    assert etree.QName(body).namespace == "http://tempuri.org/"
