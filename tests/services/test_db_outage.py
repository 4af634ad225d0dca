"""The journal's PostgreSQL database goes away mid-sale: the payment may have left, so the
desk is told UNKNOWN ("do not charge again"), never a traceback, never "nothing charged";
once the database is back the reconciler adopts what the gateway did.

The outage is real: the database stops taking connections and every session is killed
(``ALLOW_CONNECTIONS false`` + ``pg_terminate_backend``), as a stopped server looks to a
client. The session's server is shared, so it is not stopped outright.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from desktop_app.domain import CardData, Money, OutcomeStatus, PaymentRequest, Tender
from desktop_app.domain import TransactionKind as K
from desktop_app.paths import app_paths
from desktop_app.services.payments import PaymentService
from desktop_app.services.reconcile import Reconciler
from desktop_app.store import Journal, JournalState, JournalUnavailable
from tests.conftest import ROOT, gateway_for, inject_fault, sandbox_admin
from tests.services.conftest import Hooked

VISA = CardData("4111111111111111", 12, 2030)


class Outage:
    def __init__(self, base_url: str, url: str) -> None:
        self.admin = base_url + "/postgres"
        self.name = url.rsplit("/", 1)[1]

    def start(self) -> None:
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {self.name} ALLOW_CONNECTIONS false")
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = %s", (self.name,))

    def end(self) -> None:
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {self.name} ALLOW_CONNECTIONS true")


@pytest.fixture
def pg_url(postgres_base_url: str) -> str:
    from tests.postgres import new_database

    return new_database(postgres_base_url)


@pytest.fixture
def sandbox(hooked: Hooked) -> object:
    """The sandbox whose webhooks reach a receiver: no look-up by reference exists, so the
    webhook is what settles a charge whose reply was lost in the outage."""
    return hooked.sandbox


@pytest.fixture
async def service(hooked: Hooked, pg_url: str) -> AsyncIterator[PaymentService]:
    journal = await Journal(pg_url).open()
    gateway = gateway_for(hooked.url, read_timeout=10.0)
    reconciler = Reconciler(gateway, journal, settle_after=timedelta(seconds=1),
                            webhooks=hooked.store)
    yield PaymentService(gateway, journal, reconciler, lookup_attempts=1)
    await gateway.aclose()
    await journal.close()


async def ledger(sandbox: object) -> list[dict[str, object]]:
    return await sandbox_admin(sandbox, "GET", "/sandbox/ledger")  # type: ignore[return-value]


async def until_charged(sandbox: object, count: int = 1) -> None:
    for _ in range(200):
        if len(await ledger(sandbox)) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the gateway never charged")


async def test_database_lost_after_the_charge_is_unknown_then_adopted(
        service: PaymentService, sandbox: object, hooked: Hooked, postgres_base_url: str,
        pg_url: str) -> None:
    outage = Outage(postgres_base_url, pg_url)
    await inject_fault(sandbox, "delay_after_charge", delay=1.0)
    request = PaymentRequest(K.SALE, amount=Money(1000), tender=Tender.keyed(VISA))
    sale = asyncio.create_task(service.process(request))
    await until_charged(sandbox)
    outage.start()
    try:
        outcome = await sale
        assert outcome.status is OutcomeStatus.UNKNOWN
        assert "do not charge again" in outcome.summary()
        with pytest.raises(JournalUnavailable, match="journal"):  # still down: typed, no psycopg
            await service.journal.history()
    finally:
        outage.end()
    await hooked.stored(request.reference)
    (settled,) = await service.reconciler.run_once()  # the same connection, reopened
    assert settled is not None and settled.status is OutcomeStatus.APPROVED
    row = await service.journal.get(request.reference)
    assert row is not None and row.state is JournalState.APPROVED
    assert [e["additional_info"]["additionalInfo1"] for e in await ledger(sandbox)] == [
        request.reference]


async def test_database_down_before_the_sale_charges_nothing(
        service: PaymentService, sandbox: object, postgres_base_url: str, pg_url: str) -> None:
    outage = Outage(postgres_base_url, pg_url)
    outage.start()
    try:
        with pytest.raises(JournalUnavailable) as caught:
            await service.process(PaymentRequest(K.SALE, amount=Money(500),
                                                 tender=Tender.keyed(VISA)))
    finally:
        outage.end()
    assert "Ask IT" in str(caught.value) and caught.value.__cause__ is None
    assert await ledger(sandbox) == []


def use_journal(url: str) -> None:
    settings = app_paths().ensure().settings_file
    settings.write_text(json.dumps({"journal_url": url}), encoding="utf-8")


async def main_py(*args: str, stdin: str = "") -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "main.py", *args, cwd=ROOT, env=dict(os.environ),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(stdin.encode()), timeout=60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


@pytest.mark.slow
async def test_cli_pay_mid_outage_exits_4_and_history_reconcile_exit_3_in_one_line(
        sandbox: object, hooked: Hooked, postgres_base_url: str, pg_url: str,
        tmp_path: Path) -> None:
    use_journal(pg_url)
    url = sandbox.url  # type: ignore[attr-defined]
    outage = Outage(postgres_base_url, pg_url)
    await inject_fault(sandbox, "delay_after_charge", delay=2.0)
    pay = asyncio.create_task(main_py("pay", "sale", "--amount", "10.00", "--card", "keyed",
                                      "--gateway", url, "--json",
                                      stdin="4111111111111111 12/30\n"))
    await until_charged(sandbox)
    outage.start()
    try:
        code, out, err = await pay
        assert code == 4, (out, err)
        assert json.loads(out)["status"] == "unknown" and "Traceback" not in err
        for args in (("history",), ("reconcile", "--gateway", url)):
            code, out, err = await main_py(*args)
            assert code == 3, (args, out, err)
            assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
            assert "journal" in err and "psycopg" not in err
    finally:
        outage.end()
    await hooked.stored()  # the sale's webhook, in the store the app reads
    code, out, _ = await main_py("reconcile", "--gateway", url, "--json")
    assert code == 0 and [r["state"] for r in json.loads(out)["settled"]] == ["approved"]
