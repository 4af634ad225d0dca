"""Hosted SSO pages as the real contract has them: the ACS token request (spelled as HHK and the
portal send it), the relay-state answer, the target pages, paying through the processor, and
ViewReceipt by ``singleSignOnToken`` as the portal's polling page shows it."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import (
    ACS,
    AUTH,
    IDS,
    SSO_LOGIN,
    SSO_PAGE,
    VISA,
    fast_settings,
    ledger,
    nvp,
)

ONLINE = "https://online.instamed.com"
COF_PAGE = "/providers/Form/PatientPayments/NewPaymentPlanSimpleSSO"
CONFIRM, CANCEL = "https://clinic.example/hosted/confirm", "https://clinic.example/hosted/cancel"
FORM_IDS = ("cardNumber", "cardExpirationMonth", "cardExpirationYear", "cardVerificationNumber",
            "cardHolderName", "pay", "cancel", "token")


def hhk_form(amount: str = "15.00", **changes: str) -> dict[str, str]:
    """A token request spelled as HHK's initHostedPayment sends it."""
    form = {"patientID": "P-7", "patientFirstName": "Pat", "patientLastName": "Doe",
            "amount": amount, "additionalInfo1": "INV-1", "userID": "frontdesk",
            "userName": "frontdesk", "creditCardKeyed": "true", "lightWeight": "true",
            "isReadOnly": "true", "preventCheck": "true", "preventCash": "true",
            "suppressReceipt": "true", "hideGuarantorID": "true",
            "responseActionType": "header", "cancelURL": CANCEL, "confirmURL": CONFIRM,
            "requestToken": "true", "incontext": "true",
            "RelayState": ONLINE + SSO_PAGE, **SSO_LOGIN, "id": "sandbox"}
    form.update(changes)
    return {k: v for k, v in form.items() if v != ""}


async def token_request(server: SandboxServer, form: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.url) as anonymous:  # no Basic login
        return await anonymous.post(ACS, data=form)


def relay_query(response: httpx.Response) -> tuple[str, dict[str, str]]:
    relay = response.headers["relaystate"]  # any case: it is an HTTP header
    return relay, {k: v[0] for k, v in parse_qs(urlsplit(relay).query).items()}


async def issue(server: SandboxServer, amount: str = "15.00", **changes: str) -> str:
    response = await token_request(server, hhk_form(amount, **changes))
    assert response.status_code == 200 and response.content == b""
    relay, query = relay_query(response)
    page = urlsplit(changes.get("RelayState", SSO_PAGE)).path
    assert relay == f"{server.url}{page}?token={query['token']}"
    return query["token"]


def card_form(token: str, **changes: str) -> dict[str, str]:
    form = {"token": token, "cardNumber": "4111 1111 1111 1111", "cardExpirationMonth": "12",
            "cardExpirationYear": "2030", "cardVerificationNumber": "123",
            "cardHolderName": "Jane Doe", "action": "pay"}
    form.update(changes)
    return form


def view_receipt(token: str) -> dict[str, str]:
    """As the portal's polling page writes it (lower-case IDs, allowPartialPayment)."""
    return {"merchantID": IDS["merchantID"], "storeID": IDS["storeID"],
            "terminalID": IDS["terminalID"], "transactionAction": "ViewReceipt",
            "requestToken": "false", "allowPartialPayment": "false",
            "singleSignOnToken": token}


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


async def test_token_page_payment_and_receipt(server: SandboxServer,
                                              client: httpx.AsyncClient) -> None:
    token = await issue(server)
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", token)
    page = await client.get(f"{SSO_PAGE}?token={token}")
    assert page.status_code == 200 and "$15.00" in page.text and "Pat Doe" in page.text
    inputs = Inputs()
    inputs.feed(page.text)
    assert set(FORM_IDS) <= inputs.ids.keys()
    assert set(FORM_IDS) - {"pay", "cancel", "token"} <= inputs.labels  # every field labelled
    assert inputs.ids["token"]["value"] == token
    done = await client.post(SSO_PAGE, data=card_form(token))
    assert done.status_code == 303 and done.headers["location"] == CONFIRM
    assert server.tokens.status(token) == "complete"
    receipt = await nvp(client, view_receipt(token))
    assert (receipt["responseCode"], receipt["transactionStatus"]) == ("000", "C")
    (entry,) = await ledger(client)
    assert (entry["kind"], entry["sso_token"], entry["patient_id"]) == ("sale", token, "P-7")
    assert entry["amount_approved"] == "15.00" and VISA not in str(entry)
    assert entry["additional_info"] == {"additionalInfo1": "INV-1"}  # stored and echoed
    assert receipt["additionalInfo1"] == "INV-1"
    again = await client.get(f"{SSO_PAGE}?token={token}")
    assert again.status_code == 200 and "already" in again.text


async def test_the_portals_spellings_are_accepted_and_a_browser_post_is_redirected(
        server: SandboxServer) -> None:
    """P-sso writes relayState/accountId/cancelUrl; without responseActionType=header the
    answer is the browser's redirect to the page, the relay state header beside it."""
    form = hhk_form(responseActionType="", RelayState="", relayState=ONLINE + SSO_PAGE,
                    accountID="", accountId=SSO_LOGIN["accountID"].upper(), cancelURL="",
                    cancelUrl=CANCEL)
    response = await token_request(server, form)
    assert response.status_code == 302
    relay, query = relay_query(response)
    assert response.headers["location"] == relay and query["token"]
    assert server.tokens.get(query["token"]).cancel_url == CANCEL  # type: ignore[union-attr]


