"""End to end: the sandbox gateway's own webhook sender delivering to our receiver, matched
back by transaction ID, the original transaction, and our reference."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable

import httpx
import pytest

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, IDS, fast_settings, nvp, sale
from tests.webhooks.conftest import StartReceiver, stored


def refund_of(transaction_id: str, amount: str, reference: str) -> dict[str, str]:
    """A simple refund carrying our reference (additionalInfo1), as P-refund spells it."""
    return {"transactionType": "CreditCard", "transactionAction": "SimpleRefund", **IDS,
            "primaryTransactionID": transaction_id, "primaryCardPresentStatus": "PresentManualKey",
            "amount": amount, "additionalInfo1": reference}


async def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.mark.parametrize("fmt", ["json", "xml", "nvp"])
async def test_sandbox_payments_arrive_as_stored_webhooks(start_receiver: StartReceiver,
                                                          fmt: str) -> None:
    receiver = await start_receiver()
    settings = fast_settings(webhook_url=receiver.url, webhook_format=fmt)
    async with SandboxServer(settings) as gateway, \
            httpx.AsyncClient(base_url=gateway.url, auth=AUTH) as client:
        paid = await nvp(client, sale(amount="20.00", additionalInfo1="REF-7"))
        refund = await nvp(client, refund_of(paid["transactionID"], "5.00", "REF-8"))
        await nvp(client, sale(cardNumber="4000000000000002"))
        await wait_for(lambda: all(d.state == "delivered" for d in gateway.webhooks.deliveries)
                       and len(gateway.webhooks.deliveries) == 3)
    rows = await stored(receiver)
    assert [r.trigger for r in rows] == ["Approved", "Refunded", "Declined"]
    assert all(r.trigger_known and r.format == fmt and r.duplicate_count == 0 for r in rows)
    assert (rows[0].transaction_id, rows[0].amount, rows[0].our_reference) == \
        (paid["transactionID"], "20.00", "REF-7")
    assert (rows[1].transaction_id, rows[1].original_transaction_id, rows[1].amount) == \
        (refund["transactionID"], paid["transactionID"], "5.00")
    found = await receiver.store.find(our_reference="REF-8")
    assert [(r.trigger, r.original_transaction_id) for r in found] == [
        ("Refunded", paid["transactionID"])]


async def test_the_senders_retries_fill_in_once_the_receiver_is_up(
        start_receiver: StartReceiver) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = fast_settings(webhook_url=f"http://127.0.0.1:{port}/webhook",
                             webhook_retry_delays=(0.3,) * 5)
    async with SandboxServer(settings) as gateway, \
            httpx.AsyncClient(base_url=gateway.url, auth=AUTH) as client:
        await nvp(client, sale())
        await wait_for(lambda: len(gateway.webhooks.deliveries[0].attempts) >= 1)
        receiver = await start_receiver(port=port)
        await wait_for(lambda: gateway.webhooks.deliveries[0].state == "delivered")
        attempts = gateway.webhooks.deliveries[0].attempts
    assert attempts[0].status is None and attempts[-1].status == 200
    assert [r.trigger for r in await stored(receiver)] == ["Approved"]
