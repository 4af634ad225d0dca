"""``main.py posting``: upload, list and download through the command line against FTPS."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest

from desktop_app.cli import main
from desktop_app.sandbox.posting_servers import SandboxFtpsServer
from desktop_app.settings import KEYRING_SERVICE
from tests.posting.conftest import PASSWORD, USER, payload_file


def test_upload_list_download_via_the_cli(ftps_server: SandboxFtpsServer, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    keyring.set_password(KEYRING_SERVICE, f"posting:ftps:127.0.0.1:{USER}", PASSWORD)
    common = ["--protocol", "ftps", "--host", "127.0.0.1", "--port", str(ftps_server.port),
              "--user", USER, "--remote-dir", "/", "--ca-file", str(ftps_server.cert_file)]
    local = payload_file(tmp_path / "out", size=70_000)
    assert main(["posting", "upload", str(local), *common]) == 0
    assert "batch.txt" in capsys.readouterr().err  # the progress bar
    assert main(["posting", "list", *common, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"name": "batch.txt", "size": 70_000}]
    assert main(["posting", "download", "batch.txt", *common, "--to", str(tmp_path / "in")]) == 0
    assert (tmp_path / "in" / "batch.txt").read_bytes() == local.read_bytes()


def test_a_missing_password_is_a_clear_error(ftps_server: SandboxFtpsServer,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["posting", "list", "--protocol", "ftps", "--host", "127.0.0.1", "--port",
                 str(ftps_server.port), "--user", "nobody"]) == 3
    assert "keyring" in capsys.readouterr().err
