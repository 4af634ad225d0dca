"""End-of-day totals and the CSV export: real sales, voids and refunds through the sandbox
into a real SQLite journal, read back the way the History page and the CLI read them."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain import Money, PaymentRequest, TransactionKind
from desktop_app.sandbox import SandboxServer
from desktop_app.sandbox.demo import demo_card_tender
from desktop_app.services.history import (
    GatewayUpdates,
    HistoryEntry,
    Standing,
    history_with_updates,
)
from desktop_app.services.payments import PaymentService
from desktop_app.services.reconcile import Reconciler
from desktop_app.services.reports import day_totals, local_day, write_csv
from desktop_app.store import Journal
from tests.conftest import gateway_for


@pytest.fixture
async def payments(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[PaymentService]:
    journal = await Journal(tmp_path / "journal.sqlite3").open()
    gateway = gateway_for(sandbox.url, unconfirmed_operations=True)  # authorization, capture
    yield PaymentService(gateway, journal, Reconciler(gateway, journal))
    await gateway.aclose()
    await journal.close()


async def sale(svc: PaymentService, amount: str) -> str:
    outcome = await svc.process(PaymentRequest(
        TransactionKind.SALE, amount=Money.parse(amount), tender=demo_card_tender(),
        patient_id="MRN-EOD"))
    assert outcome.status.is_success
    return outcome.transaction_id


async def void(svc: PaymentService, txn: str) -> None:
    outcome = await svc.process(PaymentRequest(TransactionKind.VOID, transaction_id=txn))
    assert outcome.status.is_success


async def refund(svc: PaymentService, txn: str, amount: str) -> None:
    outcome = await svc.process(PaymentRequest(
        TransactionKind.SIMPLE_REFUND, amount=Money.parse(amount), transaction_id=txn))
    assert outcome.status.is_success


async def entries(svc: PaymentService, tmp_path: Path) -> list[HistoryEntry]:
    return await history_with_updates(svc.journal, GatewayUpdates(tmp_path / "none.sqlite3"))


def today(rows: list[HistoryEntry]) -> date:
    return local_day(rows[0].payment)


async def test_a_voided_sale_counts_neither_in_card_approved_nor_in_net(
        payments: PaymentService, tmp_path: Path) -> None:
    await sale(payments, "35.00")
    voided = await sale(payments, "20.00")
    await void(payments, voided)
    rows = await entries(payments, tmp_path)
    totals = day_totals(rows, today(rows))
    lines = {(line.tender, line.status): (line.count, line.total) for line in totals.lines}
    assert lines[("card", "approved")] == (1, Money.parse("35.00"))
    assert lines[("card", "voided")] == (1, Money(0))
    assert lines[("void", "approved")] == (1, Money(0))
    assert totals.net == Money.parse("35.00")


async def test_refunds_count_negative_and_a_full_refund_nets_to_zero(
        payments: PaymentService, tmp_path: Path) -> None:
    part = await sale(payments, "60.00")
    whole = await sale(payments, "15.00")
    await refund(payments, part, "20.00")
    await refund(payments, whole, "15.00")
    rows = await entries(payments, tmp_path)
    totals = day_totals(rows, today(rows))
    lines = {(line.tender, line.status): (line.count, line.total) for line in totals.lines}
    assert lines[("simple_refund", "approved")] == (2, Money.parse("-35.00"))
    assert lines[("card", "approved")] == (2, Money.parse("75.00"))
    assert totals.net == Money.parse("40.00")


async def test_each_row_says_what_it_stands_for_and_what_can_still_be_done(
        payments: PaymentService, tmp_path: Path) -> None:
    open_sale = await sale(payments, "10.00")
    voided = await sale(payments, "20.00")
    part = await sale(payments, "30.00")
    whole = await sale(payments, "40.00")
    await void(payments, voided)
    await refund(payments, part, "5.00")
    await refund(payments, whole, "40.00")
    by_txn = {e.payment.transaction_id: e for e in await entries(payments, tmp_path)}
    assert (by_txn[open_sale].standing, by_txn[open_sale].can_void,
            by_txn[open_sale].can_refund) == (Standing.APPROVED, True, True)
    assert (by_txn[voided].standing, by_txn[voided].can_void,
            by_txn[voided].can_refund) == (Standing.VOIDED, False, False)
    assert by_txn[voided].net == Money(0)
    assert (by_txn[part].standing, by_txn[part].can_void, by_txn[part].can_refund,
            by_txn[part].refundable) == (Standing.PARTLY_REFUNDED, False, True, Money(2500))
    assert (by_txn[whole].standing, by_txn[whole].can_refund) == (Standing.REFUNDED, False)
    reversals = [e for e in by_txn.values() if e.reverses]
    assert {e.reverses for e in reversals} == {voided, part, whole}
    assert not any(e.can_void or e.can_refund for e in reversals)


async def test_csv_has_negative_reversals_naming_the_sale_they_reverse(
        payments: PaymentService, tmp_path: Path) -> None:
    voided = await sale(payments, "20.00")
    refunded = await sale(payments, "50.00")
    await void(payments, voided)
    await refund(payments, refunded, "12.50")
    rows = await entries(payments, tmp_path)
    path = write_csv(rows, tmp_path / "eod.csv")
    with path.open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    by_kind = {r["kind"]: r for r in table if r["kind"] != "sale"}
    assert by_kind["void"]["amount"] == "-20.00" and by_kind["void"]["reverses"] == voided
    assert by_kind["void"]["net"] == "0.00"
    assert by_kind["simple_refund"]["amount"] == "-12.50"
    assert by_kind["simple_refund"]["approved"] == "-12.50"
    assert by_kind["simple_refund"]["reverses"] == refunded
    sales = {r["transaction_id"]: r for r in table if r["kind"] == "sale"}
    assert sales[voided]["state"] == "voided" and sales[voided]["reverses"] == ""
    # the sheet adds up to the Net on the screen
    net = sum((Money.parse(r["net"]) for r in table), Money(0))
    assert net == day_totals(rows, today(rows)).net == Money.parse("37.50")


async def test_an_authorization_is_no_money_until_captured_and_then_the_capture_counts(
        payments: PaymentService, tmp_path: Path) -> None:
    held = await payments.process(PaymentRequest(
        TransactionKind.AUTHORIZATION, amount=Money.parse("50.00"), tender=demo_card_tender(),
        patient_id="MRN-EOD"))
    assert held.status.is_success
    (auth,) = await entries(payments, tmp_path)
    assert (auth.can_void, auth.can_refund, auth.net) == (True, False, Money(0))
    captured = await payments.process(PaymentRequest(
        TransactionKind.CAPTURE, amount=Money.parse("50.00"),
        transaction_id=held.transaction_id))
    assert captured.status.is_success
    by_kind = {e.payment.kind: e for e in await entries(payments, tmp_path)}
    assert not by_kind["authorization"].can_void  # the hold is a charge now
    assert by_kind["capture"].can_refund and by_kind["capture"].net == Money.parse("50.00")
    assert by_kind["capture"].reverses == ""  # it completes the authorization, not undoes it
    rows = list(by_kind.values())
    assert day_totals(rows, today(rows)).net == Money.parse("50.00")
