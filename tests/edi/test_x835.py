"""The 835 posting file read with pyx12's own X221A1 map: payments out, and a malformed or
truncated file refused whole with the segment and its position."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain import Money
from desktop_app.edi.errors import EdiError
from desktop_app.edi.x835 import Posting, read_835
from desktop_app.sandbox.eod_835 import day_file
from desktop_app.sandbox.ledger import LedgerEntry

DAY = date(2026, 12, 3)


def _entry(txn: str, kind: str, cents: int, ref: str) -> LedgerEntry:
    return LedgerEntry("acct", txn, kind, "CreditCard", "AuthCapt", Money(cents), Money(cents),
                       "000", datetime(2026, 12, 3, 10), {"auth_code": "A1"},
                       {"additional_info_1": ref})


FILE = day_file([_entry("T1", "sale", 2500, "R1"), _entry("T2", "simple_refund", 500, "R2"),
                 _entry("T3", "sale", 1000, "R3")], DAY, sender="INSTAMED",
                receiver="6011000551245", payee=("CLINIC", "1234567893"),
                now=datetime(2026, 12, 3, 23))


def test_each_payment_comes_out_with_its_ids_amount_and_direction() -> None:
    remittance = read_835(FILE)
    assert [(p.transaction_id, p.reference, p.amount, p.kind) for p in remittance.payments] == [
        ("T1", "R1", Money(2500), Posting.SALE), ("T2", "R2", Money(500), Posting.REFUND),
        ("T3", "R3", Money(1000), Posting.SALE)]
    assert remittance.total == Money(3000)
    assert remittance.payments[0].business_date == DAY
    assert remittance.payments[0].authorization == "A1"
    assert remittance.payments[0].tender == "credit card"


def test_a_file_without_a_transaction_set_is_refused() -> None:
    empty = day_file([], DAY, sender="INSTAMED", receiver="M", payee=("C", "1234567893"))
    with pytest.raises(EdiError):  # GS with no ST: pyx12 says so
        read_835(empty)


def test_a_truncated_file_is_refused_naming_where() -> None:
    cut = FILE[: FILE.index("CLP", FILE.index("ST*835*0002"))]
    with pytest.raises(EdiError, match="Nothing was changed") as caught:
        read_835(cut)
    assert caught.value.findings


def test_a_garbled_amount_is_refused_with_segment_and_line() -> None:
    bad = FILE.replace("BPR*H*5.00*D", "BPR*H*5.00X*D")
    with pytest.raises(EdiError) as caught:
        read_835(bad)
    assert "BPR at segment" in str(caught.value)


def test_a_271_is_not_taken_for_a_posting_file() -> None:
    from tests.edi.patients import sample
    with pytest.raises(EdiError):
        read_835(sample("active"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(FILE)), junk=st.text(max_size=6), where=st.integers(0, 2000))
def test_cut_or_garbled_files_give_payments_or_an_edi_error(cut: int, junk: str,
                                                            where: int) -> None:
    text = FILE[:cut]
    try:
        remittance = read_835(text[:where] + junk + text[where:])
    except EdiError as error:
        assert str(error)
    else:
        assert all(p.amount.cents >= 0 for p in remittance.payments)


async def test_the_sandbox_serves_the_days_file_for_a_script(sandbox: object) -> None:
    import httpx

    from desktop_app.domain import PaymentRequest, Tender, TransactionKind
    from desktop_app.domain.card import CardData
    from tests.conftest import gateway_for

    client = gateway_for(sandbox.url)  # type: ignore[attr-defined]
    try:
        sale = await client.send(PaymentRequest(TransactionKind.SALE, amount=Money(1234),
                                                tender=Tender.keyed(CardData(
                                                    "4111111111111111", 12, 2030))))
    finally:
        await client.aclose()
    async with httpx.AsyncClient() as http:
        reply = await http.get(f"{sandbox.url}/sandbox/eod/835")  # type: ignore[attr-defined]
        bad = await http.get(f"{sandbox.url}/sandbox/eod/835?date=12/03")  # type: ignore
    assert reply.status_code == 200 and "_dpa835_" in reply.headers["Content-Disposition"]
    posted = read_835(reply.text).payments
    assert [(p.transaction_id, p.amount) for p in posted] == [(sale.transaction_id, Money(1234))]
    assert bad.status_code == 400
