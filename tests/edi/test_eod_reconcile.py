"""Matching a posting file to the journal: an unknown payment the file settles is adopted
through the Reconciler (audited); a file that fails validation changes nothing."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.domain import Money, PaymentRequest, Tender, TransactionKind
from desktop_app.domain.card import CardData
from desktop_app.edi.x835 import PostedPayment, Posting, Remittance
from desktop_app.services.eod import reconcile_day
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal
from desktop_app.store.records import JournalState
from tests.conftest import gateway_for
from tests.test_cli import run_cli

TODAY = datetime.now(UTC).date()


async def _unknown_sale(journal: Journal, cents: int) -> str:
    request = PaymentRequest(TransactionKind.SALE, amount=Money(cents), tender=Tender.keyed(
        CardData("4111111111111111", 12, 2030)))
    await journal.record_intent(request, terminal_id="002", protocol="nvp")
    await journal.mark_sent(request.reference)
    await journal.mark_unknown(request.reference, "no reply")
    return request.reference


async def test_an_unknown_payment_the_file_settles_is_adopted_and_audited(
        tmp_path: Path) -> None:
    journal = await Journal(tmp_path / "j.sqlite3").open()
    gateway = gateway_for("http://127.0.0.1:9")  # never called: the file is the evidence
    try:
        reference = await _unknown_sale(journal, 2500)
        posted = PostedPayment("TXN9", reference, Money(2500), Posting.SALE, "AUTH9",
                               "credit card", TODAY, 4)
        result = await reconcile_day(Remittance((posted,)), journal,
                                     Reconciler(gateway, journal), TODAY)
        row = await journal.get(reference)
        audit = [a for a in await journal.audit_rows() if a["reference"] == reference]
    finally:
        await gateway.aclose()
        await journal.close()
    assert result.adopted == (reference,) and result.discrepancies == 0
    assert row is not None and row.state is JournalState.APPROVED
    assert row.transaction_id == "TXN9" and row.approved == Money(2500)
    assert any(a["event"] == "reconcile.eod_835" for a in audit)


async def test_an_unknown_payment_absent_from_the_file_stays_unknown(tmp_path: Path) -> None:
    journal = await Journal(tmp_path / "j.sqlite3").open()
    gateway = gateway_for("http://127.0.0.1:9")
    try:
        reference = await _unknown_sale(journal, 900)
        result = await reconcile_day(Remittance(()), journal, Reconciler(gateway, journal),
                                     TODAY)
        row = await journal.get(reference)
    finally:
        await gateway.aclose()
        await journal.close()
    assert result.discrepancies == 0 and result.adopted == ()
    assert row is not None and row.state is JournalState.UNKNOWN


def test_a_malformed_file_exits_3_and_changes_nothing(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       app_home: Path, tmp_path: Path) -> None:
    path = app_home / "data" / "journal.sqlite3"
    path.parent.mkdir(parents=True)

    async def prepare() -> str:
        journal = await Journal(path).open()
        try:
            return await _unknown_sale(journal, 2500)
        finally:
            await journal.close()

    async def state(reference: str) -> JournalState | None:
        journal = await Journal(path).open()
        try:
            row = await journal.get(reference)
            return row.state if row else None
        finally:
            await journal.close()

    reference = asyncio.run(prepare())
    bad = tmp_path / "day.rep"
    bad.write_text("ISA*00*          *00*          *ZZ*INSTAMED       *ZZ*M              *"
                   f"261203*2300*^*00501*000000001*0*T*:~GS*HP*I*M*20261203*2300*1*X*"
                   f"005010X221A1~ST*835*0001~BPR*H*25.00*C*NON~CLP*{reference}*1*25~")
    code, out = run_cli(capsys, monkeypatch, "eod", "reconcile", str(bad), "--json")
    assert code == 3 and "Nothing was changed" in json.loads(out)["message"]
    assert asyncio.run(state(reference)) is JournalState.UNKNOWN
