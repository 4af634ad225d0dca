"""The seam: requests in our keys spelled as the portal's tables spell them, replies matched
case-insensitively, and the outcome decided from transactionStatus alone."""

from __future__ import annotations

import pytest

from desktop_app.domain import (
    CardData,
    Money,
    OutcomeStatus,
    PaymentRequest,
    SavedCard,
    Tender,
    TenderKind,
    TransactionKind,
)
from desktop_app.domain.check import BankAccount
from desktop_app.gateway import GatewayAuthError, OutcomeUnknown
from desktop_app.gateway.config import GatewayConfig
from desktop_app.gateway.errors import GatewayValidationError, UnconfirmedOperation
from desktop_app.gateway.nvp import NvpCodec
from desktop_app.gateway.protocol import protocol
from desktop_app.gateway.verdict import raise_for_error_fields
from desktop_app.gateway.wire import WireReply, decode, encode, reply_of

K = TransactionKind
CARD = CardData("4111111111111111", 12, 2030, cvv="123")
TRACK2 = ";4111111111111111=30121010000000000000?"
IDS = {"merchantID": "6011000551245", "storeID": "001", "terminalID": "002"}


def sale(amount: str = "12.34", tender: Tender | None = None) -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money.parse(amount), tender=tender or Tender.keyed(CARD))


def nvp_form(request: PaymentRequest, config: GatewayConfig | None = None) -> dict[str, str]:
    config = config or GatewayConfig()
    codec = NvpCodec.__new__(NvpCodec)  # the spelling only: no transport needed
    codec.request_names = protocol().request_names(config.reference_slot)
    return codec.form(encode(request, config))


def test_keyed_sale_is_spelled_as_the_portal_and_hhk_spell_it() -> None:
    req = sale()
    assert nvp_form(req) == {
        "transactionType": "CreditCard", "transactionAction": "AuthCapt", "amount": "12.34",
        "cardNumber": "4111111111111111", "cardExpDate": "12-30",
        "cardVerificationNumber": "123", "cardPresentStatus": "PresentManualKey", **IDS,
        "additionalInfo1": req.reference}


def test_our_reference_goes_in_the_slot_the_setting_names() -> None:
    req = sale()
    form = nvp_form(req, GatewayConfig(reference_slot="additionalInfo5"))
    assert form["additionalInfo5"] == req.reference and "additionalInfo1" not in form


@pytest.mark.parametrize(("tender", "status"), [
    (Tender(TenderKind.CHIP, card=CARD), "PresentEMV"),
    (Tender(TenderKind.CONTACTLESS, card=CARD), "MSDContactless"),
    (Tender(TenderKind.SWIPE, card=CardData(CARD.pan, 12, 2030, track2=TRACK2)),
     "PresentSwipeSign"),
    (Tender(TenderKind.KEYED, card=CARD), "PresentManualKey"),
    (Tender(TenderKind.PHONE, card=CARD), "NotPresentPhone"),
])
def test_card_present_status_comes_from_the_tender(tender: Tender, status: str) -> None:
    assert nvp_form(sale(tender=tender))["cardPresentStatus"] == status


def test_swiped_card_sends_track_data_not_the_number() -> None:
    form = nvp_form(sale(tender=Tender(TenderKind.SWIPE, card=CardData(
        CARD.pan, 12, 2030, track2=TRACK2))))
    assert form["Track2Data"] == TRACK2
    assert "cardNumber" not in form and "cardExpDate" not in form


def test_void_and_simple_refund_name_the_primary_transaction() -> None:
    void = nvp_form(PaymentRequest(K.VOID, transaction_id="T9",
                                   original_tender=TenderKind.CHIP))
    assert {k: void[k] for k in ("transactionAction", "primaryTransactionID",
                                 "primaryCardPresentStatus")} == {
        "transactionAction": "Void", "primaryTransactionID": "T9",
        "primaryCardPresentStatus": "PresentEMV"}
    refund = nvp_form(PaymentRequest(K.SIMPLE_REFUND, amount=Money(500), transaction_id="T9"))
    assert (refund["transactionAction"], refund["amount"], refund["primaryCardPresentStatus"]
            ) == ("SimpleRefund", "5.00", "PresentManualKey")  # the samples' value
    assert "transactionID" not in refund


def test_saved_card_charge_and_view_receipt() -> None:
    card = SavedCard("abc123", "VISA", "1111")
    charge = nvp_form(PaymentRequest(K.CHARGE_SAVED_CARD, amount=Money(700),
                                     tender=Tender(TenderKind.SAVED_CARD, saved_card=card)))
    assert (charge["transactionAction"], charge["paymentMethodID"],
            charge["cardPresentStatus"]) == ("AuthCapt", "abc123", "NotPresentPhone")
    receipt = nvp_form(PaymentRequest(K.VIEW_RECEIPT, sso_token="TOK"))
    assert receipt == {"transactionAction": "ViewReceipt", "requestToken": "false",
                       "singleSignOnToken": "TOK", **IDS}


@pytest.mark.parametrize("kind", [K.AUTHORIZATION, K.REFUND, K.ECHECK_SALE])
def test_unconfirmed_kinds_are_refused_unless_allowed(kind: TransactionKind) -> None:
    tender = (Tender(TenderKind.CHECK_PRESENT, bank_account=BankAccount("021000021", "123456789"))
              if kind is K.ECHECK_SALE else Tender.keyed(CARD))
    request = PaymentRequest(kind, amount=Money(100), tender=tender)
    with pytest.raises(UnconfirmedOperation):
        encode(request, GatewayConfig())
    assert encode(request, GatewayConfig(unconfirmed_operations=True)).kind == kind.value
    assert protocol().raw["kinds"][kind.value]["confirmed"] is False


