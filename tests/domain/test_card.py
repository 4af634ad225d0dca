import pytest

from desktop_app.domain import (
    BankAccount,
    CardData,
    Money,
    PaymentRequest,
    Tender,
    TransactionKind,
    ValidationError,
    mask_pan,
)
from desktop_app.domain.outcome import Outcome, OutcomeStatus

PAN = "4111111111111111"


def test_card_never_shows_its_number() -> None:
    card = CardData(pan=PAN, exp_month=12, exp_year=30, cvv="123",
                    track2=f";{PAN}=30121010000000000000?")
    for text in (repr(card), str(card), repr(Tender.keyed(card)), f"{card!r}"):
        assert PAN not in text
        assert "123" not in text.replace("411111", "")
    assert card.masked == "411111******1111"
    assert card.exp_year == 2030


def test_mask_keeps_first_six_and_last_four_at_most() -> None:
    assert mask_pan("378282246310005") == "378282*****0005"
    assert mask_pan("1234") == "****"


def test_bad_check_digit_is_a_validation_error_without_the_number() -> None:
    with pytest.raises(ValidationError) as info:
        CardData(pan="4111111111111112", exp_month=1, exp_year=2030)
    assert "4111111111111112" not in str(info.value)


def test_keyed_line_parses_pan_expiry_and_cvv() -> None:
    card = CardData.from_keyed_line(f"{PAN} 12/30 123")
    assert (card.last_four, card.exp_month, card.exp_year, card.cvv) == ("1111", 12, 2030, "123")


def test_routing_number_check_digit() -> None:
    BankAccount(routing_number="021000021", account_number="123456789")
    with pytest.raises(ValidationError):
        BankAccount(routing_number="021000022", account_number="123456789")


def test_request_validation_names_what_is_missing() -> None:
    with pytest.raises(ValidationError, match="amount"):
        PaymentRequest(TransactionKind.SALE, tender=Tender.keyed(CardData(PAN, 12, 2030)))
    with pytest.raises(ValidationError, match="transaction ID"):
        PaymentRequest(TransactionKind.VOID)
    a = PaymentRequest(TransactionKind.VOID, transaction_id="x")
    b = PaymentRequest(TransactionKind.VOID, transaction_id="x")
    assert a.reference != b.reference


def test_partial_approval_balance_due() -> None:
    outcome = Outcome(OutcomeStatus.PARTIALLY_APPROVED, requested=Money(5000), approved=Money(2500))
    assert outcome.balance_due == Money(2500)
    assert "balance due $25.00" in outcome.summary()


def test_unknown_is_never_presented_as_declined() -> None:
    assert "declined" not in Outcome(OutcomeStatus.UNKNOWN).summary().lower()


@pytest.mark.parametrize(("text", "card"), [
    ("%B4111111111111111^DOE/JANE^3012101?", True),
    (";4111111111111111=30121010000?", True),
    ("4111111111111111=3012", True),
    ("MRN-0001", False),
    ("ACCT 123456789012", False),
    ("serial:COM3", False),
    ("4111111111111111", False),  # a bare number could be an account: the form allows it
])
def test_track_shaped_text_is_recognised(text: str, card: bool) -> None:
    from desktop_app.domain import looks_like_track_data

    assert looks_like_track_data(text) is card
