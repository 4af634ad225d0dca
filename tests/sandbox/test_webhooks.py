"""The sandbox's webhook sender against a plain local receiver: the gateway's PascalCase
fields (resources/protocol/webhooks.json) in JSON, XML and NVP, retries with compressed
delays, and the updates triggered from /sandbox/webhooks/trigger."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import httpx
import pytest
from aiohttp import web
from lxml import etree

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, IDS, fast_settings, nvp, sale

INVENTED = {"eventID", "trigger", "eventType", "messageID", "requestReference",
            "approvedAmount", "transactionDate", "eventDate"}


@dataclass
class Receiver:
    fail_first: int = 0
    hang: bool = False
    bodies: list[tuple[str, bytes]] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.bodies.append((request.content_type, await request.read()))
        if self.hang:
            await asyncio.sleep(10)
        if len(self.bodies) <= self.fail_first:
            return web.Response(status=503, reason="Store unavailable")
        return web.Response(text="stored")


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rx = Receiver()
    app = web.Application()
    app.router.add_post("/hook", rx.handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    rx.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield rx
    await runner.cleanup()


async def wait_for(predicate: object, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def secondary(action: str, primary: str, **fields: str) -> dict[str, str]:
    """A void or simple refund of ``primary``, as the portal's samples send it."""
    return {"transactionType": "CreditCard", "transactionAction": action, **IDS,
            "primaryTransactionID": primary, "primaryCardPresentStatus": "PresentManualKey",
            **fields}


def referenced(reference: str, **fields: str) -> dict[str, str]:
    """A sale carrying our reference in additionalInfo1 (the client's default slot)."""
    return sale(additionalInfo1=reference, **fields)


async def test_retries_until_200_then_delivered(receiver: Receiver) -> None:
    receiver.fail_first = 2
    settings = fast_settings(webhook_url=receiver.url)
    async with SandboxServer(settings) as server, \
            httpx.AsyncClient(base_url=server.url, auth=AUTH) as client:
        paid = await nvp(client, referenced("WH-1", patientID="P-9"))
        await wait_for(lambda: len(receiver.bodies) == 3)
        deliveries = (await client.get("/sandbox/webhooks/deliveries")).json()
    (delivery,) = deliveries
    assert delivery["state"] == "delivered"
    assert [(a["number"], a["status"], a["ok"]) for a in delivery["attempts"]] == [
        (1, 503, False), (2, 503, False), (3, 200, True)]
    assert delivery["attempts"][0]["reason"] == "Store unavailable"
    content_type, body = receiver.bodies[-1]
    payload = json.loads(body)
    assert content_type == "application/json"
    assert (payload["TransactionID"], payload["TransactionAction"],
            payload["CurrentTransactionStatusCode"], payload["Amount"]) == (
        paid["transactionID"], "Sale", "C", "12.34")
    assert (payload["AdditionalInfo1"], payload["CardLastFourDigits"]) == ("WH-1", "1111")
    assert payload["ResponseCode"] == "000" and payload["ResponseDateTime"]
    assert not INVENTED & set(payload)
    assert "4111111111111111" not in body.decode()
    assert len({b for _, b in receiver.bodies}) == 1  # a retry is the same message


async def test_gives_up_after_five_retries(receiver: Receiver) -> None:
    receiver.fail_first = 100
    async with SandboxServer(fast_settings(webhook_url=receiver.url)) as server, \
            httpx.AsyncClient(base_url=server.url, auth=AUTH) as client:
        await nvp(client, sale())
        await wait_for(lambda: server.webhooks.deliveries[0].state == "failed")
    assert len(receiver.bodies) == 6


