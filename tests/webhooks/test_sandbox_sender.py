"""End to end: the sandbox gateway's own webhook sender delivering to our receiver."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable

import httpx
import pytest

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import AUTH, fast_settings, nvp, sale, with_ids
from tests.webhooks.conftest import StartReceiver, stored


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
        paid = await nvp(client, sale(amount="20.00", patientID="P-7"))
        await nvp(client, with_ids(transactionType="CreditCard", transactionAction="SimpleRefund",
                                   transactionID=paid["transactionID"], amount="5.00"))
        await nvp(client, sale(cardNumber="4000000000000002"))
        await wait_for(lambda: all(d.state == "delivered" for d in gateway.webhooks.deliveries)
                       and len(gateway.webhooks.deliveries) == 3)
    rows = await stored(receiver)
    assert [r.trigger for r in rows] == ["Approved", "Refunded", "Declined"]
    assert (rows[0].transaction_id, rows[0].amount, rows[0].patient_ref) == \
        (paid["transactionID"], "20.00", "P-7")
    assert all(r.format == fmt and r.duplicate_count == 0 for r in rows)


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
