"""Billing ZIP and cardholder name reach the gateway where it takes them (#13): NVP ``Zip``
(the NVP field tables' AddressVerificationInfo field) and SOAP AddressVerificationInfo/Zip;
the real sandbox accepts both, and neither the ZIP nor the name is logged."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

import pytest
from lxml import etree

from desktop_app.domain import CardData, Money, PaymentRequest, Tender, TransactionKind
from desktop_app.gateway import Protocol
from desktop_app.gateway.redaction import SENSITIVE_KEYS
from tests.conftest import gateway_for
from tests.gateway.soap_schema import assert_valid
from tests.gateway.test_soap_codec import Loopback, loopback  # noqa: F401  (the fixture)

CARD = CardData("4111111111111111", 12, 2030, cvv="123", cardholder_name="Ana Ruiz",
                billing_zip="19103")


def keyed_sale() -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=Money.parse("12.34"),
                          tender=Tender.keyed(CARD))


async def test_nvp_sends_the_zip_and_the_name(sandbox: object, loopback: Loopback,  # noqa: F811
                                              caplog: pytest.LogCaptureFixture) -> None:
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    caplog.set_level(logging.DEBUG)
    async with gateway_for(loopback.url, Protocol.NVP) as gw:
        outcome = await gw.send(keyed_sale())
    assert outcome.status.is_success  # the sandbox knows the names: no errorCode=400
    ((_, body),) = loopback.seen
    form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
    assert form["Zip"] == "19103" and form["cardHolderName"] == "Ana Ruiz"
    assert "19103" not in caplog.text and "Ana Ruiz" not in caplog.text


@pytest.mark.parametrize("protocol", [Protocol.SOAP11, Protocol.SOAP12])
async def test_soap_puts_the_zip_in_address_verification_info(
        sandbox: object, loopback: Loopback, protocol: Protocol) -> None:  # noqa: F811
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    async with gateway_for(loopback.url, protocol) as gw:
        outcome = await gw.send(keyed_sale())
    assert outcome.status.is_success
    ((_, body),) = loopback.seen
    transaction = assert_valid(body)[0]  # valid against payment.wsdl's schema
    found = {etree.QName(e).localname: e for e in transaction}
    zips = [etree.QName(e).localname for e in found["AddressVerificationInfo"]]
    assert zips == ["Zip"] and found["AddressVerificationInfo"][0].text == "19103"
    assert found["CardHolderName"].text == "Ana Ruiz"


def test_the_zip_is_redacted_like_the_name() -> None:
    assert {"Zip", "billing_zip", "cardHolderName", "cardholder_name"} <= SENSITIVE_KEYS