def reply(**values: str) -> WireReply:
    return WireReply({"transaction_id": "t1", **values})


@pytest.mark.parametrize(("values", "kind", "status"), [
    ({"transaction_status": "C", "response_code": "000"}, K.SALE, OutcomeStatus.APPROVED),
    ({"transaction_status": "A", "response_code": "000"}, K.SALE, OutcomeStatus.APPROVED),
    ({"transaction_status": "C"}, K.SALE, OutcomeStatus.APPROVED),
    ({"transaction_status": "D", "response_code": "051"}, K.SALE, OutcomeStatus.DECLINED),
    ({"transaction_status": "D", "response_code": "096"}, K.SALE, OutcomeStatus.ERROR),
    ({"transaction_status": "C", "primary_transaction_status": "V"}, K.VOID,
     OutcomeStatus.APPROVED),
    ({"transaction_status": "V"}, K.VOID, OutcomeStatus.APPROVED),
    ({"transaction_status": "O", "saved_card_id": "abc"}, K.SAVE_ON_FILE,
     OutcomeStatus.APPROVED),
    ({"transaction_status": "CB"}, K.VIEW_RECEIPT, OutcomeStatus.APPROVED),
])
def test_outcome_comes_from_transaction_status(values: dict[str, str], kind: TransactionKind,
                                               status: OutcomeStatus) -> None:
    request = {K.SALE: sale(), K.VOID: PaymentRequest(K.VOID, transaction_id="T1"),
               K.SAVE_ON_FILE: PaymentRequest(K.SAVE_ON_FILE, tender=Tender.keyed(CARD)),
               K.VIEW_RECEIPT: PaymentRequest(K.VIEW_RECEIPT, sso_token="TOK")}[kind]
    assert decode(reply(**values), request).status is status


@pytest.mark.parametrize("values", [
    {"transaction_status": "RI"}, {"transaction_status": "S"}, {"transaction_status": "SE"},
    {"transaction_status": "X"}, {"transaction_status": "P"}, {"transaction_status": "c"},
    {"transaction_status": "CB"}, {"transaction_status": "O"}, {"transaction_status": "V"},
    {"transaction_status": "C", "response_code": "051"},
    {"transaction_status": "D", "response_code": "000"},
    {"transaction_status": "D", "auth_code": "A1"},
    {"response_code": "000"},
])
def test_unlisted_or_contradictory_statuses_are_unknown(values: dict[str, str]) -> None:
    with pytest.raises(OutcomeUnknown):
        decode(reply(**values), sale())


def test_void_whose_original_is_not_voided_is_unknown() -> None:
    with pytest.raises(OutcomeUnknown):
        decode(reply(transaction_status="C", primary_transaction_status="C"),
               PaymentRequest(K.VOID, transaction_id="T1"))


@pytest.mark.parametrize("letter", ["D", "C"])
def test_partial_approval_is_010_with_its_amount(letter: str) -> None:
    """The portal's polling sample answers a partial approval transactionStatus=D with
    responseCode 010 "Partially Approved $1.00"; modobio reads it as C with a partial flag.
    Both are read as the partial approval, with partialApprovalAmount as what was taken."""
    out = decode(reply(transaction_status=letter, response_code="010", amount="50.00",
                       partial_approval_amount="25.00", auth_code="A1"), sale("50.00"))
    assert out.status is OutcomeStatus.PARTIALLY_APPROVED
    assert (out.approved, out.balance_due) == (Money(2500), Money(2500))


def test_partial_code_without_its_amount_is_unknown() -> None:
    with pytest.raises(OutcomeUnknown):
        decode(reply(transaction_status="D", response_code="010"), sale("50.00"))


def test_reply_names_are_matched_in_any_letter_case_and_unknown_ones_kept() -> None:
    names = protocol().response_names()
    got = reply_of([("TransactionStatus", "C"), ("RESPONSECODE", "000"),
                    ("transactionid", "t1"), ("isEMVTransaction", "false"),
                    ("SomethingNew", "x")], names)
    assert got.values == {"transaction_status": "C", "response_code": "000",
                          "transaction_id": "t1", "is_emv": "false"}
    assert got.extra == {"SomethingNew": "x"}
    out = decode(got, sale())
    assert out.status is OutcomeStatus.APPROVED and out.extra == {"SomethingNew": "x"}
    assert out.receipt["is_emv"] == "false"


def test_reply_without_status_is_unknown_never_declined() -> None:
    with pytest.raises(OutcomeUnknown):
        decode(reply(), sale())


@pytest.mark.parametrize("code,cls", [("400", GatewayValidationError),
                                      ("401", GatewayAuthError), ("500", OutcomeUnknown)])
def test_error_fields_become_typed_errors_with_reference_number(code: str, cls: type) -> None:
    with pytest.raises(cls) as info:
        raise_for_error_fields({"error_code": code, "error_message":
                                "An unexpected error occurred with Reference Number 02198MGNBZ"})
    assert info.value.reference_number == "02198MGNBZ"


def test_every_name_we_send_or_read_cites_a_source() -> None:
    raw = protocol().raw
    for side in ("request", "response"):
        notes = raw[f"{side}_field_notes"]
        assert set(notes) == set(raw[f"{side}_fields"])
        assert all(note["source"] for note in notes.values())
    assert all(entry["source"] for entry in raw["kinds"].values())
    assert all(entry["source"] for entry in raw["transaction_statuses"].values())
