"""Every transaction kind over NVP, SOAP 1.1, SOAP 1.2 and REST against the real sandbox,
on loopback: the same work gives the same Outcome whichever protocol carries it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from desktop_app.domain import (
    BankAccount,
    CardData,
    Money,
    Outcome,
    OutcomeStatus,
    PaymentRequest,
    SavedCard,
    Tender,
    TenderKind,
    TransactionKind,
)
from desktop_app.gateway import GatewayClient, Protocol
from desktop_app.gateway.errors import GatewayValidationError
from tests.conftest import charges_for, gateway_for

VISA = CardData("4111111111111111", 12, 2030, cvv="123")
K = TransactionKind
SOAP = (Protocol.SOAP11, Protocol.SOAP12)


@dataclass(frozen=True)
class Seen:
    """The parts of an Outcome that must not depend on the protocol."""

    status: OutcomeStatus
    code: str
    message: str
    requested: Money | None
    approved: Money | None
    brand: str
    last_four: str

    @classmethod
    def of(cls, o: Outcome) -> Seen:
        return cls(o.status, o.response_code, o.message, o.requested, o.approved, o.card_brand,
                   o.last_four)


def money(text: str) -> Money:
    return Money.parse(text)


async def every_kind(gw: GatewayClient) -> dict[str, Seen]:
    card = Tender.keyed(VISA)
    seen: dict[str, Seen] = {}

    async def run(name: str, request: PaymentRequest) -> Outcome:
        outcome = await gw.send(request)
        seen[name] = Seen.of(outcome)
        return outcome

    sale = await run("sale", PaymentRequest(K.SALE, amount=money("12.34"), tender=card))
    # Before any follow-up: those inherit the sale's additionalInfo (P-hookf), and over SOAP a
    # simple refund or void has no AdditionalInfo element of its own to override it with.
    # The real look-up of a transaction (no look-up by our reference exists): SSOService
    # GetTransactionDetailsByTransactionID, the same for every payment protocol.
    found = await gw.transaction_details_by_id(sale.transaction_id, requested=money("12.34"))
    assert found.transaction_id == sale.transaction_id
    seen["details"] = Seen.of(found)
    await run("partial", PaymentRequest(K.SALE, amount=money("50.10"), tender=card))
    await run("declined", PaymentRequest(K.SALE, amount=money("20.00"), tender=Tender.keyed(
        CardData("4000000000000002", 12, 2030))))
    rest = gw.config.protocol is Protocol.REST
    if rest:  # rest.json: no public REST call authorizes, captures or refunds to a card
        for kind in (K.AUTHORIZATION, K.REFUND):
            with pytest.raises(GatewayValidationError, match="REST API has no"):
                await gw.send(PaymentRequest(kind, amount=money("30.00"), tender=card))
    else:
        auth = await run("auth", PaymentRequest(K.AUTHORIZATION, amount=money("30.00"),
                                                tender=card))
        capture = PaymentRequest(K.CAPTURE, transaction_id=auth.transaction_id,
                                 amount=money("30.00"))
        if gw.config.protocol in SOAP:  # the SOAP payment service has no capture operation
            with pytest.raises(GatewayValidationError, match="no capture operation"):
                await gw.send(capture)
        else:
            await run("capture", capture)
        await run("refund", PaymentRequest(K.REFUND, amount=money("5.00"), tender=card))
    await run("simple_refund", PaymentRequest(K.SIMPLE_REFUND, amount=money("2.34"),
                                              transaction_id=sale.transaction_id))
    to_void = await gw.send(PaymentRequest(K.SALE, amount=money("3.00"), tender=card))
    await run("void", PaymentRequest(K.VOID, transaction_id=to_void.transaction_id))
    saved = await run("save", PaymentRequest(K.SAVE_ON_FILE, tender=card))
    assert saved.saved_card_token
    await run("charge_saved", PaymentRequest(K.CHARGE_SAVED_CARD, amount=money("7.00"),
                                             tender=Tender(TenderKind.SAVED_CARD, saved_card=(
                                                 SavedCard(saved.saved_card_token, "VISA",
                                                           "1111")))))
    check = BankAccount("021000021", "123456789", "1001")
    echeck = PaymentRequest(K.ECHECK_SALE, amount=money("40.00"),
                            tender=Tender(TenderKind.CHECK_PRESENT, bank_account=check))
    if rest:
        with pytest.raises(GatewayValidationError, match="no check payment"):
            await gw.send(echeck)
    else:
        await run("echeck", echeck)
    return seen


async def test_all_protocols_give_equal_outcomes(sandbox: object) -> None:
    results = {}
    for protocol in Protocol:
        async with gateway_for(sandbox.url, protocol,  # type: ignore[attr-defined]
                               unconfirmed_operations=True) as gw:
            results[protocol] = await every_kind(gw)
    nvp = results[Protocol.NVP]
    assert nvp["sale"].status is OutcomeStatus.APPROVED
    assert nvp["partial"].status is OutcomeStatus.PARTIALLY_APPROVED
    assert nvp["partial"].approved == money("25.05")
    assert nvp["declined"].status is OutcomeStatus.DECLINED
    for name in ("auth", "capture", "refund", "simple_refund", "void", "save", "charge_saved",
                 "echeck", "details"):
        assert nvp[name].status is OutcomeStatus.APPROVED, name
    for protocol, seen in results.items():
        expected = {Protocol.NVP: nvp, Protocol.REST: over_rest(nvp)}.get(protocol)
        assert seen == (expected or over_soap(nvp)), protocol


def over_rest(nvp: dict[str, Seen]) -> dict[str, Seen]:
    """What REST can say of the same work (rest.json): no authorization, capture, refund to
    a card or eCheck; a partial approval is TransactionStatus C + IsPartiallyApproved (M),
    so its message is the sandbox's ResponseMessage all the same."""
    return {k: v for k, v in nvp.items() if k not in ("auth", "capture", "refund", "echeck")}


