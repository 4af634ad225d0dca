"""REST: same fields as JSON; refusals are HTTP status codes with a JSON body."""

from __future__ import annotations

import httpx

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import REST, sale, with_ids


async def test_sale_over_rest(client: httpx.AsyncClient) -> None:
    response = await client.post(REST, json=sale(additionalInfo1="REST-1"))
    assert response.status_code == 200
    reply = response.json()
    assert (reply["responseCode"], reply["amount"], reply["isEMVTransaction"]) == (
        "000", "12.34", "false")
    assert reply["additionalInfo1"] == "REST-1"


async def test_decline_is_200_with_response_code(client: httpx.AsyncClient) -> None:
    response = await client.post(REST, json=sale(cardNumber="4000000000009995"))
    assert response.status_code == 200 and response.json()["responseCode"] == "051"


async def test_refusals_map_to_http_status(client: httpx.AsyncClient,
                                           server: SandboxServer) -> None:
    bad = await client.post(REST, json=sale(amount="1.999"))
    assert bad.status_code == 400 and bad.json()["errorCode"] == "400"
    assert bad.json()["errorMessage"].startswith("amount must be a positive amount")
    missing = await client.post(REST, json=with_ids(transactionAction="ViewReceipt",
                                                    singleSignOnToken="nope"))
    assert missing.status_code == 404 and missing.json()["errorCode"] == "404"
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        denied = await anonymous.post(REST, json=sale())
    assert denied.status_code == 401 and denied.json()["errorCode"] == "401"


async def test_bad_json_is_400(client: httpx.AsyncClient) -> None:
    for body in (b"{", b"[1, 2]", b"\xff", b'{"amount": true}', b'{"amount": [1]}',
                 b'{"amount": NaN}'):
        response = await client.post(REST, content=body,
                                     headers={"Content-Type": "application/json"})
        assert response.status_code == 400, body
        assert response.json()["errorCode"] == "400"


async def test_json_numbers_are_taken_exactly(client: httpx.AsyncClient) -> None:
    fields: dict[str, object] = {**sale(), "amount": 50.10}
    response = await client.post(REST, json=fields)
    # 50.10 arrives as text "50.1"; parsed as Decimal it is still the .10 partial rule.
    assert response.json()["partialApprovalAmount"] == "25.05"
