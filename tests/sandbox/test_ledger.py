"""Idempotency by requestReference, and the ledger view that tests and trainers read."""

from __future__ import annotations

import httpx

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import NVP, VISA, ledger, nvp, sale


async def test_same_reference_same_values_replays_original_bytes(
        client: httpx.AsyncClient, server: SandboxServer) -> None:
    fields = sale(requestReference="IDEM-1")
    first = await client.post(NVP, data=fields)
    again = await client.post(NVP, data=fields)
    assert first.content == again.content
    entries = [e for e in await ledger(client) if e["reference"] == "IDEM-1"]
    assert len(entries) == 1 and len(server.ledger) == 1


async def test_same_reference_other_values_is_409(client: httpx.AsyncClient) -> None:
    await nvp(client, sale(requestReference="IDEM-2"))
    reply = await nvp(client, sale(requestReference="IDEM-2", amount="99.99"))
    assert reply["errorCode"] == "409"
    assert reply["errorMessage"].startswith(
        "requestReference IDEM-2 was already used for a different request")
    assert len(await ledger(client)) == 1


async def test_declines_are_replayed_too_and_errors_are_not_remembered(
        client: httpx.AsyncClient) -> None:
    declined = sale(requestReference="IDEM-3", cardNumber="4000000000000002")
    assert (await nvp(client, declined))["responseCode"] == "001"
    assert (await nvp(client, declined))["responseCode"] == "001"
    # A refused request did nothing, so its reference stays free for the corrected one.
    assert (await nvp(client, sale(requestReference="IDEM-4", amount="x")))["errorCode"] == "400"
    assert (await nvp(client, sale(requestReference="IDEM-4")))["responseCode"] == "000"
    assert [e["reference"] for e in await ledger(client)] == ["IDEM-3", "IDEM-4"]


async def test_without_reference_nothing_is_deduplicated(client: httpx.AsyncClient) -> None:
    one, two = await nvp(client, sale()), await nvp(client, sale())
    assert one["transactionID"] != two["transactionID"]
    assert len(await ledger(client)) == 2


async def test_ledger_shows_amounts_as_strings_and_no_card_numbers(
        client: httpx.AsyncClient) -> None:
    await nvp(client, sale(requestReference="L-1", amount="50.10", patientID="P-1"))
    response = await client.get("/sandbox/ledger")
    assert VISA not in response.text
    (entry,) = response.json()
    assert entry["reference"] == "L-1" and entry["kind"] == "sale"
    assert entry["action"] == "Sale" and entry["status"] == "partially_approved"
    assert (entry["amount_requested"], entry["amount_approved"]) == ("50.10", "25.05")
    assert (entry["last_four"], entry["card_brand"], entry["patient_id"]) == ("1111", "VISA",
                                                                              "P-1")
    assert entry["voided_amount"] == entry["refunded_amount"] == "0.00"
    assert len(entry["transaction_id"]) == 32 and entry["timestamp"]


async def test_delete_clears_ledger_and_reference_memory(client: httpx.AsyncClient) -> None:
    await nvp(client, sale(requestReference="L-2"))
    cleared = await client.delete("/sandbox/ledger")
    assert cleared.json() == {"cleared": 1}
    assert await ledger(client) == []
    assert (await nvp(client, sale(requestReference="L-2", amount="1.00")))["responseCode"] == "000"
