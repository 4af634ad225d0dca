"""Log injection and flooding (issue 14): every line escaped, client errors short and
rate-limited, the receiver in its own log file."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from desktop_app.webhooks.logsafe import ClientErrorLog, escape
from tests.conftest import ROOT
from tests.webhooks.conftest import JSON, StartReceiver, gateway_message, post

FORGED = "\n2026-01-01 00:00:00,000 CRITICAL desktop_app.payments: refund approved"
RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")


def test_escape_makes_one_printable_line() -> None:
    assert escape("a\nb\r\x1b[2J\u2028\\") == "a\\x0ab\\x0d\\x1b[2J\\u2028\\"
    assert escape(escape("a\nb")) == escape("a\nb")
    assert escape("x" * 500, limit=10) == "x" * 9 + "…"


def test_client_errors_are_a_burst_then_a_trickle_with_a_count() -> None:
    now = [0.0]
    logger = logging.getLogger("test.client_errors")
    lines: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger.addHandler(catch := Catch())
    try:
        refused = ClientErrorLog(logger, burst=3, per_second=1.0, clock=lambda: now[0])
        for _ in range(10):
            refused(400, "Malformed JSON", "10.0.0.9")
        now[0] = 2.0
        refused(400, "Malformed JSON", "10.0.0.9")
    finally:
        logger.removeHandler(catch)
    assert len(lines) == 4
    assert lines[-1] == "webhook refused 400 Malformed JSON from 10.0.0.9 (7 more client " \
                        "errors not logged)"


async def test_fields_from_outside_are_escaped_in_every_log_line(
        start_receiver: StartReceiver, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = await start_receiver()
    body = gateway_message(1, "Sale" + FORGED, "Q\r\nQ", TransactionID="t1" + FORGED)
    assert (await post(server, json.dumps(body).encode())).status_code == 200
    assert (await post(server, b"{nope", JSON)).status_code == 400
    mine = [r.getMessage() for r in caplog.records if r.name.startswith("desktop_app.webhooks")]
    assert any("stored as" in m and "t1\\x0a2026" in m for m in mine), mine
    assert any("refused 400" in m for m in mine)
    assert all("\n" not in m and "\r" not in m for m in mine)


async def test_a_flood_of_bad_posts_is_logged_a_few_lines_without_tracebacks(
        start_receiver: StartReceiver, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server = await start_receiver(client_error_burst=5, client_error_per_second=0.0)
    async with httpx.AsyncClient() as client:
        for _ in range(60):
            response = await client.post(server.url, content=b"{bad",
                                         headers={"Content-Type": JSON})
            assert response.status_code == 400
    ours = [r for r in caplog.records if r.name.startswith(("desktop_app", "aiohttp"))]
    assert len([r for r in ours if "refused" in r.getMessage()]) == 5
    assert all(r.exc_info is None and len(r.getMessage()) < 200 for r in ours)


def test_the_command_logs_to_its_own_file_one_line_per_record(app_home: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "main.py", "webhook-server", "--port", "0", "--sandbox"], cwd=ROOT,
        stdout=subprocess.PIPE, text=True, env=os.environ)
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.startswith("Webhook receiver listening on "), line
        url = line.rsplit(" ", 1)[1].strip()
        body = gateway_message(1, TransactionID="t1" + FORGED)
        with httpx.Client() as client:
            assert client.post(url, content=json.dumps(body),
                               headers={"Content-Type": JSON}).status_code == 200
            assert client.post(url, content=b"\x00\xff", headers={
                "Content-Type": JSON}).status_code == 400
        # aiohttp's own parser refuses these; its log lines must be one line too
        for bad in (b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
                    b"P\x1b[2J\nOST /\n\r\n\r\n"):
            with socket.create_connection(urlsplit(url)[1].split(":")) as raw:  # type: ignore[arg-type]
                raw.sendall(bad)
                raw.recv(1000)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    logs = app_home / "logs"
    own = (logs / "webhook-receiver.log").read_text(encoding="utf-8").splitlines()
    assert any("stored as 1" in line for line in own)
    assert any("refused 400" in line for line in own)
    assert all(RECORD.match(line) for line in own), own
    assert not any("Traceback" in line for line in own)
    assert not (logs / "frontdeskpay.log").exists()
    if os.name == "posix":
        assert (logs / "webhook-receiver.log").stat().st_mode & 0o077 == 0
