"""An encrypting reader's output travels opaque to the gateway, over every protocol."""

from __future__ import annotations

import pytest

from desktop_app.domain import Money, OutcomeStatus, PaymentRequest, Tender, TenderKind
from desktop_app.domain import TransactionKind as K
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.errors import GatewayValidationError, SoapFault
from desktop_app.gateway.wire import encode
from desktop_app.sandbox.test_keys import FORMAT
from drivers.parsers.encrypted import parse_encrypted
from tests.drivers.test_encrypted import reader_output


def sale(pan: str, scheme: str = FORMAT) -> PaymentRequest:
    card = parse_encrypted(reader_output(pan, pan[:6] + "******" + pan[-4:]), scheme)
    return PaymentRequest(K.SALE, amount=Money(2500), tender=Tender(TenderKind.SWIPE,
                                                                     encrypted=card))


async def test_encrypted_swipe_is_approved_or_declined_like_a_clear_one(
        gateway: GatewayClient) -> None:
    if gateway.config.protocol in (Protocol.SOAP11, Protocol.SOAP12):
        # The SOAP payment service has no encrypted-reader elements (soap.json not_sent):
        # refused before anything is sent, never sent without its card data.
        with pytest.raises(GatewayValidationError, match="cannot be sent over SOAP"):
            await gateway.send(sale("4111111111111111"))
        return
    if gateway.config.protocol is Protocol.REST:  # rest.json card_entry: keyed cards only
        with pytest.raises(GatewayValidationError, match="Over REST only a keyed card"):
            await gateway.send(sale("4111111111111111"))
        return
    approved = await gateway.send(sale("4111111111111111"))
    assert approved.status is OutcomeStatus.APPROVED and approved.last_four == "1111"
    declined = await gateway.send(sale("4000000000000002"))
    assert declined.status is OutcomeStatus.DECLINED


def test_no_clear_card_number_goes_on_the_wire() -> None:
    from desktop_app.gateway.config import GatewayConfig

    fields = encode(sale("4111111111111111"), GatewayConfig()).values
    assert "card_number" not in fields and "card_track2" not in fields
    assert fields["key_serial_number"] and fields["encrypted_track2"]
    assert "4111111111111111" not in "".join(fields.values())


async def test_unknown_key_scheme_is_a_clear_validation_error(gateway: GatewayClient) -> None:
    over_soap = gateway.config.protocol in (Protocol.SOAP11, Protocol.SOAP12)
    refusal = {Protocol.REST: "Over REST only a keyed card"}.get(
        gateway.config.protocol, "cannot be sent over SOAP" if over_soap else "not supported")
    with pytest.raises((GatewayValidationError, SoapFault), match=refusal):
        await gateway.send(sale("4111111111111111", scheme="NoSuchScheme"))
