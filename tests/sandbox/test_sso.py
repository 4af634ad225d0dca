"""Hosted SSO payment: token → page → form post → COMPLETE → receipt; expiry; bad tokens."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from html.parser import HTMLParser

import httpx

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, IDS, SSO_PAGE, VISA, fast_settings, ledger, nvp

FORM_IDS = ("cardNumber", "cardExpirationMonth", "cardExpirationYear", "cardVerificationNumber",
            "cardHolderName", "pay", "token")


class Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, dict[str, str | None]] = {}
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("input", "button") and a.get("id"):
            self.ids[str(a["id"])] = a
        if tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))


async def issue(client: httpx.AsyncClient, amount: str = "15.00", **extra: str) -> dict[str, str]:
    reply = await nvp(client, {**IDS, "transactionType": "CreditCard",
                               "transactionAction": "RequestSSOToken", "amount": amount,
                               "patientID": "P-7", **extra})
    assert reply["tokenStatus"] == "NEW"
    return reply


async def token_status(server: SandboxServer, token: str) -> str:
    return server.tokens.status(token) or "UNKNOWN"


def card_form(token: str, **changes: str) -> dict[str, str]:
    form = {"token": token, "cardNumber": "4111 1111 1111 1111", "cardExpirationMonth": "12",
            "cardExpirationYear": "2030", "cardVerificationNumber": "123",
            "cardHolderName": "Jane Doe"}
    form.update(changes)
    return form


async def test_token_page_payment_and_receipt(server: SandboxServer,
                                              client: httpx.AsyncClient) -> None:
    issued = await issue(client, additionalInfo1="TOK-1")
    token, url = issued["singleSignOnToken"], issued["relayStateURL"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", token)
    assert url == f"{server.url}{SSO_PAGE}?token={token}"
    page = await client.get(url)
    assert page.status_code == 200 and "$15.00" in page.text and "P-7" in page.text
    inputs = Inputs()
    inputs.feed(page.text)
    assert set(FORM_IDS) <= inputs.ids.keys()
    assert set(FORM_IDS) - {"pay", "token"} <= inputs.labels  # every field has a label
    assert inputs.ids["token"]["value"] == token
    done = await client.post(SSO_PAGE, data=card_form(token))
    assert done.status_code == 200 and "Payment complete" in done.text
    assert "VISA ending 1111" in done.text and VISA not in done.text
    assert await token_status(server, token) == "COMPLETE"
    receipt = await nvp(client, {**IDS, "transactionAction": "ViewReceipt",
                                 "requestToken": "false", "singleSignOnToken": token})
    assert (receipt["responseCode"], receipt["amount"]) == ("000", "15.00")
    (entry,) = await ledger(client)
    assert entry["sso_token"] == token and entry["patient_id"] == "P-7"
    again = await client.get(url)
    assert again.status_code == 200 and "already" in again.text


async def test_decline_on_page_lets_patient_retry(server: SandboxServer,
                                                  client: httpx.AsyncClient) -> None:
    token = (await issue(client))["singleSignOnToken"]
    declined = await client.post(SSO_PAGE, data=card_form(token,
                                                          cardNumber="4000000000000002"))
    assert declined.status_code == 200 and 'role="alert"' in declined.text
    assert "Declined" in declined.text and await token_status(server, token) == "NEW"
    invalid = await client.post(SSO_PAGE, data=card_form(token, cardExpirationMonth="13"))
    assert invalid.status_code == 400 and "cardExpDate" in invalid.text
    paid = await client.post(SSO_PAGE, data=card_form(token))
    assert "Payment complete" in paid.text
    codes = [(e["sso_token"], e["response_code"]) for e in await ledger(client)]
    assert codes == [(token, "001"), (token, "000")]
    receipt = await nvp(client, {**IDS, "transactionAction": "ViewReceipt",
                                 "singleSignOnToken": token})
    assert receipt["responseCode"] == "000"  # the approved try, not the decline


async def test_partial_approval_on_page_completes(server: SandboxServer,
                                                  client: httpx.AsyncClient) -> None:
    token = (await issue(client, amount="20.10"))["singleSignOnToken"]
    done = await client.post(SSO_PAGE, data=card_form(token))
    assert "Partially Approved $10.05" in done.text
    assert await token_status(server, token) == "COMPLETE"


async def test_unknown_token_is_404_and_expired_is_410() -> None:
    async with SandboxServer(fast_settings(sso_token_lifetime=timedelta(seconds=0.3))) as srv, \
            httpx.AsyncClient(base_url=srv.url, auth=AUTH) as client:
        unknown = await client.get(f"{SSO_PAGE}?token=nope")
        assert unknown.status_code == 404 and "not valid" in unknown.text
        assert (await client.get(SSO_PAGE)).status_code == 404
        token = (await issue(client))["singleSignOnToken"]
        assert await token_status(srv, token) == "NEW"
        await asyncio.sleep(0.35)
        assert await token_status(srv, token) == "EXPIRED"
        expired = await client.get(f"{SSO_PAGE}?token={token}")
        assert expired.status_code == 410 and "expired" in expired.text
        late = await client.post(SSO_PAGE, data=card_form(token))
        assert late.status_code == 410 and await ledger(client) == []
        missing = await nvp(client, {**IDS, "transactionAction": "ViewReceipt",
                                     "singleSignOnToken": token})
        assert missing["errorCode"] == "404"


async def test_token_request_is_validated(client: httpx.AsyncClient) -> None:
    first = await issue(client, additionalInfo1="TOK-2")
    again = await issue(client, additionalInfo1="TOK-2")
    assert first["singleSignOnToken"] != again["singleSignOnToken"]  # no idempotency key
    refused = await nvp(client, {**IDS, "transactionType": "CreditCard",
                                 "transactionAction": "RequestSSOToken"})
    assert refused["errorCode"] == "400" and "amount is required" in refused["errorMessage"]
