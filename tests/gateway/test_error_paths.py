"""Every error path gives a typed error and a message staff can act on, over each protocol."""

from __future__ import annotations

import pytest

from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.gateway import GatewayAuthError, GatewayClient, OutcomeUnknown, Protocol
from desktop_app.gateway.errors import GatewayError, GatewayValidationError, SoapFault
from tests.conftest import gateway_for, inject_fault

VISA = CardData("4111111111111111", 12, 2030)


def sale(amount: str = "10.00") -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse(amount),
                          tender=Tender.keyed(VISA))


async def test_wrong_password_is_an_auth_error(sandbox: object) -> None:
    for protocol in Protocol:
        rest = protocol is Protocol.REST
        wrong = {"rest_api_secret" if rest else "password": "wrong"}
        async with gateway_for(sandbox.url, protocol, **wrong) as gw:  # type: ignore[attr-defined]
            refused = "REST API key or secret" if rest else "account ID or password"
            with pytest.raises(GatewayAuthError, match=refused):
                await gw.send(sale())


async def test_missing_field_is_a_validation_error(gateway: GatewayClient) -> None:
    from desktop_app.gateway.wire import WireRequest

    ids = {"merchant_id": "6011000551245", "store_id": "001", "terminal_id": "002"}
    with pytest.raises((GatewayValidationError, SoapFault)) as info:
        await gateway.codec().exchange(WireRequest("sale", ids))
    assert "amount" in str(info.value).lower() or "card" in str(info.value).lower()


async def test_a_server_soap_fault_without_an_error_code_is_unknown(sandbox: object) -> None:
    """soap:Server / soap:Receiver ("unable to process request") may follow a charge: only
    a fault that blames the request (Client/Sender, or a listed errorCode) is a refusal."""
    for protocol in (Protocol.SOAP11, Protocol.SOAP12):
        await inject_fault(sandbox, "soap_fault")
        async with gateway_for(sandbox.url, protocol) as gw:  # type: ignore[attr-defined]
            with pytest.raises(OutcomeUnknown) as info:
                await gw.send(sale())
            assert "fault" in (info.value.detail or "")


def test_a_client_soap_fault_is_a_refusal_with_its_text_redacted() -> None:
    import zeep.exceptions

    from desktop_app.gateway.zeep_io import fault_error as _fault_error

    refused = _fault_error(zeep.exceptions.Fault(
        "Input string '4111111111111111' was not in a correct format.", code="soap:Client"))
    assert isinstance(refused, GatewayError) and not isinstance(refused, OutcomeUnknown)
    assert "4111111111111111" not in str(refused)


@pytest.mark.parametrize("mode", ["malformed", "http_500", "drop_after_charge"])
async def test_ambiguous_replies_are_unknown_never_declined(gateway: GatewayClient,
                                                            sandbox: object, mode: str) -> None:
    await inject_fault(sandbox, mode)
    with pytest.raises(OutcomeUnknown):
        await gateway.send(sale())


async def test_read_timeout_is_unknown(sandbox: object) -> None:
    await inject_fault(sandbox, "timeout", delay=3)
    async with gateway_for(sandbox.url, read_timeout=0.5) as gw:  # type: ignore[attr-defined]
        with pytest.raises(OutcomeUnknown, match="did not finish answering in time"):
            await gw.send(sale())


async def test_an_address_no_socket_can_take_is_unreachable_not_a_crash() -> None:
    """Not an httpx error (OverflowError from the socket layer) before anything left: the
    gateway could not be reached, nothing was charged."""
    from desktop_app.gateway import GatewayUnreachable

    async with gateway_for("http://127.0.0.1:99999") as gw:
        with pytest.raises(GatewayUnreachable):
            await gw.send(sale())
