"""The one rule book for what a webhook or an EOD posting row says about our payment."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import Money, OutcomeStatus
from desktop_app.services.evidence import Evidence, judge
from desktop_app.store import JournalState, PaymentRecord

ROW = PaymentRecord(
    reference="FDP-1", kind="sale", state=JournalState.UNKNOWN, amount=Money(3000),
    approved=None, tender="keyed", card_display="", card_brand="", last_four="", entry_mode="",
    patient_id="", original_transaction_id="", transaction_id="", response_code="",
    message="", auth_code="", protocol="nvp", terminal_id="002", os_user="u", workstation="w",
    created_at="2026-12-03T10:00:00+00:00", sent_at="2026-12-03T10:00:01+00:00",
    updated_at="2026-12-03T10:00:02+00:00")


def sale_says(status: str, amount: str = "30.00", txn: str = "T1", **more: str) -> Evidence:
    return Evidence(txn, status, amount, more.get("action", "Sale"),
                    more.get("original", ""))


@pytest.mark.parametrize(("status", "amount", "expected", "approved"), [
    ("C", "30.00", OutcomeStatus.APPROVED, Money(3000)),
    ("A", "30.00", OutcomeStatus.APPROVED, Money(3000)),
    ("C", "12.50", OutcomeStatus.PARTIALLY_APPROVED, Money(1250)),
    ("D", "30.00", OutcomeStatus.DECLINED, None),
    ("D", "", OutcomeStatus.DECLINED, None),
])
def test_a_clear_status_settles(status: str, amount: str, expected: OutcomeStatus,
                                approved: Money | None) -> None:
    found = judge(ROW, [sale_says(status, amount)], "test")
    assert found.outcome is not None
    assert (found.outcome.status, found.outcome.approved) == (expected, approved)
    assert found.outcome.transaction_id == "T1" and found.outcome.reference == "FDP-1"


@pytest.mark.parametrize("evidence", [
    sale_says("S"), sale_says("CB"), sale_says("RI"), sale_says("SE"), sale_says("V"),
    sale_says("ZZ"), sale_says("C", ""), sale_says("C", "30.01"), sale_says("C", "1e3"),
    sale_says("C", "3e1"), sale_says("C", "0.00"),
    sale_says("C", "-30.00"), sale_says("C", "30.001"), sale_says("D", "12.50"),
])
def test_anything_else_names_the_transaction_but_settles_nothing(evidence: Evidence) -> None:
    found = judge(ROW, [evidence], "test")
    assert found.outcome is None and found.transaction_id == "T1" and not found.conflict


def test_a_refund_or_chargeback_of_the_sale_is_not_the_sale() -> None:
    refund = sale_says("C", txn="R1", action="Refund", original="T1")
    chargeback = sale_says("CB", txn="B1", action="Chargeback")
    assert judge(ROW, [refund, chargeback], "test").transaction_id == ""


def test_evidence_that_disagrees_settles_nothing() -> None:
    for pair in ([sale_says("C"), sale_says("D")], [sale_says("C"), sale_says("C", txn="T2")]):
        found = judge(ROW, pair, "test")
        assert found.outcome is None and found.conflict


def test_an_approval_and_its_later_settlement_agree() -> None:
    found = judge(ROW, [sale_says("C"), sale_says("S"), sale_says("V")], "test")
    assert found.outcome is not None and found.outcome.status is OutcomeStatus.APPROVED


def test_a_void_is_settled_by_v_on_the_transaction_it_voids() -> None:
    void = replace(ROW, kind="void", amount=None, original_transaction_id="T9")
    assert judge(void, [sale_says("C", txn="T9")], "test").outcome is None
    found = judge(void, [sale_says("V", txn="T9")], "test")
    assert found.outcome is not None and found.outcome.status is OutcomeStatus.APPROVED


def test_refunds_are_left_for_the_portal() -> None:
    refund = replace(ROW, kind="simple_refund", original_transaction_id="T9")
    assert judge(refund, [sale_says("C", action="Refund", original="T9")], "t").outcome is None


@given(st.lists(st.builds(Evidence, st.text(max_size=8), st.text(max_size=3),
                          st.text(max_size=12), st.text(max_size=8), st.text(max_size=8)),
                max_size=5))
def test_an_approval_never_exceeds_the_request(evidence: list[Evidence]) -> None:
    found = judge(ROW, evidence, "test")
    if found.outcome is not None and found.outcome.approved is not None:
        assert 0 < found.outcome.approved.cents <= 3000
