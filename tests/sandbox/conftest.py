"""Fixtures: a real sandbox on a free loopback port, and an httpx client logged in to it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from desktop_app.sandbox import DEMO_ACCOUNT, SandboxServer, SandboxSettings

NVP = "/payment/NVP.aspx"
REST = "/rest/payment/sale"
SOAP_PAYMENT = "/payment/service.asmx"
SOAP_SSO = "/providers/Forms/WebServices/SSOService.asmx"
ACS = "/providers/Forms/SSO/ACS_SAML2.aspx"
SSO_PAGE = "/providers/Form/PatientPayments/NewPaymentSimpleSSO"
SSO_LOGIN = {"accountID": "sandbox@frontdeskpay.test", "securityKey": "sandbox-sso",
             "ssoAlias": "frontdeskpay"}
AUTH = (DEMO_ACCOUNT.account_id, DEMO_ACCOUNT.password)
IDS = {"merchantID": DEMO_ACCOUNT.merchant_id, "storeID": DEMO_ACCOUNT.store_id,
       "terminalID": DEMO_ACCOUNT.terminal_id}
VISA = "4111111111111111"
# The sandbox's REST key pair, sent as modobio_web sends it (rest.json, M).
REST_HEADERS = {"Api-Key": DEMO_ACCOUNT.api_key, "Api-Secret": DEMO_ACCOUNT.api_secret}
OUTLET = {"MerchantID": DEMO_ACCOUNT.merchant_id, "StoreID": DEMO_ACCOUNT.store_id,
          "TerminalID": DEMO_ACCOUNT.terminal_id}


def fast_settings(**changes: Any) -> SandboxSettings:
    values: dict[str, Any] = {"webhook_retry_delays": (0.05,) * 5, "webhook_timeout": 2.0,
                              "sso_token_lifetime": timedelta(minutes=15)}
    values.update(changes)
    return SandboxSettings(**values)


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(fast_settings()) as running:
        yield running


@pytest.fixture
async def client(server: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, auth=AUTH, headers=REST_HEADERS,
                                 timeout=10) as http:
        yield http


def sale(**changes: str) -> dict[str, str]:
    """A keyed card sale spelled as the portal's samples spell it (P-token, H-gw)."""
    fields = {"transactionType": "CreditCard", "transactionAction": "AuthCapt", **IDS,
              "amount": "12.34", "cardNumber": VISA, "cardExpDate": "12-30",
              "cardPresentStatus": "PresentManualKey"}
    fields.update(changes)
    return {k: v for k, v in fields.items() if v != ""}


def rest_sale(amount: str = "12.34", number: str = VISA, **top: object) -> dict[str, object]:
    """A keyed card sale as REST JSON: modobio_web's Outlet and Card objects (rest.json)."""
    return {"Outlet": OUTLET, "PaymentMethod": "Card", "Amount": amount,
            "Card": {"EntryMode": "key", "CardNumber": number, "Expiration": "12-30"}, **top}


def with_ids(**fields: str) -> dict[str, str]:
    return {**IDS, **fields}


async def nvp(client: httpx.AsyncClient, fields: dict[str, str]) -> dict[str, str]:
    """POST a form, expect HTTP 200, return the decoded reply."""
    response = await client.post(NVP, data=fields)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-www-form-urlencoded")
    return dict(parse_qsl(response.text, keep_blank_values=True, strict_parsing=True))


async def ledger(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    response = await client.get("/sandbox/ledger")
    assert response.status_code == 200
    return response.json()


class ThreadedSandbox:
    """A sandbox on its own loop in a thread, for synchronous callers (hypothesis)."""

    def __init__(self, settings: SandboxSettings | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.server = SandboxServer(settings or fast_settings())
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> SandboxServer:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@pytest.fixture(scope="module")
def threaded() -> Iterator[SandboxServer]:
    with ThreadedSandbox() as running:
        yield running