@pytest.mark.parametrize("wrong", ["securityKey", "ssoAlias", "accountID"])
async def test_a_wrong_sso_login_answers_with_the_sso_error_page(
        server: SandboxServer, client: httpx.AsyncClient, wrong: str) -> None:
    response = await token_request(server, hhk_form(**{wrong: "nope"}))
    relay, query = relay_query(response)
    assert urlsplit(relay).path == "/providers/Form/SSO/SSOError"
    assert query == {"respCode": "401", "respMessage": "Invalid AccountID or Password.",
                     "lightWeight": "true"}
    assert server.tokens.tokens == {}
    shown = await client.get(relay)
    assert "Invalid AccountID or Password." in shown.text


async def test_the_api_password_is_not_the_sso_login(server: SandboxServer) -> None:
    response = await token_request(server, hhk_form(securityKey=AUTH[1]))
    assert relay_query(response)[1]["respCode"] == "401"


@pytest.mark.parametrize(("changes", "message"), [
    ({"amount": ""}, "amount"), ({"amount": "-1"}, "amount"),
    ({"RelayState": ONLINE + "/providers/Form/Elsewhere"}, "RelayState")])
async def test_a_token_request_the_page_cannot_take_is_refused_in_the_relay_state(
        server: SandboxServer, changes: dict[str, str], message: str) -> None:
    _relay, query = relay_query(await token_request(server, hhk_form(**changes)))
    assert query["respCode"] == "400" and message in query["respMessage"]
    assert "token" not in query and server.tokens.tokens == {}


async def test_decline_on_page_lets_patient_retry(server: SandboxServer,
                                                  client: httpx.AsyncClient) -> None:
    token = await issue(server)
    declined = await client.post(SSO_PAGE, data=card_form(token,
                                                          cardNumber="4000000000000002"))
    assert declined.status_code == 200 and 'role="alert"' in declined.text
    assert "Declined" in declined.text and server.tokens.status(token) == "NEW"
    invalid = await client.post(SSO_PAGE, data=card_form(token, cardExpirationMonth="13"))
    assert invalid.status_code == 400 and "Please check the card details" in invalid.text
    paid = await client.post(SSO_PAGE, data=card_form(token))
    assert paid.status_code == 303
    tries = [(e["response_code"], e["sso_token"]) for e in await ledger(client)]
    assert tries == [("001", token), ("000", token)]  # the refused try booked nothing
    receipt = await nvp(client, view_receipt(token))
    assert receipt["responseCode"] == "000"  # the approved try, not the decline


async def test_partial_approval_on_page_completes(server: SandboxServer,
                                                  client: httpx.AsyncClient) -> None:
    token = await issue(server, amount="20.10", confirmURL="")
    done = await client.post(SSO_PAGE, data=card_form(token))
    assert "Partially Approved $10.05" in done.text  # no confirm URL: the page says it
    assert server.tokens.status(token) == "complete"


async def test_cancel_on_the_page_goes_to_the_cancel_url_and_charges_nothing(
        server: SandboxServer, client: httpx.AsyncClient) -> None:
    token = await issue(server)
    cancelled = await client.post(SSO_PAGE, data={"token": token, "action": "cancel"})
    assert cancelled.status_code == 303 and cancelled.headers["location"] == CANCEL
    assert server.tokens.status(token) == "NEW" and await ledger(client) == []


async def test_a_card_saved_on_its_page_is_a_save_on_file(server: SandboxServer,
                                                          client: httpx.AsyncClient) -> None:
    token = await issue(server, amount="", RelayState=ONLINE + COF_PAGE)
    page = await client.get(f"{COF_PAGE}?token={token}")
    assert "Save a card" in page.text
    assert (await client.get(f"{SSO_PAGE}?token={token}")).status_code == 404  # other page
    done = await client.post(COF_PAGE, data=card_form(token))
    assert done.status_code == 303
    (entry,) = await ledger(client)
    assert entry["kind"] == "save_on_file" and entry["sso_token"] == token


async def test_unknown_token_is_404_and_expired_is_410() -> None:
    async with SandboxServer(fast_settings(sso_token_lifetime=timedelta(seconds=0.3))) as srv, \
            httpx.AsyncClient(base_url=srv.url, auth=AUTH) as client:
        unknown = await client.get(f"{SSO_PAGE}?token=nope")
        assert unknown.status_code == 404 and "not valid" in unknown.text
        assert (await client.get(SSO_PAGE)).status_code == 404
        token = await issue(srv)
        assert srv.tokens.status(token) == "NEW"
        await asyncio.sleep(0.35)
        assert srv.tokens.status(token) == "EXPIRED"
        expired = await client.get(f"{SSO_PAGE}?token={token}")
        assert expired.status_code == 410 and "expired" in expired.text
        late = await client.post(SSO_PAGE, data=card_form(token))
        assert late.status_code == 410 and await ledger(client) == []
        missing = await nvp(client, view_receipt(token))
        assert missing["errorCode"] == "404"


async def test_the_old_invented_spellings_are_gone(server: SandboxServer,
                                                   client: httpx.AsyncClient) -> None:
    assert (await client.get("/Forms/Payment/Pay.aspx?token=x")).status_code == 404
    refused = await nvp(client, {**IDS, "transactionType": "CreditCard",
                                 "transactionAction": "RequestSSOToken", "amount": "15.00"})
    assert refused["errorCode"] == "400"
