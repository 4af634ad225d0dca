"""``python main.py pay`` against the hostile gateway: only ever exit 0/2/3/4 with one line,
never a traceback; an unknown outcome is journaled unknown and sent once (issue 10, §2)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from desktop_app.store import Journal, JournalState
from tests.conftest import ROOT
from tests.gateway.hostile import Hostile, gzip_bomb
from tests.gateway.hostile_cases import use

CARD = b"4111111111111111 12/30 123\n"
EXPECTED = {"approve": 0, "decline": 2, "refuse": 3, "gzip_garbage": 4, "gzip_bomb": 4, "drip": 4,
            "oversized": 4, "reset": 4, "approval on HTTP 500": 4,
            "duplicate code, other value": 4, "errorCode with an approval": 4}
TEXT_MODES = ("gzip_garbage", "drip")  # also run without --json: the old traceback cases


async def pay(url: str, home: Path, *extra: str) -> tuple[int, str]:
    """One ``pay sale`` in its own process and home; (exit code, everything it printed)."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps(
        {"read_timeout_seconds": 1, "connect_timeout_seconds": 1}))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "main.py", "pay", "sale", "--amount", "10.00", "--card", "keyed",
        "--gateway", url, *extra, cwd=ROOT, env={**os.environ, "FRONTDESK_PAY_HOME": str(home)},
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(proc.communicate(CARD), 60)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        return -1, "hung for 60 s"
    assert proc.returncode is not None
    return proc.returncode, (out + err).decode()


async def journal_state(home: Path, reference: str) -> JournalState | None:
    journal = await Journal(home / "data" / "journal.sqlite3").open()
    try:
        row = await journal.get(reference)
    finally:
        await journal.close()
    return None if row is None else row.state


async def run_mode(mode: str, tmp_path: Path, limit: asyncio.Semaphore) -> dict[str, object]:
    hostile = await Hostile(drip_interval=0.3).start()
    use(hostile, mode)
    home = tmp_path / mode
    try:
        async with limit:
            code, printed = await pay(hostile.url, home / "json", "--json")
            seen: dict[str, object] = {"exit": code, "lines": len(printed.splitlines()),
                                       "traceback": "Traceback" in printed}
            if mode in TEXT_MODES:
                code, text = await pay(hostile.url, home / "text")
                seen.update(text_exit=code, text_lines=len(text.splitlines()),
                            text_traceback="Traceback" in text)
    finally:
        await hostile.stop()
    if seen["exit"] == 4:
        reference = str(json.loads(printed)["reference"])
        seen["sent"] = hostile.payments[reference]
        seen["journal"] = await journal_state(home / "json", reference)
    return seen


def expected(mode: str) -> dict[str, object]:
    want: dict[str, object] = {"exit": EXPECTED[mode], "lines": 1, "traceback": False}
    if mode in TEXT_MODES:
        want.update(text_exit=EXPECTED[mode], text_lines=1, text_traceback=False)
    if EXPECTED[mode] == 4:
        want.update(sent=1, journal=JournalState.UNKNOWN)
    return want


async def test_pay_exits_0_2_3_4_with_one_line_whatever_the_gateway_sends(
        tmp_path: Path) -> None:
    limit = asyncio.Semaphore(4)  # two cores shared: a few processes at a time
    gzip_bomb()  # built once, before any client's deadline runs
    results = await asyncio.gather(*(run_mode(m, tmp_path, limit) for m in EXPECTED))
    assert dict(zip(EXPECTED, results, strict=True)) == {m: expected(m) for m in EXPECTED}


def test_a_pay_usage_error_is_one_line_and_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own exit 2 would read as "declined"."""
    from desktop_app.cli import main

    with pytest.raises(SystemExit) as info:
        main(["pay", "sale", "--amount"])
    assert info.value.code == 3
    printed = capsys.readouterr()
    assert len((printed.out + printed.err).splitlines()) == 1