def over_soap(nvp: dict[str, Seen]) -> dict[str, Seen]:
    """What SOAP can say of the same work (H-paywsdl's reply types): no capture (no such
    operation); a void's reply carries no card or amount elements, an eCheck's no masked
    account number."""
    seen = {k: v for k, v in nvp.items() if k != "capture"}
    seen["void"] = replace(seen["void"], brand="", last_four="", requested=None, approved=None)
    seen["echeck"] = replace(seen["echeck"], last_four="")
    return seen


async def test_sso_token_status_over_soap(gateway: GatewayClient) -> None:
    outcome = await gateway.send(PaymentRequest(K.SSO_TOKEN, amount=money("15.00"),
                                                patient_id="P-7"), Protocol.NVP)
    assert outcome.sso_token and outcome.relay_state_url.startswith("http://127.0.0.1")
    assert await gateway.sso_token_status(outcome.sso_token) == "NEW"


async def test_our_reference_travels_in_additional_info_and_comes_back(
        gateway: GatewayClient, sandbox: object) -> None:
    request = PaymentRequest(K.SALE, amount=money("9.99"), tender=Tender.keyed(VISA))
    outcome = await gateway.send(request)
    if gateway.config.protocol is not Protocol.NVP:  # sent in AdditionalInfo1, not echoed
        assert "our_reference" not in outcome.receipt
    else:
        assert outcome.receipt["our_reference"] == request.reference
    assert await charges_for(sandbox, request.reference) == 1


async def test_unconfirmed_operations_are_refused_before_sending(gateway: GatewayClient,
                                                               sandbox: object) -> None:
    from desktop_app.gateway.errors import UnconfirmedOperation

    before = len(sandbox.ledger)  # type: ignore[attr-defined]
    with pytest.raises(UnconfirmedOperation, match="not confirmed"):
        await gateway.send(PaymentRequest(K.AUTHORIZATION, amount=money("1.00"),
                                          tender=Tender.keyed(VISA)))
    assert len(sandbox.ledger) == before  # type: ignore[attr-defined]


@pytest.mark.parametrize("protocol", list(Protocol), ids=[p.value for p in Protocol])
async def test_connection_refused_is_unreachable_and_nothing_sent(protocol: Protocol) -> None:
    from desktop_app.gateway import GatewayUnreachable

    async with gateway_for("http://127.0.0.1:9", protocol, connect_timeout=0.5) as gw:
        with pytest.raises(GatewayUnreachable, match="Nothing was charged"):
            await gw.send(PaymentRequest(K.SALE, amount=money("1.00"), tender=Tender.keyed(VISA)))
