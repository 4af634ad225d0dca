"""Authorization/capture, refunds, voids, saved cards, eChecks and ViewReceipt."""

from __future__ import annotations

import httpx

from tests.sandbox.conftest import ledger, nvp, sale, with_ids


def on(txn: str, action: str, **fields: str) -> dict[str, str]:
    return with_ids(**{"transactionType": "CreditCard", "transactionAction": action,
                       "transactionID": txn, **fields})


async def error(client: httpx.AsyncClient, fields: dict[str, str], code: str = "400") -> str:
    reply = await nvp(client, fields)
    assert reply.get("errorCode") == code, reply
    return reply["errorMessage"]


async def test_authorization_then_capture(client: httpx.AsyncClient) -> None:
    auth = await nvp(client, sale(transactionAction="Authorization", amount="30.00"))
    assert (auth["responseCode"], auth["transactionStatus"]) == ("000", "A")
    assert "more than the 30.00 authorized" in await error(
        client, on(auth["transactionID"], "Capture", amount="30.01"))
    cap = await nvp(client, on(auth["transactionID"], "Capture", amount="25.00"))
    assert (cap["responseCode"], cap["transactionStatus"], cap["approvedAmount"]) == (
        "000", "C", "25.00")
    assert cap["primaryTransactionID"] == auth["transactionID"] and cap["lastFourDigits"] == "1111"
    assert "already captured" in await error(client, on(auth["transactionID"], "Capture"))
    entries = {e["transaction_id"]: e for e in await ledger(client)}
    assert entries[auth["transactionID"]]["status"] == "captured"
    assert entries[auth["transactionID"]]["captured_amount"] == "25.00"


async def test_capture_needs_an_authorization_and_a_known_id(client: httpx.AsyncClient) -> None:
    done = await nvp(client, sale())
    assert "is not an authorization" in await error(client, on(done["transactionID"], "Capture"))
    message = await error(client, on("f" * 32, "Capture"), code="404")
    assert message.startswith("No transaction found for transactionID ffff")
    assert "transactionID is required" in await error(client, on("", "Capture"))


async def test_simple_refunds_up_to_what_was_taken(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, sale(amount="10.00"))
    txn = paid["transactionID"]
    first = await nvp(client, on(txn, "SimpleRefund", amount="4.00"))
    assert (first["responseCode"], first["approvedAmount"]) == ("000", "4.00")
    message = await error(client, on(txn, "SimpleRefund", amount="6.01"))
    assert message.startswith("Refund of 6.01 is more than the 6.00 left to refund on "
                              f"transaction {txn} (charged 10.00, already refunded 4.00)")
    rest = await nvp(client, on(txn, "SimpleRefund"))  # no amount: what is left
    assert rest["approvedAmount"] == "6.00"
    assert "already fully refunded" in await error(client, on(txn, "SimpleRefund",
                                                              amount="0.01"))
    refunded = next(e for e in await ledger(client) if e["transaction_id"] == txn)
    assert refunded["refunded_amount"] == "10.00"


async def test_refund_of_partial_approval_is_limited_to_approved(
        client: httpx.AsyncClient) -> None:
    partial = await nvp(client, sale(amount="50.10"))
    assert "left to refund" in await error(client, on(partial["transactionID"], "SimpleRefund",
                                                      amount="25.06"))


async def test_void_once_only(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, sale())
    voided = await nvp(client, on(paid["transactionID"], "Void"))
    assert (voided["responseCode"], voided["transactionStatus"]) == ("000", "V")
    assert voided["primaryTransactionID"] == paid["transactionID"]
    assert "already voided" in await error(client, on(paid["transactionID"], "Void"))
    assert "already voided" in await error(client, on(paid["transactionID"], "SimpleRefund"))
    entry = next(e for e in await ledger(client) if e["transaction_id"] == paid["transactionID"])
    assert (entry["status"], entry["voided_amount"]) == ("voided", "12.34")


