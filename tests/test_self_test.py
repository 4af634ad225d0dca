"""``main.py --self-test`` proves this installation: resources, keyring, Qt and its web engine,
the reader-to-gateway path on every protocol, the configured journal."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_KEYRING = "tests.memory_keyring.MemoryKeyring"  # in memory: no plain-text file
PLAINTEXT_KEYRING = "keyrings.alt.file.PlaintextKeyring"


def _self_test(home: Path, keyring_backend: str = MEMORY_KEYRING
               ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FRONTDESK_PAY_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": keyring_backend, "XDG_DATA_HOME": str(home / "xdg")}
    return subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)


def test_self_test_proves_qt_the_web_engine_the_reader_path_and_the_journal(tmp_path: Path
                                                                           ) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(line[:4] in ("OK  ", "SKIP") for line in lines), result.stdout
    for expected in ("OK   WSDL payment.wsdl loads", "OK   WSDL sso.wsdl loads",
                     "OK   web engine renders a page", "OK   journal opens (SQLite)",
                     "OK   simulated card reader: chip"):
        assert expected in lines, result.stdout
    assert any(line.startswith("OK   every command installed: ") for line in lines)
    assert "OK   eligibility (270/271) with the sandbox's test patient" in lines
    assert any(line.startswith("OK   Qt event loop keeps reference counts") for line in lines)
    assert any(line.startswith("OK   keyring keeps secrets encrypted: tests.memory_keyring")
               for line in lines)
    assert any(line.startswith("OK   sandbox sale over nvp, from the simulated reader: Approved")
               for line in lines)
    for proto in ("nvp", "soap11", "soap12", "rest"):
        assert any(line.startswith(f"OK   sandbox sale over {proto}, keyed test card: Approved")
                   for line in lines), result.stdout
    assert any(tmp_path.rglob("journal.sqlite3"))


def test_self_test_fails_on_a_plain_text_keyring(tmp_path: Path) -> None:
    result = _self_test(tmp_path, PLAINTEXT_KEYRING)
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert failed == [f"FAIL keyring keeps secrets encrypted: {PLAINTEXT_KEYRING} stores "
                      "secrets in plain text or not at all: install the system's credential "
                      "store (Windows Credential Manager, Secret Service)"], result.stdout


def test_self_test_fails_in_one_line_when_the_configured_journal_is_down(tmp_path: Path
                                                                         ) -> None:
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps(
        {"journal_url": f"postgresql://frontdesk@127.0.0.1:{port}/frontdeskpay"}))
    result = _self_test(tmp_path)
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL journal opens"), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
