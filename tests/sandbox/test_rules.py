"""Every test card and test amount gives its documented response code."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from desktop_app.domain import Money
from desktop_app.sandbox.rules import APPROVED, PARTIAL, Decision, amount_decision
from desktop_app.sandbox.table import table
from tests.sandbox.conftest import nvp, sale

APPROVING = ["4111111111111111", "5555555555554444", "378282246310005", "6011000990139424",
             "4012888888881881"]
BRANDS = ["VISA", "MASTERCARD", "AMEX", "DISCOVER", "VISA"]


@pytest.mark.parametrize(("card", "brand"), list(zip(APPROVING, BRANDS, strict=True)))
async def test_approving_cards(client: httpx.AsyncClient, card: str, brand: str) -> None:
    reply = await nvp(client, sale(cardNumber=card))
    assert (reply["responseCode"], reply["cardBrand"]) == ("000", brand)
    assert reply["lastFourDigits"] == card[-4:] and reply["amount"] == "12.34"
    assert reply["transactionStatus"] == "C" and "partialApprovalAmount" not in reply


@pytest.mark.parametrize(("changes", "code"), [
    ({"cardNumber": "4000000000000002"}, "001"),
    ({"cardNumber": "4000000000009995"}, "051"),
    ({"cardNumber": "4111111111111112"}, "014"),
    ({"cardExpDate": "01-20"}, "054"),
    ({"cardVerificationNumber": "999"}, "082"),
    ({"amount": "20.51"}, "005"),
    ({"amount": "0.96"}, "096"),
    ({"amount": "12.96"}, "096"),
])
async def test_declining_cards_and_amounts(client: httpx.AsyncClient, changes: dict[str, str],
                                           code: str) -> None:
    reply = await nvp(client, sale(**changes))
    assert reply["responseCode"] == code
    assert reply["responseMessage"] == table().message(code)
    assert reply["transactionStatus"] == "D" and "partialApprovalAmount" not in reply
    assert "authorizationNumber" not in reply


async def test_rules_apply_in_documented_order(client: httpx.AsyncClient) -> None:
    # An invalid number beats an expired date, which beats a test decline and the amount.
    assert (await nvp(client, sale(cardNumber="4111111111111112", cardExpDate="12-20",
                                   amount="1.05")))["responseCode"] == "014"
    assert (await nvp(client, sale(cardNumber="4000000000000002", cardExpDate="12-20"))
            )["responseCode"] == "054"


async def test_current_month_is_not_expired(client: httpx.AsyncClient) -> None:
    now = datetime.now(UTC)
    reply = await nvp(client, sale(cardExpDate=f"{now.month:02d}-{now.year % 100:02d}"))
    assert reply["responseCode"] == "000"


@pytest.mark.parametrize(("amount", "approved"), [("50.10", "25.05"), ("0.10", "0.05"),
                                                  ("1.10", "0.55"), ("3.10", "1.55")])
async def test_cents_10_is_half_approved(client: httpx.AsyncClient, amount: str,
                                         approved: str) -> None:
    reply = await nvp(client, sale(amount=amount))
    assert reply["responseCode"] == "010"
    assert (reply["amount"], reply["partialApprovalAmount"]) == (amount, approved)
    assert reply["responseMessage"] == f"Partially Approved ${approved}"
    # as the portal's polling sample: transactionStatus D with 010 "Partially Approved"
    assert reply["transactionStatus"] == "D" and reply["authorizationNumber"]


@pytest.mark.parametrize("dollars", range(0, 120))
def test_the_balance_of_a_partial_approval_is_approved_in_full(dollars: int) -> None:
    """No amount rule catches the balance a partial approval leaves (it used to: 50.10 left
    25.05, which hit the .05 "do not honor" rule, so every such balance declined)."""
    amount = Money(dollars * 100 + 10)
    first = amount_decision(amount)
    assert first.code == PARTIAL and 0 < first.approved.cents < amount.cents
    balance = Money(amount.cents - first.approved.cents)
    assert amount_decision(balance) == Decision(APPROVED, balance)


async def test_refund_with_card_is_never_partial(client: httpx.AsyncClient) -> None:
    reply = await nvp(client, sale(transactionAction="Credit", amount="50.10"))
    assert (reply["responseCode"], reply["amount"]) == ("000", "50.10")
    assert "partialApprovalAmount" not in reply
