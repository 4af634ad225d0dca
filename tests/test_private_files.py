"""What the app writes is the user's alone, and secrets never reach a plaintext keyring
(issue 14: a shared Citrix server has other users; PCI DSS 8.3.2)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring.backends.fail
import pytest
from keyring.errors import PasswordSetError
from keyrings.alt.file import PlaintextKeyring

from desktop_app.keyring_guard import NO_SECURE_KEYRING, is_insecure, secure_keyring
from desktop_app.logs import escape
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def run_app(home: Path, *argv: str, stdin: str = "",
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "FRONTDESK_PAY_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
                   **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120, env=environment)


def readable_by_others(root: Path) -> list[str]:
    return [f"{oct(path.stat().st_mode & 0o777)} {path}" for path in [root, *root.rglob("*")]
            if path.stat().st_mode & 0o077]


def test_everything_the_app_writes_is_0600_in_0700_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ca = tmp_path / "ca.pem"
    ca.write_text("not read here\n")
    for argv in (("history",),                                  # journal, WAL, log
                 ("posting", "save-tls", "--ca-file", str(ca)),  # settings
                 ("webhooks", "list")):                          # the webhook store
        result = run_app(home, *argv)
        assert result.returncode == 0, result.stderr
    written = [p for p in home.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in written}
    assert {".sqlite3", ".log", ".json"} <= kinds, sorted(map(str, written))
    assert readable_by_others(home) == []


def test_folders_made_by_an_older_version_are_tightened(tmp_path: Path) -> None:
    from desktop_app.paths import app_paths

    paths = app_paths()
    for folder in (paths.config_dir, paths.data_dir, paths.log_dir):
        folder.mkdir(parents=True, mode=0o755)
        folder.chmod(0o755)
    paths.ensure()
    assert {stat.S_IMODE(f.stat().st_mode) for f in (paths.config_dir, paths.data_dir,
                                                     paths.log_dir)} == {0o700}


def test_a_plaintext_keyring_is_refused_at_run_time(tmp_path: Path) -> None:
    data = tmp_path / "xdg"
    result = run_app(tmp_path / "home", "posting", "set-secret", "--user", "clinic01",
                     stdin="a-posting-password\n",
                     env={"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                          "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)})
    assert result.returncode == 3
    assert "No secure keyring is available" in result.stderr
    assert "Traceback" not in result.stderr
    leaked = [p for p in tmp_path.rglob("*") if p.is_file()
              and b"a-posting-password" in p.read_bytes()]
    assert leaked == []


@pytest.mark.parametrize("backend", [PlaintextKeyring(), keyring.backends.fail.Keyring()])
def test_plaintext_and_missing_keyrings_are_never_used(backend: keyring.backend.KeyringBackend
                                                       ) -> None:
    assert is_insecure(backend)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(PasswordSetError, match="No secure keyring"):
            secure_keyring().set_password("FrontDeskPay", "gateway:x", "secret")
        assert secure_keyring().get_password("FrontDeskPay", "gateway:x") is None
    finally:
        keyring.set_keyring(previous)
    assert "keyrings.alt" in NO_SECURE_KEYRING or "Secret Service" in NO_SECURE_KEYRING


def test_a_secure_keyring_is_used_as_is() -> None:
    with memory_keyring_installed() as backend:
        assert is_insecure(backend) == ""
        secure_keyring().set_password("FrontDeskPay", "gateway:x", "secret")
        assert isinstance(backend, MemoryKeyring)
        assert backend.store[("FrontDeskPay", "gateway:x")] == "secret"


def test_outside_text_is_escaped_for_logs_and_terminals() -> None:
    assert escape("TX1\n2026-01-01 INFO forged\x1b[2J\u2028") == (
        "TX1\\x0a2026-01-01 INFO forged\\x1b[2J\\u2028")
