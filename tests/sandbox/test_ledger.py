"""The ledger view that tests and trainers read, and what the sandbox does NOT do: no
deduplication by any client reference (the public contract names no such key)."""

from __future__ import annotations

import httpx

from desktop_app.sandbox import SandboxServer
from tests.sandbox.conftest import NVP, VISA, ledger, nvp, sale


async def test_the_same_request_twice_is_two_transactions(
        client: httpx.AsyncClient, server: SandboxServer) -> None:
    fields = sale(additionalInfo1="IDEM-1")
    first = await client.post(NVP, data=fields)
    again = await client.post(NVP, data=fields)
    assert first.content != again.content
    entries = [e for e in await ledger(client)
               if e["additional_info"].get("additionalInfo1") == "IDEM-1"]
    assert len(entries) == 2 and len(server.ledger) == 2


async def test_refusals_book_nothing(client: httpx.AsyncClient) -> None:
    assert (await nvp(client, sale(additionalInfo1="R-4", amount="x")))["errorCode"] == "400"
    assert (await nvp(client, sale(requestReference="R-4")))["errorCode"] == "400"
    assert (await nvp(client, sale(additionalInfo1="R-4")))["responseCode"] == "000"
    declined = await nvp(client, sale(additionalInfo1="R-5", cardNumber="4000000000000002"))
    assert declined["responseCode"] == "001"
    assert [e["additional_info"]["additionalInfo1"] for e in await ledger(client)] == [
        "R-4", "R-5"]


async def test_ledger_shows_amounts_as_strings_and_no_card_numbers(
        client: httpx.AsyncClient) -> None:
    await nvp(client, sale(additionalInfo1="L-1", additionalInfo6="DESK-1", amount="50.10",
                           patientID="P-1"))
    response = await client.get("/sandbox/ledger")
    assert VISA not in response.text
    (entry,) = response.json()
    assert entry["additional_info"] == {"additionalInfo1": "L-1", "additionalInfo6": "DESK-1"}
    assert entry["kind"] == "sale"
    assert entry["action"] == "AuthCapt" and entry["status"] == "partially_approved"
    assert (entry["amount_requested"], entry["amount_approved"]) == ("50.10", "25.05")
    assert (entry["last_four"], entry["card_brand"], entry["patient_id"]) == ("1111", "VISA",
                                                                              "P-1")
    assert entry["voided_amount"] == entry["refunded_amount"] == "0.00"
    assert len(entry["transaction_id"]) == 32 and entry["timestamp"]


async def test_delete_clears_the_ledger(client: httpx.AsyncClient) -> None:
    await nvp(client, sale(additionalInfo1="L-2"))
    cleared = await client.delete("/sandbox/ledger")
    assert cleared.json() == {"cleared": 1}
    assert await ledger(client) == []
