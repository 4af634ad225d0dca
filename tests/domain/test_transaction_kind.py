"""Which transaction a checkout takes for a tender, and which kinds hold the terminal."""

from __future__ import annotations

import pytest

from desktop_app.domain import (
    BankAccount,
    CardData,
    SavedCard,
    Tender,
    TenderKind,
    TransactionKind,
    kind_for_tender,
)

VISA = CardData("4111111111111111", 12, 2030)
BANK = BankAccount("011000015", "123456789")


@pytest.mark.parametrize(("tender", "kind"), [
    (Tender(TenderKind.CHIP, card=VISA), TransactionKind.SALE),
    (Tender(TenderKind.CONTACTLESS, card=VISA), TransactionKind.SALE),
    (Tender(TenderKind.SWIPE, card=VISA), TransactionKind.SALE),
    (Tender.keyed(VISA), TransactionKind.SALE),
    (Tender(TenderKind.SAVED_CARD, saved_card=SavedCard("tok", "VISA", "1111")),
     TransactionKind.CHARGE_SAVED_CARD),
    (Tender(TenderKind.CHECK_PRESENT, bank_account=BANK), TransactionKind.ECHECK_SALE),
    (Tender(TenderKind.CHECK_NOT_PRESENT, bank_account=BANK), TransactionKind.ECHECK_SALE),
    (Tender(TenderKind.HOSTED_SSO), TransactionKind.SSO_TOKEN),
])
def test_each_tender_has_its_transaction_kind(tender: Tender, kind: TransactionKind) -> None:
    assert kind_for_tender(tender) is kind


def test_money_movers_and_token_requests_hold_the_terminal() -> None:
    holders = {k for k in TransactionKind if k.holds_terminal}
    assert holders == {k for k in TransactionKind if k.moves_money} | {
        TransactionKind.SSO_TOKEN}
    assert not TransactionKind.SAVE_ON_FILE.holds_terminal
    assert not TransactionKind.VIEW_RECEIPT.holds_terminal
