"""NVP: approvals carry every reply field, login and validation refusals are clear."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import httpx

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, NVP, VISA, nvp, sale, with_ids

REPLY_FIELDS = ("responseCode", "responseMessage", "transactionStatus", "transactionID",
                "primaryTransactionID", "authorizationNumber", "amount", "approvedAmount",
                "cardBrand", "lastFourDigits", "cardBINNumber", "cardExpirationMonth",
                "cardExpirationYear", "EMVCardEntryMode", "requestReference", "transactionDate")


async def test_sale_is_approved_with_every_reply_field(client: httpx.AsyncClient) -> None:
    reply = await nvp(client, sale(requestReference="R-1", cardVerificationNumber="123"))
    assert set(REPLY_FIELDS) <= reply.keys()
    assert reply["responseCode"] == "000" and reply["responseMessage"] == "Approved"
    assert reply["transactionStatus"] == "C"
    assert re.fullmatch(r"[0-9a-f]{32}", reply["transactionID"])
    assert reply["primaryTransactionID"] == reply["transactionID"]
    assert len(reply["authorizationNumber"]) == 6
    assert reply["amount"] == reply["approvedAmount"] == "12.34"
    assert (reply["cardBrand"], reply["lastFourDigits"], reply["cardBINNumber"]) == (
        "VISA", "1111", "411111")
    assert (reply["cardExpirationMonth"], reply["cardExpirationYear"]) == ("12", "2030")
    assert reply["EMVCardEntryMode"] == "Keyed" and reply["requestReference"] == "R-1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", reply["transactionDate"])
    assert reply["isEMVTransaction"] == "false"  # a field outside the wire table
    assert VISA not in str(reply)


async def test_entry_mode_is_echoed_and_tracks_are_read(client: httpx.AsyncClient) -> None:
    chip = await nvp(client, sale(EMVCardEntryMode="Chip"))
    assert chip["EMVCardEntryMode"] == "Chip" and chip["isEMVTransaction"] == "true"
    track2 = await nvp(client, sale(cardNumber="", cardExpirationMonth="", cardExpirationYear="",
                                    cardTrack2=f";{VISA}=30121010000000000000?"))
    assert (track2["responseCode"], track2["EMVCardEntryMode"]) == ("000", "Swiped")
    assert (track2["cardExpirationMonth"], track2["cardExpirationYear"]) == ("12", "2030")
    track1 = await nvp(client, sale(cardNumber="", cardExpirationMonth="",
                                    cardExpirationYear="",
                                    cardTrack1=f"%B{VISA}^DOE/JANE^3012101000000000?"))
    assert track1["responseCode"] == "000" and track1["lastFourDigits"] == "1111"


async def test_values_with_ampersand_and_equals_round_trip(client: httpx.AsyncClient) -> None:
    reference = "A&B=C+D %E ü"
    response = await client.post(NVP, data=sale(requestReference=reference))
    assert dict(parse_qsl(response.text))["requestReference"] == reference


async def test_wrong_or_missing_login_is_http_401(server: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        for auth in (None, (AUTH[0], "wrong"), ("nobody@example.test", AUTH[1])):
            response = await anonymous.post(NVP, data=sale(), auth=auth)  # type: ignore[arg-type]
            assert response.status_code == 401
            assert response.headers["WWW-Authenticate"].startswith("Basic ")
            reply = dict(parse_qsl(response.text))
            assert reply["errorCode"] == "401" and "password" in reply["errorMessage"]
        garbled = await anonymous.post(NVP, data=sale(), headers={"Authorization": "Basic %%%"})
        assert garbled.status_code == 401


async def refusal(client: httpx.AsyncClient, fields: dict[str, str]) -> str:
    reply = await nvp(client, fields)
    assert reply["errorCode"] == "400", reply
    message = reply["errorMessage"]
    assert re.search(r" with Reference Number [0-9A-Z]{10}$", message), message
    return message


async def test_validation_errors_name_the_field(client: httpx.AsyncClient) -> None:
    cases = {
        "amount is required": sale(amount=""),
        "amount must be a positive amount with at most two decimal places": sale(amount="1.234"),
        "amount must be a positive": sale(amount="-5.00"),
        "amount must be greater than zero": sale(amount="0.00"),
        "cardNumber is required": sale(cardNumber=""),
        "cardNumber must be 13 to 19 digits": sale(cardNumber="4111-1111"),
        "cardExpirationMonth must be a month": sale(cardExpirationMonth="13"),
        "cardExpirationYear must be a year": sale(cardExpirationYear="203"),
        "cardVerificationNumber must be 3 or 4 digits": sale(cardVerificationNumber="12a"),
        "cardTrack2 is not readable": sale(cardNumber="", cardTrack2=";garbage?"),
        "merchantID is required": {k: v for k, v in sale().items() if k != "merchantID"},
        "merchantID 999 does not belong to this account": sale(merchantID="999"),
        "terminalID 7 does not belong": sale(terminalID="7"),
        "transactionAction is required": sale(transactionAction=""),
        "transactionAction Sell is not supported for transactionType CreditCard":
            sale(transactionAction="Sell"),
    }
    for expected, fields in cases.items():
        assert (await refusal(client, fields)).startswith(expected), expected


async def test_field_given_twice_is_refused(client: httpx.AsyncClient) -> None:
    body = "&".join(f"{k}={v}" for k, v in sale().items()) + "&amount=99.00"
    response = await client.post(NVP, content=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    reply = dict(parse_qsl(response.text))
    assert reply["errorCode"] == "400" and reply["errorMessage"].startswith(
        "amount appears more than once")


async def test_unknown_action_type_pair_and_non_utf8(client: httpx.AsyncClient) -> None:
    message = await refusal(client, with_ids(transactionType="ECheck",
                                             transactionAction="Authorization"))
    assert "not supported for transactionType ECheck" in message
    response = await client.post(NVP, content=b"amount=\xff\xfe")
    assert dict(parse_qsl(response.text))["errorCode"] == "400"
