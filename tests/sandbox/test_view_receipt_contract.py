"""ViewReceipt answers only by what the public contract names (P-poll: singleSignOnToken).
No public source has a receipt by a client's own reference or by a transaction ID, so the
sandbox refuses those: the app cannot come to rely on a look-up the real gateway lacks."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import IDS, nvp, sale, with_ids

REFERENCE = "FDP-RECEIPT-1"


@pytest.mark.parametrize("naming", [
    {"additionalInfo1": REFERENCE},           # our reference, in its echoed slot
    {"additionalInfo6": REFERENCE},
    {"invoiceNumber": REFERENCE},
])
async def test_a_receipt_by_our_reference_is_refused(client: httpx.AsyncClient,
                                                     naming: dict[str, str]) -> None:
    await nvp(client, sale(additionalInfo1=REFERENCE, additionalInfo6=REFERENCE))
    reply = await nvp(client, with_ids(transactionAction="ViewReceipt", requestToken="false",
                                       **naming))
    assert reply.get("errorCode") == "400", reply
    assert "transactionStatus" not in reply and "transactionID" not in reply


async def test_a_receipt_by_transaction_id_is_refused(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, sale())
    for name in ("transactionID", "primaryTransactionID"):
        reply = await nvp(client, with_ids(transactionAction="ViewReceipt",
                                           requestToken="false",
                                           **{name: paid["transactionID"]}))
        assert reply.get("errorCode") == "400", (name, reply)
        assert "transactionStatus" not in reply


async def test_the_token_still_finds_its_receipt(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, sale(singleSignOnToken="TOKEN-R", additionalInfo1=REFERENCE))
    receipt = await nvp(client, {"transactionAction": "ViewReceipt",
                                 "merchantID": IDS["merchantID"], "storeID": IDS["storeID"],
                                 "terminalID": IDS["terminalID"], "requestToken": "false",
                                 "singleSignOnToken": "TOKEN-R"})
    assert receipt == paid
