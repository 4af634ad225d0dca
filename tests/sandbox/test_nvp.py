"""NVP: the sandbox answers requests spelled as the public sources spell them, in the real
reply names, and refuses what the real gateway would (our old invented names included)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import httpx
import pytest

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, IDS, NVP, VISA, nvp, sale, with_ids

REPLY_FIELDS = ("responseCode", "responseMessage", "transactionStatus", "transactionID",
                "primaryTransactionID", "authorizationNumber", "amount", "cardBrand",
                "lastFourDigits", "cardBINNumber", "cardExpirationMonth",
                "cardExpirationYear", "EMVCardEntryMode", "transactionDate", "isEMVTransaction")


async def test_sale_is_approved_with_every_reply_field(client: httpx.AsyncClient) -> None:
    reply = await nvp(client, sale(additionalInfo1="R-1", cardVerificationNumber="123"))
    assert set(REPLY_FIELDS) <= reply.keys()
    assert reply["responseCode"] == "000" and reply["responseMessage"] == "Approved"
    assert reply["transactionStatus"] == "C"
    assert re.fullmatch(r"[0-9a-f]{32}", reply["transactionID"])
    assert reply["primaryTransactionID"] == reply["transactionID"]
    assert len(reply["authorizationNumber"]) == 6
    assert reply["amount"] == "12.34" and "partialApprovalAmount" not in reply
    assert (reply["cardBrand"], reply["lastFourDigits"], reply["cardBINNumber"]) == (
        "VISA", "1111", "411111")
    assert (reply["cardExpirationMonth"], reply["cardExpirationYear"]) == ("12", "2030")
    assert reply["EMVCardEntryMode"] == "Keyed" and reply["additionalInfo1"] == "R-1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", reply["transactionDate"])
    assert reply["isEMVTransaction"] == "false"
    assert VISA not in str(reply)


# Golden requests: each as a public integration sends it, spelling and letter case included.
HHK_SALE = {  # H-gw creditSale: lower-case action, merchantId/storeId (H-cred), CardPresentStatus
    "transactionType": "CreditCard", "transactionAction": "authcapt",
    "merchantId": IDS["merchantID"], "storeId": IDS["storeID"], "terminalID": IDS["terminalID"],
    "amount": "20.00", "cardNumber": VISA, "cardExpDate": "12-30",
    "CardPresentStatus": "PresentManualKey", "additionalInfo1": "INV-77",
    "additionalInfo6": "DESK-2", "userID": "jdoe", "userName": "Jane Doe"}
PORTAL_TOKENIZE = {  # P-token sample: MerchantID/StoreID/TerminalID, cardPresentStatus
    "transactionType": "CreditCard", "transactionAction": "SaveOnFile",
    "MerchantID": IDS["merchantID"], "StoreID": IDS["storeID"], "TerminalID": IDS["terminalID"],
    "cardNumber": VISA, "cardExpDate": "12-30", "cardVerificationNumber": "123",
    "cardHolderName": "Jane Doe", "cardPresentStatus": "PresentManualKey", "amount": "0.00"}


async def test_golden_hhk_sale_is_approved(client: httpx.AsyncClient) -> None:
    reply = await nvp(client, HHK_SALE)
    assert (reply["responseCode"], reply["transactionStatus"]) == ("000", "C")
    assert (reply["additionalInfo1"], reply["additionalInfo6"]) == ("INV-77", "DESK-2")


async def test_golden_portal_void_and_refund(client: httpx.AsyncClient) -> None:
    sold = await nvp(client, HHK_SALE)
    refund = await nvp(client, {  # P-refund sample
        "transactionType": "CreditCard", "transactionAction": "SimpleRefund", **{
            "MerchantID": IDS["merchantID"], "StoreID": IDS["storeID"],
            "TerminalID": IDS["terminalID"]},
        "primaryCardPresentStatus": "PresentManualKey",
        "primaryTransactionID": sold["transactionID"], "amount": "5.00"})
    assert (refund["responseCode"], refund["transactionStatus"]) == ("000", "C")
    assert refund["primaryTransactionID"] == sold["transactionID"]
    assert refund["additionalInfo1"] == "INV-77"  # P-hookf: passed on to secondaries
    void = await nvp(client, {  # P-void sample
        "transactionType": "CreditCard", "transactionAction": "Void",
        "MerchantID": IDS["merchantID"], "StoreID": IDS["storeID"],
        "TerminalID": IDS["terminalID"], "primaryCardPresentStatus": "PresentManualKey",
        "primaryTransactionID": refund["transactionID"]})
    assert (void["responseCode"], void["transactionStatus"]) == ("000", "C")
    assert void["primaryTransactionStatus"] == "V"


async def test_golden_portal_tokenize_then_hhk_charge_on_file(client: httpx.AsyncClient
                                                            ) -> None:
    saved = await nvp(client, PORTAL_TOKENIZE)
    assert saved["transactionStatus"] == "O"
    card_id = saved["saveOnFileTransactionID"]
    assert re.fullmatch(r"[0-9a-f]{32}", card_id)
    charge = await nvp(client, {  # H-gw creditSale, token branch
        "transactionType": "CreditCard", "transactionAction": "authcapt",
        "merchantId": IDS["merchantID"], "storeId": IDS["storeID"],
        "terminalID": IDS["terminalID"], "amount": "15.00", "paymentMethodID": card_id,
        "CardPresentStatus": "notpresentphone"})
    assert (charge["responseCode"], charge["transactionStatus"]) == ("000", "C")
    assert charge["lastFourDigits"] == "1111"


@pytest.mark.parametrize("name", ["MerchantID", "merchantID", "merchantId", "MERCHANTID"])
async def test_field_names_are_read_in_any_letter_case(client: httpx.AsyncClient,
                                                       name: str) -> None:
    fields = {k: v for k, v in sale().items() if k != "merchantID"}
    reply = await nvp(client, {**fields, name: IDS["merchantID"]})
    assert reply["responseCode"] == "000"


async def test_presence_and_tracks_are_read(client: httpx.AsyncClient) -> None:
    chip = await nvp(client, sale(cardPresentStatus="PresentEMV"))
    assert chip["EMVCardEntryMode"] == "Chip" and chip["isEMVTransaction"] == "true"
    tap = await nvp(client, sale(cardPresentStatus="msdcontactless"))
    assert tap["EMVCardEntryMode"] == "Contactless"
    track2 = await nvp(client, sale(cardNumber="", cardExpDate="",
                                    cardPresentStatus="PresentSwipeSign",
                                    Track2Data=f";{VISA}=30121010000000000000?"))
    assert (track2["responseCode"], track2["EMVCardEntryMode"]) == ("000", "Swiped")
    assert (track2["cardExpirationMonth"], track2["cardExpirationYear"]) == ("12", "2030")
    track1 = await nvp(client, sale(cardNumber="", cardExpDate="",
                                    cardPresentStatus="PresentSwipeSign",
                                    Track1Data=f"%B{VISA}^DOE/JANE^3012101000000000?"))
    assert track1["responseCode"] == "000" and track1["lastFourDigits"] == "1111"


async def test_values_with_ampersand_and_equals_round_trip(client: httpx.AsyncClient) -> None:
    reference = "A&B=C+D %E ü"
    response = await client.post(NVP, data=sale(additionalInfo2=reference))
    assert dict(parse_qsl(response.text))["additionalInfo2"] == reference


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
        "cardExpDate must have a month": sale(cardExpDate="13-30"),
        "cardExpDate must be the expiry as MM-YY": sale(cardExpDate="2030-12"),
        "cardVerificationNumber must be 3 or 4 digits": sale(cardVerificationNumber="12a"),
        "Track2Data is not readable": sale(cardNumber="", Track2Data=";garbage?"),
        "cardPresentStatus Present is not a card present status": sale(
            cardPresentStatus="Present"),
        "merchantID is required": {k: v for k, v in sale().items() if k != "merchantID"},
        "merchantID 999 does not belong to this account": sale(merchantID="999"),
        "terminalID 7 does not belong": sale(terminalID="7"),
        "transactionAction is required": sale(transactionAction=""),
        "transactionAction sell is not supported for transactionType creditcard":
            sale(transactionAction="Sell"),
    }
    for expected, fields in cases.items():
        assert (await refusal(client, fields)).startswith(expected), expected


@pytest.mark.parametrize("invented", [
    {"transactionAction": "Sale"},
    {"transactionAction": "Refund"},
    {"requestReference": "R-1"},
    {"cardTrack2": f";{VISA}=30121010000000000000?"},
    {"cardOnFileToken": "COF123"},
    {"cardExpirationMonth": "12"},
    {"EMVCardEntryMode": "Keyed"},
    {"patientPresent": "true"},
], ids=lambda d: "&".join(f"{k}={v[:8]}" for k, v in d.items()))
async def test_our_old_invented_spellings_are_refused(client: httpx.AsyncClient,
                                                      invented: dict[str, str]) -> None:
    message = await refusal(client, sale(**invented))
    name, text = next(iter(invented.items()))
    assert name in message or text.lower() in message


async def test_same_field_in_two_letter_cases_with_other_values_is_refused(
        client: httpx.AsyncClient) -> None:
    message = await refusal(client, sale(MerchantID="123"))
    assert message.startswith("merchantID appears more than once")


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
    assert "not supported for transactionType echeck" in message
    response = await client.post(NVP, content=b"amount=\xff\xfe")
    assert dict(parse_qsl(response.text))["errorCode"] == "400"


async def test_every_request_is_its_own_transaction(client: httpx.AsyncClient) -> None:
    """The public contract names no idempotency key: the same request twice charges twice,
    as the real gateway would (the client must never re-send)."""
    first = await nvp(client, sale(additionalInfo1="R-9"))
    second = await nvp(client, sale(additionalInfo1="R-9"))
    assert first["transactionID"] != second["transactionID"]