async def test_timeout_counts_as_failure_and_stop_cancels(receiver: Receiver) -> None:
    receiver.hang = True
    settings = fast_settings(webhook_url=receiver.url, webhook_timeout=0.2,
                             webhook_retry_delays=(0.05, 60.0))
    server = SandboxServer(settings)
    await server.start()
    async with httpx.AsyncClient(base_url=server.url, auth=AUTH) as client:
        await nvp(client, sale())
        await wait_for(lambda: len(server.webhooks.deliveries[0].attempts) == 2)
    await asyncio.wait_for(server.stop(), 30)  # a retry is now sleeping for 60 s
    delivery = server.webhooks.deliveries[0]
    assert delivery.state == "cancelled"
    assert [a.status for a in delivery.attempts] == [None, None]
    assert "no answer" in delivery.attempts[0].reason


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
async def test_every_update_in_every_format(receiver: Receiver, server: SandboxServer,
                                            client: httpx.AsyncClient, fmt: str) -> None:
    configured = await client.post("/sandbox/webhooks", json={"url": receiver.url,
                                                              "format": fmt})
    assert configured.json() == {"url": receiver.url, "format": fmt}
    kept = (await nvp(client, referenced("R-KEPT", amount="10.00")))["transactionID"]
    voided = (await nvp(client, referenced("R-VOID")))["transactionID"]
    refund = await nvp(client, secondary("SimpleRefund", kept, amount="1.00",
                                         additionalInfo1="R-REFUND"))
    await nvp(client, secondary("Void", voided, additionalInfo1="R-VOID-2"))
    await nvp(client, sale(cardNumber="4000000000000002"))  # declined
    await nvp(client, sale(transactionAction="SaveOnFile", amount=""))  # moves no money
    for trigger in ("Chargeback", "Returned", "Settlement"):
        extra = await client.post("/sandbox/webhooks/trigger",
                                  json={"transactionID": kept, "trigger": trigger})
        assert extra.status_code == 202 and extra.json()["delivery"]
    await wait_for(lambda: len(receiver.bodies) == 8)
    posted = [decode(fmt, ctype, body) for ctype, body in receiver.bodies]
    kinds = sorted((d["TransactionAction"], d["CurrentTransactionStatusCode"]) for d in posted)
    assert kinds == sorted([("Sale", "C"), ("Sale", "C"), ("Refund", "C"), ("Sale", "V"),
                            ("Sale", "D"), ("Chargeback", "CB"), ("Return", "RI"),
                            ("Sale", "S")])

    def one(action: str, status: str) -> dict[str, str]:
        (found,) = [d for d in posted if (d["TransactionAction"],
                                          d["CurrentTransactionStatusCode"]) == (action, status)]
        return found

    refunded = one("Refund", "C")
    assert (refunded["TransactionID"], refunded["OriginalTransactionID"]) == (
        refund["transactionID"], kept)
    assert refunded["AdditionalInfo1"] == "R-REFUND"
    void = one("Sale", "V")  # a void keeps the sale's transaction ID (P-member, HHK)
    assert (void["TransactionID"], void["AdditionalInfo1"]) == (voided, "R-VOID-2")
    for new_id in (one("Chargeback", "CB"), one("Return", "RI")):  # new IDs (P-member)
        assert new_id["OriginalTransactionID"] == kept
        assert new_id["TransactionID"] not in (kept, voided)
    assert one("Sale", "S")["TransactionID"] == kept
    assert all(not INVENTED & set(d) for d in posted)


def decode(fmt: str, content_type: str, body: bytes) -> dict[str, str]:
    if fmt == "json":
        assert content_type == "application/json"
        return dict(json.loads(body))
    if fmt == "nvp":
        assert content_type == "application/x-www-form-urlencoded"
        return dict(parse_qsl(body.decode()))
    assert content_type == "application/xml"
    root = etree.fromstring(body)
    return {child.tag: child.text or "" for child in root}


async def test_a_payment_plan_update_is_posted_for_the_plan_service(
        receiver: Receiver, server: SandboxServer) -> None:
    server.webhooks.configure(receiver.url, "json")
    delivery = server.webhooks.send_plan_update("PP-1", "Created", {"Amount": "25.00"})
    assert delivery is not None
    await wait_for(lambda: len(receiver.bodies) == 1)
    payload = json.loads(receiver.bodies[0][1])
    assert (payload["PaymentPlanID"], payload["PaymentPlanTransactionType"],
            payload["Amount"]) == ("PP-1", "Created", "25.00")
    with pytest.raises(ValueError):
        server.webhooks.send_plan_update("PP-1", "Deleted")


async def test_trigger_and_config_errors(client: httpx.AsyncClient) -> None:
    assert (await client.post("/sandbox/webhooks/trigger", json={
        "transactionID": "x", "trigger": "Settlement"})).status_code == 404
    assert (await client.post("/sandbox/webhooks/trigger", json={
        "transactionID": "x", "trigger": "Bogus"})).status_code == 400
    paid = await nvp(client, sale())
    no_url = await client.post("/sandbox/webhooks/trigger", json={
        "transactionID": paid["transactionID"], "trigger": "Settlement"})
    assert no_url.status_code == 409
    bad = await client.post("/sandbox/webhooks", json={"url": "http://x", "format": "csv"})
    assert bad.status_code == 400
