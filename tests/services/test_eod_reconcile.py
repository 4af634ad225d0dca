"""Reply lost, no webhook ever arrives: the gateway's end-of-day posting file settles it.
Real sandbox (its own EOD writer), real SQLite journal, the real CLI."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from desktop_app.bootstrap import open_runtime
from desktop_app.domain import CardData, Money, OutcomeStatus, PaymentRequest, Tender
from desktop_app.domain import TransactionKind as K
from desktop_app.posting.eod_file import parse
from desktop_app.sandbox import SandboxServer
from desktop_app.services.eod_settle import settle_from_eod
from desktop_app.store import JournalState
from tests.conftest import ROOT, charges_for, inject_fault

VISA = CardData("4111111111111111", 12, 2030)
DECLINED_CARD = CardData("4000000000000002", 12, 2030)


def sale(amount: str, card: CardData = VISA) -> PaymentRequest:
    return PaymentRequest(K.SALE, amount=Money.parse(amount), tender=Tender.keyed(card))


async def eod_bytes(sandbox: SandboxServer) -> bytes:
    async with httpx.AsyncClient() as client:
        reply = await client.get(sandbox.url + "/sandbox/eod")
        reply.raise_for_status()
        return reply.content


async def test_lost_replies_are_settled_only_by_the_eod_file(sandbox: SandboxServer) -> None:
    async with open_runtime(gateway_url=sandbox.url, reconcile=False) as rt:
        rt.payments.lookup_attempts = 1
        lost: list[PaymentRequest] = []
        for request in (sale("42.00"), sale("80.10"), sale("20.00", DECLINED_CARD)):
            await inject_fault(sandbox, "drop_after_charge")
            assert (await rt.payments.process(request)).status is OutcomeStatus.UNKNOWN
            lost.append(request)
        never = sale("7.00")  # left the PC, never reached the gateway's books
        await rt.journal.record_intent(never, terminal_id="002", protocol="nvp")
        await rt.journal.mark_sent(never.reference)
        await rt.journal.mark_unknown(never.reference, "connection reset")
        await rt.reconciler.run_once()  # no webhook, no token, no transaction ID: nothing
        assert len(await rt.journal.unresolved()) == 4

        report = await settle_from_eod(rt.reconciler, parse(await eod_bytes(sandbox)),
                                       "EOD_test.txt")
        states = {r.reference: (r.state, r.approved, r.transaction_id)
                  for r in [await rt.journal.get(q.reference) for q in (*lost, never)] if r}
        audit = {a["reference"]: a["detail"] for a in await rt.journal.audit_rows()
                 if a["event"] == "reconcile.eod_file"}
    full, partial, declined = (q.reference for q in lost)
    assert [o.reference for o in report.settled] == [full, partial, declined]
    assert report.left == [never.reference]
    assert states[full][:2] == (JournalState.APPROVED, Money(4200))
    assert states[partial][:2] == (JournalState.PARTIALLY_APPROVED, Money(4005))
    assert states[declined][:2] == (JournalState.DECLINED, None)
    assert states[never.reference][0] is JournalState.UNKNOWN  # absent is not "not charged"
    assert all(states[r][2] for r in (full, partial, declined))
    assert audit[full] == "approved (EOD_test.txt)"
    for request in lost:
        assert await charges_for(sandbox, request.reference) == 1


async def test_reconcile_with_eod_file_from_the_command_line(sandbox: SandboxServer,
                                                             tmp_path: Path) -> None:
    async with open_runtime(gateway_url=sandbox.url, reconcile=False) as rt:
        rt.payments.lookup_attempts = 1
        await inject_fault(sandbox, "drop_after_charge")
        request = sale("33.00")
        assert (await rt.payments.process(request)).status is OutcomeStatus.UNKNOWN
    eod = tmp_path / "EOD_6011000551245_today.txt"
    eod.write_bytes(await eod_bytes(sandbox))
    base = [sys.executable, "main.py", "reconcile", "--gateway", sandbox.url, "--json"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], cwd=ROOT, env=dict(os.environ),
                              capture_output=True, text=True, timeout=60)

    waiting = await asyncio.to_thread(run)
    assert waiting.returncode == 4 and json.loads(waiting.stdout)["still_unknown"] == [
        request.reference]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(eod.read_bytes() + b"IMDPA10|oops\r\n")
    refused = await asyncio.to_thread(run, "--eod-file", str(bad))
    assert refused.returncode == 3 and "line 2" in refused.stdout
    done = await asyncio.to_thread(run, "--eod-file", str(eod))
    assert done.returncode == 0, done.stdout + done.stderr
    (row,) = json.loads(done.stdout)["settled"]
    assert (row["reference"], row["state"]) == (request.reference, "approved")
    assert eod.name in row["message"]
