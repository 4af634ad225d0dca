"""The shared request/reply mapping and the one protocol table."""

import re

import pytest

from desktop_app.domain import (
    CardData,
    Money,
    OutcomeStatus,
    PaymentRequest,
    Tender,
    TransactionKind,
)
from desktop_app.gateway import GatewayAuthError, OutcomeUnknown
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import GatewayValidationError
from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.verdict import raise_for_error_fields
from desktop_app.gateway.wire import decode, encode
from desktop_app.paths import resources_dir

CARD = CardData("4111111111111111", 12, 2030, cvv="123")


def sale(amount: str = "12.34") -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse(amount),
                          tender=Tender.keyed(CARD))


def test_keyed_sale_encodes_as_the_issue_shows() -> None:
    req = sale()
    fields = encode(req, GatewayConfig())
    assert fields == {
        "transactionType": "CreditCard", "transactionAction": "Sale", "amount": "12.34",
        "cardNumber": "4111111111111111", "cardExpirationMonth": "12",
        "cardExpirationYear": "2030", "cardVerificationNumber": "123",
        "EMVCardEntryMode": "Keyed", "merchantID": "6011000551245", "storeID": "001",
        "terminalID": "002", "requestReference": req.reference}


def test_partial_approval_records_approved_amount_and_balance() -> None:
    out = decode({"responseCode": "010", "approvedAmount": "25.00", "amount": "50.00",
                  "transactionID": "t1", "isEMVTransaction": "false"}, sale("50.00"))
    assert out.status is OutcomeStatus.PARTIALLY_APPROVED
    assert (out.approved, out.balance_due) == (Money(2500), Money(2500))
    assert out.extra == {"isEMVTransaction": "false"}  # unknown fields are kept


def test_reply_without_response_code_is_unknown_never_declined() -> None:
    with pytest.raises(OutcomeUnknown):
        decode({"transactionID": "t1"}, sale())


@pytest.mark.parametrize("code,cls", [("400", GatewayValidationError),
                                      ("401", GatewayAuthError), ("500", OutcomeUnknown)])
def test_error_fields_become_typed_errors_with_reference_number(code: str, cls: type) -> None:
    with pytest.raises(cls) as info:
        raise_for_error_fields({"errorCode": code, "errorMessage":
                                "An unexpected error occurred with Reference Number 02198MGNBZ"})
    assert info.value.reference_number == "02198MGNBZ"


def test_wsdl_types_carry_every_wire_name_of_the_table() -> None:
    wsdl = (resources_dir() / "wsdl" / "payment.wsdl").read_text()
    names = set(re.findall(r'name="([A-Za-z0-9]+)" type="s:string"', wsdl))
    table = protocol().raw
    assert set(table["request_fields"].values()) <= names
    assert set(table["response_fields"].values()) <= names