async def test_void_rules(client: httpx.AsyncClient) -> None:
    declined = await nvp(client, sale(cardNumber="4000000000000002"))
    assert "was not approved" in await error(client, on(declined["transactionID"], "Void"))
    paid = await nvp(client, sale(amount="10.00"))
    refund = await nvp(client, on(paid["transactionID"], "SimpleRefund", amount="3.00"))
    assert "void those refunds first" in await error(client, on(paid["transactionID"], "Void"))
    await nvp(client, on(refund["transactionID"], "Void"))  # gives the 3.00 back
    assert (await nvp(client, on(paid["transactionID"], "Void")))["responseCode"] == "000"


async def test_save_on_file_then_charge_saved_card(client: httpx.AsyncClient) -> None:
    saved = await nvp(client, sale(transactionAction="SaveOnFile", amount=""))
    token = saved["cardOnFileToken"]
    assert saved["responseCode"] == "000" and token and "amount" not in saved
    charged = await nvp(client, with_ids(transactionType="CreditCard", transactionAction="Sale",
                                         amount="7.00", cardOnFileToken=token))
    assert (charged["responseCode"], charged["lastFourDigits"], charged["approvedAmount"]) == (
        "000", "1111", "7.00")
    partial = await nvp(client, with_ids(transactionType="CreditCard", transactionAction="Sale",
                                         amount="7.10", cardOnFileToken=token))
    assert partial["responseCode"] == "010"
    assert "not a card saved" in await error(client, with_ids(
        transactionType="CreditCard", transactionAction="Sale", amount="1.00",
        cardOnFileToken="nope"))
    refused = await nvp(client, sale(transactionAction="SaveOnFile", amount="",
                                     cardNumber="4000000000000002"))
    assert refused["responseCode"] == "001" and "cardOnFileToken" not in refused


def check(**changes: str) -> dict[str, str]:
    fields = with_ids(transactionType="ECheck", transactionAction="Sale", amount="40.00",
                      routingNumber="021000021", accountNumber="123456789",
                      checkNumber="1001", patientPresent="true")
    fields.update(changes)
    return {k: v for k, v in fields.items() if v}


async def test_echeck_sale(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, check())
    assert (paid["responseCode"], paid["transactionStatus"], paid["lastFourDigits"]) == (
        "000", "P", "6789")
    assert paid["patientPresent"] == "true"
    keyed = await nvp(client, check(patientPresent="false", checkNumber=""))
    assert keyed["responseCode"] == "000"
    assert (await nvp(client, check(accountNumber="9990001")))["responseCode"] == "R01"
    assert "routingNumber is not a valid ABA routing number" in await error(
        client, check(routingNumber="021000022"))
    assert "accountNumber must be 4 to 17 digits" in await error(client, check(accountNumber="1"))
    assert "patientPresent must be true or false" in await error(
        client, check(patientPresent="maybe"))
    assert "routingNumber is required" in await error(client, check(routingNumber=""))
    voided = await nvp(client, on(paid["transactionID"], "Void", transactionType="ECheck"))
    assert voided["responseCode"] == "000"


async def test_view_receipt_by_reference_and_id(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, sale(requestReference="VR-1", amount="50.10"))
    by_ref = await nvp(client, with_ids(transactionAction="ViewReceipt",
                                        requestReference="VR-1"))
    by_id = await nvp(client, with_ids(transactionAction="ViewReceipt", requestReference="X",
                                       transactionID=paid["transactionID"]))
    assert by_ref == by_id == paid
    missing = await nvp(client, with_ids(transactionAction="ViewReceipt",
                                         requestReference="NEVER-SENT"))
    assert missing["errorCode"] == "404"
    assert missing["errorMessage"].startswith("No transaction found for requestReference "
                                              "NEVER-SENT")
    assert "is required" in await error(client, with_ids(transactionAction="ViewReceipt"))
