"""X12 throughput (issue 16), each against a baseline measured in the same run.

1. ``eligibility``: 270s built per second, and 271s read and validated per second (pyx12
   against our 005010X279A1 map), as a ratio to pyx12 only tokenizing the same 271 (the
   floor any validating reader pays).
2. ``eod_835``: an 835 posting file of N payments (default 10,000) read and validated, then
   reconciled against a SQLite journal holding the same N payments: seconds for each, and
   the process's peak resident memory (getrusage; tracemalloc would triple the time).
Prints one JSON object. ``python benchmarks/edi.py [N]``.
"""

from __future__ import annotations

import asyncio
import io
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyx12.x12file

from desktop_app.domain import Money
from desktop_app.edi.x270 import build_270
from desktop_app.edi.x271 import read_271
from desktop_app.edi.x835 import read_835
from desktop_app.sandbox.eod_835 import day_file
from desktop_app.sandbox.ledger import LedgerEntry
from desktop_app.services.eod import reconcile_day
from desktop_app.services.reconcile import Reconciler
from desktop_app.settings import Settings
from desktop_app.store import Journal
from tests.edi.patients import CLINIC, JANE, NOW, sample

ROUNDS = 200


def per_second(work: object, rounds: int = ROUNDS) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        work()  # type: ignore[operator]
    return round(rounds / (time.perf_counter() - start), 1)


def eligibility() -> dict[str, float]:
    answer = sample("active")
    built = per_second(lambda: build_270(JANE, CLINIC, reference="R", control=1, now=NOW))
    read = per_second(lambda: read_271(answer))
    tokenized = per_second(lambda: list(pyx12.x12file.X12Reader(io.StringIO(answer))))
    return {"build_270_per_s": built, "read_validate_271_per_s": read,
            "tokenize_271_per_s": tokenized,
            "validate_cost_vs_tokenize": round(tokenized / read, 2)}


def _entries(n: int, day: datetime) -> list[LedgerEntry]:
    return [LedgerEntry("acct", f"T{i:08d}", "sale", "CreditCard", "AuthCapt", Money(1000 + i),
                        Money(1000 + i), "000", day, {"auth_code": f"A{i % 999999:06d}"},
                        {"additional_info_1": f"R{i:08d}"}) for i in range(n)]


async def _journal(path: Path, n: int, created: str) -> Journal:
    journal = await Journal(path).open()

    def fill() -> None:
        with journal.db.transaction():
            for i in range(n):
                journal.db.execute(
                    "INSERT INTO payments (reference, kind, state, amount_cents, approved_cents,"
                    " transaction_id, os_user, workstation, created_at, updated_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (f"R{i:08d}", "sale", "approved", 1000 + i, 1000 + i, f"T{i:08d}", "bench",
                     "bench", created, created))
    await journal.db.run(fill)
    return journal


async def eod(n: int) -> dict[str, float]:
    now = datetime.now(UTC)
    text = day_file(_entries(n, now), now.date(), sender="INSTAMED", receiver="6011000551245",
                    payee=("CLINIC", "1234567893"))
    with tempfile.TemporaryDirectory() as folder:
        journal = await _journal(Path(folder) / "j.sqlite3", n, now.isoformat())
        from desktop_app.gateway import GatewayClient

        gateway = GatewayClient(Settings(gateway_url="http://127.0.0.1:9").gateway_config(
            password="x"))
        try:
            start = time.perf_counter()
            remittance = read_835(text)
            read_s = time.perf_counter() - start
            result = await reconcile_day(remittance, journal, Reconciler(gateway, journal),
                                         now.date())
            total_s = time.perf_counter() - start
            peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        finally:
            await gateway.aclose()
            await journal.close()
    assert len(result.matched) == n and result.discrepancies == 0
    return {"payments": n, "file_bytes": len(text), "read_validate_s": round(read_s, 2),
            "reconcile_s": round(total_s - read_s, 2), "total_s": round(total_s, 2),
            "payments_per_s": round(n / total_s, 1), "peak_rss_mib": round(peak_kib / 1024, 1)}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(json.dumps({"eligibility": eligibility(), "eod_835": asyncio.run(eod(n))}))


if __name__ == "__main__":
    main()
