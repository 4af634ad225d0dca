"""Billing ZIP, cardholder and check holder names reach the gateway where it takes them
(#13): NVP ``Zip`` (the NVP field tables' AddressVerificationInfo field) and SOAP
AddressVerificationInfo/Zip; the check holder over SOAP only (CheckHolderFirstName/LastName:
NVP has no public name for it, so nothing is guessed). The real sandbox accepts them all, and
none is logged."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

import pytest
from lxml import etree

from desktop_app.domain import (
    BankAccount,
    CardData,
    Money,
    PaymentRequest,
    Tender,
    TenderKind,
    TransactionKind,
)
from desktop_app.gateway import Protocol
from desktop_app.gateway.redaction import SENSITIVE_KEYS
from desktop_app.gateway.wire import holder_names
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


def test_the_zip_and_holder_names_are_redacted_like_the_cardholder_name() -> None:
    assert {"Zip", "billing_zip", "cardHolderName", "cardholder_name", "CheckHolderFirstName",
            "CheckHolderLastName", "check_holder_last_name"} <= SENSITIVE_KEYS


def check_by_phone(holder: str, holder_type: str = "Personal") -> PaymentRequest:
    bank = BankAccount("021000021", "123456789", "1001", holder_name=holder,
                       holder_type=holder_type)
    return PaymentRequest(TransactionKind.ECHECK_SALE, amount=Money.parse("40.00"),
                          tender=Tender(TenderKind.CHECK_NOT_PRESENT, bank_account=bank))


@pytest.mark.parametrize("protocol", [Protocol.SOAP11, Protocol.SOAP12])
async def test_soap_names_the_check_holder(sandbox: object, loopback: Loopback,  # noqa: F811
                                           protocol: Protocol) -> None:
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    async with gateway_for(loopback.url, protocol, unconfirmed_operations=True) as gw:
        outcome = await gw.send(check_by_phone("Mary Ann Smith"))
    assert outcome.status.is_success
    ((_, body),) = loopback.seen
    sent = {etree.QName(e).localname: e.text for e in assert_valid(body)[0]}
    assert (sent["CheckHolderFirstName"], sent["CheckHolderLastName"]) == ("Mary Ann", "Smith")


async def test_nvp_leaves_the_check_holder_out_having_no_public_name(
        sandbox: object, loopback: Loopback) -> None:  # noqa: F811
    loopback.upstream = sandbox.url  # type: ignore[attr-defined]
    async with gateway_for(loopback.url, Protocol.NVP, unconfirmed_operations=True) as gw:
        outcome = await gw.send(check_by_phone("Mary Ann Smith"))
    assert outcome.status.is_success
    ((_, body),) = loopback.seen
    assert "Smith" not in body.decode() and "holder" not in body.decode().lower()


def test_a_business_holder_is_named_whole() -> None:
    assert holder_names("Oak Vale Dental LLC", "Business") == {
        "check_holder_first_name": None, "check_holder_last_name": "Oak Vale Dental LLC"}
    assert holder_names("Cher", "Personal")["check_holder_last_name"] == "Cher"
    assert holder_names("", "Personal") == {"check_holder_first_name": None,
                                            "check_holder_last_name": None}


async def test_rest_sends_a_keyed_card_with_a_zip_without_it(sandbox: object) -> None:
    """REST refuses a key it does not place; the ZIP has no public REST field, so it is
    left out there (rest.json not_sent), and the sale still goes through."""
    async with gateway_for(sandbox.url, Protocol.REST) as gw:  # type: ignore[attr-defined]
        outcome = await gw.send(keyed_sale())
    assert outcome.status.is_success
