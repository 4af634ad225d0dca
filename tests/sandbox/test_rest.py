"""REST contract: requests shaped exactly as modobio_web sends them (src/odyssey/integrations/
instamed.py: paths, Outlet/Card/Patient objects, Api-Key/Api-Secret) answered as it reads the
replies (TransactionStatus, TransactionID, IsPartiallyApproved, PaymentPlanID, CardResult).
The old invented path is gone; a wrong key pair is 401."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import OUTLET, REST, REST_HEADERS, VISA, ledger, rest_sale

PATIENT = {"AccountNumber": "MB-100"}


async def save_card(client: httpx.AsyncClient) -> dict[str, Any]:
    """modobio_web add_payment_method: a tokenized card saved through /payment/paymentplan."""
    response = await client.post("/rest/payment/paymentplan", json={
        "Outlet": OUTLET, "PaymentPlanType": "SaveOnFile", "PaymentMethod": "Card",
        "Card": {"EntryMode": "key", "CardNumber": VISA, "Expiration": "12-30"},
        "Patient": PATIENT})
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


async def charge(client: httpx.AsyncClient, method_id: str, amount: str) -> dict[str, Any]:
    """modobio_web charge_user: Amount as a string, the saved card by PaymentMethodID."""
    response = await client.post("/rest/payment/sale", json={
        "Outlet": OUTLET, "PaymentMethod": "OnFile", "PaymentMethodID": method_id,
        "Amount": amount, "Patient": PATIENT})
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


async def test_modobio_flow_save_charge_refund_void(client: httpx.AsyncClient) -> None:
    saved = await save_card(client)
    assert saved["CardResult"] == {"LastFour": "1111", "Type": "VISA"}  # routes.py reads both
    sale = await charge(client, saved["PaymentPlanID"], "40.00")
    assert (sale["TransactionStatus"], sale["IsPartiallyApproved"]) == ("C", False)
    refund = await client.post("/rest/payment/refund-simple", json={
        "Outlet": OUTLET, "TransactionID": sale["TransactionID"], "Amount": "15.00",
        "Patient": PATIENT})
    assert refund.status_code == 200 and refund.json()["TransactionID"] != sale["TransactionID"]
    void = await client.post("/rest/payment/void", json={
        "Outlet": OUTLET, "TransactionID": refund.json()["TransactionID"], "Patient": PATIENT})
    assert void.status_code == 200 and void.json()["TransactionID"]
    kinds = [(e["kind"], e["amount_approved"]) for e in await ledger(client)]
    assert kinds == [("save_on_file", "0.00"), ("charge_saved_card", "40.00"),
                     ("simple_refund", "15.00"), ("void", "15.00")]


async def test_partial_approval_reads_as_modobio_reads_it(client: httpx.AsyncClient) -> None:
    sale = await charge(client, (await save_card(client))["PaymentPlanID"], "50.10")
    assert (sale["TransactionStatus"], sale["IsPartiallyApproved"]) == ("C", True)
    assert sale["PartialApprovalAmount"] == "25.05"


async def test_a_decline_is_200_and_not_c(client: httpx.AsyncClient) -> None:
    response = await client.post(REST, json=rest_sale(number="4000000000009995"))
    assert response.status_code == 200 and response.json()["TransactionStatus"] == "D"


@pytest.mark.parametrize("headers", [
    {}, {"Api-Key": "sandbox-api-key"}, {**REST_HEADERS, "Api-Secret": "wrong"},
    {**REST_HEADERS, "Api-Key": "wrong"}])
async def test_a_wrong_or_missing_key_pair_is_401(server: SandboxServer,
                                                  headers: dict[str, str]) -> None:
    async with httpx.AsyncClient(base_url=server.url, headers=headers) as anonymous:
        denied = await anonymous.post(REST, json=rest_sale())
    assert denied.status_code == 401
    assert "WWW-Authenticate" not in denied.headers  # not a Basic login
    assert len(server.ledger) == 0


async def test_basic_auth_is_not_a_rest_login(server: SandboxServer) -> None:
    async with httpx.AsyncClient(base_url=server.url,
                                 auth=("sandbox@frontdeskpay.test", "sandbox")) as basic:
        assert (await basic.post(REST, json=rest_sale())).status_code == 401


async def test_the_old_invented_path_and_nvp_names_are_gone(client: httpx.AsyncClient) -> None:
    old = await client.post("/api/payment/v1/transactions", json=rest_sale())
    assert old.status_code in (404, 405)
    nvp_names = await client.post(REST, json={"transactionType": "CreditCard",
                                              "transactionAction": "AuthCapt",
                                              "amount": "1.00"})
    assert nvp_names.status_code == 400
    assert "is not a field" in nvp_names.json()["errorMessage"]


async def test_refusals_map_to_http_status(client: httpx.AsyncClient) -> None:
    bad = await client.post(REST, json=rest_sale(amount="1.999"))
    assert bad.status_code == 400 and bad.json()["errorCode"] == "400"
    missing = await client.post("/rest/payment/void", json={"Outlet": OUTLET,
                                                            "TransactionID": "nope"})
    assert missing.status_code == 404
    plan = await client.post("/rest/payment/paymentplan", json={
        **rest_sale(), "PaymentPlanType": "Installment"})
    assert plan.status_code == 400 and "does not take" in plan.json()["errorMessage"]
    swipe = await client.post(REST, json={**rest_sale(), "Card": {"EntryMode": "swipe"}})
    assert swipe.status_code == 400


async def test_bad_json_is_400(client: httpx.AsyncClient) -> None:
    for body in (b"{", b"[1, 2]", b"\xff", b'{"Amount": true}', b'{"Amount": [1]}',
                 b'{"Amount": NaN}', b'{"Outlet": {"A": {"B": {"C": {"D": {"E": "1"}}}}}}'):
        response = await client.post(REST, content=body,
                                     headers={"Content-Type": "application/json"})
        assert response.status_code == 400, body
        assert response.json()["errorCode"] == "400"


async def test_json_numbers_are_taken_exactly(client: httpx.AsyncClient) -> None:
    response = await client.post(REST, json={**rest_sale(), "Amount": 50.10})
    # 50.10 arrives as text "50.1"; parsed as Decimal it is still the .10 partial rule.
    assert response.json()["PartialApprovalAmount"] == "25.05"


async def test_our_reference_is_stored_from_additional_info(client: httpx.AsyncClient) -> None:
    await client.post(REST, json=rest_sale(AdditionalInfo1="REF-REST-1"))
    [entry] = await ledger(client)
    assert entry["additional_info"] == {"additionalInfo1": "REF-REST-1"}
