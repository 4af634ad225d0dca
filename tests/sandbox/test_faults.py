"""Fault injection: each mode does exactly what its name says, and charges when it says."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import (
    NVP,
    REST,
    SOAP_PAYMENT,
    fast_settings,
    ledger,
    nvp,
    rest_sale,
    sale,
)
from tests.sandbox.soap_golden import golden


async def inject(client: httpx.AsyncClient, **spec: object) -> None:
    response = await client.post("/sandbox/faults", json=spec)
    assert response.status_code == 201, response.text


async def test_delay_then_normal_answer(client: httpx.AsyncClient) -> None:
    await inject(client, mode="delay", delay=0.3)
    started = time.monotonic()
    reply = await nvp(client, sale())
    assert time.monotonic() - started >= 0.3 and reply["responseCode"] == "000"
    assert (await client.get("/sandbox/faults")).json() == []  # count 1: used up


async def test_timeout_leaves_client_waiting_and_stop_is_prompt() -> None:
    server = SandboxServer(fast_settings(shutdown_timeout=0.2))
    await server.start()
    async with httpx.AsyncClient(base_url=server.url, auth=("sandbox@frontdeskpay.test",
                                                            "sandbox")) as client:
        await inject(client, mode="timeout")  # 30 s by default
        with pytest.raises(httpx.ReadTimeout):
            await client.post(NVP, data=sale(), timeout=httpx.Timeout(5, read=0.3))
        await asyncio.wait_for(server.stop(), 15)  # half the fault's 30 s sleep
    assert len(server.ledger) == 0  # the sleep comes before processing


async def test_http_500_charges_nothing(client: httpx.AsyncClient) -> None:
    await inject(client, mode="http_500")
    response = await client.post(NVP, data=sale())
    assert response.status_code == 500 and await ledger(client) == []


@pytest.mark.parametrize("path", [NVP, REST, SOAP_PAYMENT])
async def test_malformed_body_after_charge(client: httpx.AsyncClient, path: str) -> None:
    await inject(client, mode="malformed")
    soap = golden("sale", "webref11", ref="MALFORMED-1")
    headers = soap.headers if path == SOAP_PAYMENT else {}
    body = soap.body if path == SOAP_PAYMENT else None
    response = (await client.post(path, content=body, headers=headers) if body else
                await client.post(path, data=sale()) if path == NVP else
                await client.post(path, json=rest_sale()))
    assert response.status_code == 200
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    assert len(await ledger(client)) == 1  # charged first, then the reply was garbled


async def test_soap_fault_mode(client: httpx.AsyncClient) -> None:
    await inject(client, mode="soap_fault", match={"transactionAction": "AuthCapt"})
    untouched = await nvp(client, sale(transactionAction="Auth"))
    assert untouched["responseCode"] == "000"  # "match" left it alone
    response = await client.post(NVP, data=sale())
    assert response.status_code == 500 and b"<soap:Fault>" in response.content
    assert len(await ledger(client)) == 1


async def test_drop_after_charge(client: httpx.AsyncClient) -> None:
    await inject(client, mode="drop_after_charge")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        await client.post(NVP, data=sale(additionalInfo1="DROP-1"))
    (entry,) = await ledger(client)
    assert entry["additional_info"]["additionalInfo1"] == "DROP-1"
    assert entry["status"] == "approved"
    # As on the real gateway, nothing deduplicates: sending it again charges again, which is
    # why the client never re-sends a request whose reply was lost.
    retry = await nvp(client, sale(additionalInfo1="DROP-1"))
    assert retry["transactionID"] != entry["transaction_id"]
    assert len(await ledger(client)) == 2


async def test_delay_after_charge_charges_before_answering(client: httpx.AsyncClient) -> None:
    # The answer waits 3 s after the charge: the ledger's polls (each a request, slow on a
    # loaded machine) must see the charge before it, so 0.5 s lost that race now and then.
    await inject(client, mode="delay_after_charge", delay=3)
    pending = asyncio.create_task(client.post(NVP, data=sale(additionalInfo1="DAC-1")))
    while not await ledger(client):  # a charge that never comes: pytest's timeout
        await asyncio.sleep(0.02)
    assert not pending.done()  # charged, still no answer
    response = await pending
    assert response.status_code == 200 and "responseCode=000" in response.text


async def test_header_fault_for_one_request(client: httpx.AsyncClient) -> None:
    started = time.monotonic()
    response = await client.post(NVP, data=sale(), headers={"X-Sandbox-Fault": "delay;delay=0.2"})
    assert time.monotonic() - started >= 0.2 and "responseCode=000" in response.text
    dropped = client.post(REST, json=rest_sale(),
                          headers={"X-Sandbox-Fault": "drop_after_charge"})
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        await dropped
    bad = await client.post(NVP, data=sale(), headers={"X-Sandbox-Fault": "explode"})
    assert "errorCode=400" in bad.text and "X-Sandbox-Fault" in bad.text
    assert len(await ledger(client)) == 2


async def test_count_zero_lasts_until_cleared(client: httpx.AsyncClient) -> None:
    await inject(client, mode="http_500", count=0)
    for _ in range(3):
        assert (await client.post(NVP, data=sale())).status_code == 500
    listed = (await client.get("/sandbox/faults")).json()
    assert listed[0]["mode"] == "http_500" and listed[0]["used"] == 3
    await client.delete("/sandbox/faults")
    assert (await client.post(NVP, data=sale())).status_code == 200


@pytest.mark.parametrize("spec", [{"mode": "explode"}, {"mode": "delay", "delay": -1},
                                  {"mode": "delay", "count": -1}, {"mode": "delay", "match": []},
                                  {"mode": "delay", "delay": "soon"}, []])
async def test_bad_fault_specs_are_400(client: httpx.AsyncClient, spec: object) -> None:
    response = await client.post("/sandbox/faults", json=spec)
    assert response.status_code == 400 and response.json()["error"]
