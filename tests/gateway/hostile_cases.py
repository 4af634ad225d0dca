"""The hostile replies the tests send, by name, and the sale they answer."""

from __future__ import annotations

from desktop_app.domain import CardData, Money, PaymentRequest, Tender
from desktop_app.domain import TransactionKind as K
from tests.gateway.hostile import Hostile, Pairs

VISA = CardData("4111111111111111", 12, 2030, cvv="123")


def sale(amount: str = "10.00") -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money.parse(amount), tender=Tender.keyed(VISA))


def approved(**changes: str) -> Pairs:
    fields = {"responseCode": "000", "responseMessage": "Approved", "transactionStatus": "C",
              "transactionID": "T1", "authorizationNumber": "A1B2C3", "amount": "10.00"}
    fields.update(changes)
    return list(fields.items())


AMBIGUOUS: dict[str, tuple[Pairs, int]] = {
    "duplicate code, other value": ([*approved(), ("responseCode", "001")], 200),
    "duplicate amount, other value": ([*approved(), ("amount", "1.00")], 200),
    "duplicate status in another letter case": ([*approved(), ("TransactionStatus", "D")], 200),
    "errorCode with an approval": ([("errorCode", "400"), ("errorMessage", "Bad"),
                                    *approved()], 200),
    "errorCode 404 with an approval": ([*approved(), ("errorCode", "404")], 200),
    "code with a trailing space": (approved(responseCode="000 "), 200),
    "unlisted code 999": (approved(responseCode="999"), 200),
    "unlisted transaction status": (approved(transactionStatus="Z"), 200),
    "decline code with status Complete and an auth number": (
        approved(responseCode="001"), 200),
    "decline code with an auth number": (
        approved(responseCode="001", transactionStatus="D"), 200),
    "approval code with status Declined": (approved(transactionStatus="D"), 200),
    "approved above the request": (approved(partialApprovalAmount="20.00"), 200),
    "approved below the request on 000": (approved(partialApprovalAmount="5.00"), 200),
    "negative approved amount": (approved(responseCode="010", partialApprovalAmount="-10.00"),
                                 200),
    "amount not plain": (approved(responseCode="010", partialApprovalAmount="1e1"), 200),
    "echoed amount is another": (approved(amount="100.00"), 200),
    "partial larger than the request": (approved(responseCode="010",
                                                 partialApprovalAmount="15.00"), 200),
    "partial equal to the request": (approved(responseCode="010",
                                              partialApprovalAmount="10.00"), 200),
    "partial without its amount": (approved(responseCode="010", transactionStatus="D"), 200),
    "decline that approved money": (approved(responseCode="001", transactionStatus="D",
                                             authorizationNumber="",
                                             partialApprovalAmount="4.00"), 200),
    "status whose money is not said (X cancelled)": (approved(transactionStatus="X"), 200),
    "settlement state with no public meaning": (approved(transactionStatus="SE"), 200),
    "void status on a sale": (approved(transactionStatus="V"), 200),
    "saved-on-file status on a sale": (approved(transactionStatus="O"), 200),
    "reply for another payment's reference": (approved(additionalInfo1="FDPOTHER"), 200),
    "token but no code on a sale": ([("singleSignOnToken", "tok"), ("transactionID", "T1")],
                                    200),
    "approval on HTTP 500": (approved(), 500),
    "approval on HTTP 404": (approved(), 404),
    "approval on HTTP 401": (approved(), 401),
    "approval on HTTP 302": (approved(), 302),
    "refusal on HTTP 302": ([("errorCode", "400"), ("errorMessage", "Bad")], 302),
}



def use(hostile: Hostile, case: str) -> None:
    """Answer payments with ``case``: a name from AMBIGUOUS or one of Hostile's modes."""
    if case in AMBIGUOUS:
        hostile.mode = "pairs"
        hostile.pairs, hostile.status = AMBIGUOUS[case]
    else:
        hostile.mode = case
