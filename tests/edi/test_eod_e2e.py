"""The whole day over real parts: check-in eligibility, the copay pre-filled as the sale's
amount, the card sale, the sandbox's 835 downloaded over its SFTP server, and
``main.py eod reconcile`` with zero discrepancies; then a day with one payment missing from
the file and one extra, reported as such, and an unknown payment the file settles."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.bootstrap import open_runtime
from desktop_app.domain import Money, OutcomeStatus, PaymentRequest, Tender, TransactionKind
from desktop_app.domain.card import CardData
from desktop_app.edi.service import HealthcareService
from desktop_app.posting.config import PostingTarget
from desktop_app.posting.sftp import connect_sftp
from desktop_app.posting.transfer import download
from desktop_app.sandbox import SandboxServer, SandboxSettings
from desktop_app.sandbox.eod_835 import write_day
from desktop_app.sandbox.posting_servers import PostingAccounts, SandboxSftpServer
from desktop_app.services.eligibility import EligibilityService, provider_from
from tests.conftest import gateway_for
from tests.edi.patients import JANE
from tests.memory_keyring import memory_keyring_installed
from tests.test_cli import run_cli

USER, PASSWORD = "clinic01", "posting-pass"
VISA = CardData("4111111111111111", 12, 2030)


def _sale(amount: Money) -> PaymentRequest:
    return PaymentRequest(TransactionKind.SALE, amount=amount, tender=Tender.keyed(VISA))


async def _day(tmp_path: Path, *, second_day: bool) -> Path:
    """Run a day at the desk on the sandbox and bring its 835 home over SFTP."""
    sftp = SandboxSftpServer(tmp_path / "sftp-root", PostingAccounts(passwords={USER: PASSWORD}))
    await sftp.start()
    try:
        async with SandboxServer(SandboxSettings()) as sandbox, \
                open_runtime(gateway_url=sandbox.url, reconcile=False) as rt:
            healthcare = HealthcareService(rt.gateway.transport, rt.gateway.config, False)
            checkin = EligibilityService(healthcare, provider_from(rt.settings), rt.journal)
            copay = (await checkin.check(JANE)).eligibility.copay
            assert copay == Money.parse("25.00")
            paid = await rt.payments.process(_sale(copay))  # the copay pre-fills the amount
            assert paid.status is OutcomeStatus.APPROVED
            other = await rt.payments.process(_sale(Money.parse("40.00")))
            await rt.payments.process(PaymentRequest(
                TransactionKind.VOID, transaction_id=other.transaction_id))
            skip: set[str] = set()
            if second_day:
                missing = await rt.payments.process(_sale(Money.parse("12.00")))
                skip.add(missing.transaction_id)
                outsider = gateway_for(sandbox.url)  # another desk, not in our journal
                await outsider.send(_sale(Money.parse("7.50")))
                await outsider.aclose()
            entries = [e for e in sandbox.ledger if e.transaction_id not in skip]
            write_day(entries, datetime.now(UTC).date(), tmp_path / "sftp-root" / USER,
                      account="clinic01", merchant_id=rt.gateway.config.merchant_id,
                      payee=("SANDBOX CLINIC", "1234567893"))
        files = await connect_sftp(PostingTarget("sftp", "127.0.0.1", sftp.password_port, USER,
                                                 "/"), tmp_path / "pins.json",
                                   trust_new_host=True, password=PASSWORD)
        try:
            name = next(e.name for e in await files.listdir("/") if e.name.endswith(".rep"))
            result = await download(files, "/", name, tmp_path / "in")
        finally:
            await files.close()
        return tmp_path / "in" / result.name
    finally:
        await sftp.stop()


def _reconciled(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 tmp_path: Path, *, second_day: bool) -> tuple[int, dict[str, Any]]:
    """The day run, its file downloaded, then ``main.py eod reconcile FILE --json --csv``."""
    with memory_keyring_installed():
        file = asyncio.run(_day(tmp_path, second_day=second_day))
    code, out = run_cli(capsys, monkeypatch, "eod", "reconcile", str(file), "--json", "--csv",
                        str(tmp_path / "eod.csv"))
    return code, json.loads(out)


def test_a_day_reconciles_with_zero_discrepancies(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    code, out = _reconciled(capsys, monkeypatch, tmp_path, second_day=False)
    assert (code, out["discrepancies"]) == (0, 0)
    lists = [r["list"] for r in out["rows"]]
    assert (lists.count("matched"), lists.count("voided")) == (1, 1)
    assert out["file_total"] == out["journal_total"] == "25.00"
    assert (tmp_path / "eod.csv").read_text().splitlines()[0].startswith("list,reference")


def test_a_missing_and_an_extra_payment_are_reported(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    code, out = _reconciled(capsys, monkeypatch, tmp_path, second_day=True)
    assert (code, out["discrepancies"]) == (2, 2)
    by_list = {r["list"]: r for r in out["rows"]}
    assert by_list["in journal, not in file"]["journal_amount"] == "12.00"
    assert by_list["in file, not in journal"]["file_amount"] == "7.50"
    assert (out["file_total"], out["journal_total"]) == ("32.50", "37.00")
