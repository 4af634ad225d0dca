"""Authorization/capture, refunds, voids, saved cards, eChecks and ViewReceipt.

Void and SimpleRefund are spelled as the portal's samples (P-void, P-refund); authorization,
capture, unlinked refund and eCheck use gateway.json's unconfirmed placeholders.
"""

from __future__ import annotations

import httpx

from tests.sandbox.conftest import IDS, ledger, nvp, sale, with_ids


def on(txn: str, action: str, **fields: str) -> dict[str, str]:
    values = {"transactionType": "CreditCard", "transactionAction": action,
              "primaryTransactionID": txn, **fields}
    if action in ("Void", "SimpleRefund"):
        values.setdefault("primaryCardPresentStatus", "PresentManualKey")
    return with_ids(**{k: v for k, v in values.items() if v})


async def error(client: httpx.AsyncClient, fields: dict[str, str], code: str = "400") -> str:
    reply = await nvp(client, fields)
    assert reply.get("errorCode") == code, reply
    return reply["errorMessage"]


async def test_authorization_then_capture(client: httpx.AsyncClient) -> None:
    auth = await nvp(client, sale(transactionAction="Auth", amount="30.00"))
    assert (auth["responseCode"], auth["transactionStatus"]) == ("000", "A")
    assert "more than the 30.00 authorized" in await error(
        client, on(auth["transactionID"], "Capture", amount="30.01"))
    cap = await nvp(client, on(auth["transactionID"], "Capture", amount="25.00"))
    assert (cap["responseCode"], cap["transactionStatus"], cap["amount"]) == (
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
    assert message.startswith("No transaction found for primaryTransactionID ffff")
    assert "primaryTransactionID is required" in await error(client, on("", "Capture"))


async def test_follow_ups_need_the_primary_card_present_status(client: httpx.AsyncClient
                                                              ) -> None:
    paid = await nvp(client, sale())
    for action in ("Void", "SimpleRefund"):
        message = await error(client, on(paid["transactionID"], action,
                                         primaryCardPresentStatus=""))
        assert message.startswith("primaryCardPresentStatus is required")


async def test_simple_refunds_up_to_what_was_taken(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, sale(amount="10.00"))
    txn = paid["transactionID"]
    first = await nvp(client, on(txn, "SimpleRefund", amount="4.00"))
    assert (first["responseCode"], first["transactionStatus"], first["amount"]) == (
        "000", "C", "4.00")
    message = await error(client, on(txn, "SimpleRefund", amount="6.01"))
    assert message.startswith("Refund of 6.01 is more than the 6.00 left to refund on "
                              f"transaction {txn} (charged 10.00, already refunded 4.00)")
    rest = await nvp(client, on(txn, "SimpleRefund"))  # no amount: what is left
    assert rest["amount"] == "6.00"
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
    # P-void: the void is C; the original's status comes back as primaryTransactionStatus V
    assert (voided["responseCode"], voided["transactionStatus"]) == ("000", "C")
    assert voided["primaryTransactionStatus"] == "V"
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


def on_file(card_id: str, amount: str) -> dict[str, str]:
    return with_ids(transactionType="CreditCard", transactionAction="AuthCapt", amount=amount,
                    paymentMethodID=card_id, cardPresentStatus="NotPresentPhone")


async def test_save_on_file_then_charge_saved_card(client: httpx.AsyncClient) -> None:
    saved = await nvp(client, sale(transactionAction="SaveOnFile", amount=""))
    card_id = saved["saveOnFileTransactionID"]
    assert (saved["responseCode"], saved["transactionStatus"]) == ("000", "O")
    assert card_id and "amount" not in saved
    charged = await nvp(client, on_file(card_id, "7.00"))
    assert (charged["responseCode"], charged["lastFourDigits"], charged["amount"]) == (
        "000", "1111", "7.00")
    partial = await nvp(client, on_file(card_id, "7.10"))
    assert (partial["responseCode"], partial["partialApprovalAmount"]) == ("010", "3.55")
    assert "not a card saved" in await error(client, on_file("nope", "1.00"))
    refused = await nvp(client, sale(transactionAction="SaveOnFile", amount="",
                                     cardNumber="4000000000000002"))
    assert refused["responseCode"] == "001" and "saveOnFileTransactionID" not in refused


def check(**changes: str) -> dict[str, str]:
    fields = with_ids(transactionType="ECheck", transactionAction="AuthCapt", amount="40.00",
                      routingNumber="021000021", accountNumber="123456789",
                      checkNumber="1001")
    fields.update(changes)
    return {k: v for k, v in fields.items() if v}


async def test_echeck_sale(client: httpx.AsyncClient) -> None:
    paid = await nvp(client, check())
    assert (paid["responseCode"], paid["transactionStatus"], paid["lastFourDigits"]) == (
        "000", "C", "6789")
    posting_file_case = await nvp(client, check(transactionType="eCheck", checkNumber=""))
    assert posting_file_case["responseCode"] == "000"
    assert (await nvp(client, check(accountNumber="9990001")))["responseCode"] == "R01"
    assert "routingNumber is not a valid ABA routing number" in await error(
        client, check(routingNumber="021000022"))
    assert "accountNumber must be 4 to 17 digits" in await error(client, check(accountNumber="1"))
    assert "routingNumber is required" in await error(client, check(routingNumber=""))
    voided = await nvp(client, on(paid["transactionID"], "Void"))
    assert voided["responseCode"] == "000"


async def test_view_receipt_by_sso_token(client: httpx.AsyncClient) -> None:
    """P-poll: ViewReceipt with requestToken=false and singleSignOnToken."""
    paid = await nvp(client, sale(singleSignOnToken="TOKEN-1", amount="50.10"))
    receipt = await nvp(client, {"transactionAction": "ViewReceipt", **{
        "merchantID": IDS["merchantID"], "storeID": IDS["storeID"],
        "terminalID": IDS["terminalID"]}, "requestToken": "false",
        "singleSignOnToken": "TOKEN-1", "allowPartialPayment": "false"})
    assert receipt == paid
    missing = await nvp(client, with_ids(transactionAction="ViewReceipt",
                                         singleSignOnToken="NEVER-ISSUED"))
    assert missing["errorCode"] == "404"
    assert missing["errorMessage"].startswith("No transaction found for singleSignOnToken "
                                              "NEVER-ISSUED")
    assert "is required" in await error(client, with_ids(transactionAction="ViewReceipt"))
