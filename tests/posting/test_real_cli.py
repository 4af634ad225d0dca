"""``main.py posting`` as IT runs it against real sshd and vsftpd: traversal refused, a stall
ended with the progress line finished first, a host key re-pinned, an FTPS certificate pinned
in settings (issue 14)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import uuid
from pathlib import Path

import asyncssh
import keyring
import pytest

from desktop_app.cli import main
from desktop_app.paths import app_paths
from desktop_app.posting.keys import generate_key_pair
from desktop_app.settings import KEYRING_SERVICE
from tests.posting.conftest import payload_file
from tests.posting.real_servers import OpenSsh, Vsftpd


def sftp_args(server: OpenSsh, tmp_path: Path, *extra: str) -> list[str]:
    key_file = tmp_path / "id_rsa"
    if not key_file.exists():
        server.authorize(generate_key_pair(key_file, 2048))
    return ["--host", "127.0.0.1", "--port", str(server.port), "--user", server.user,
            "--key-file", str(key_file), "--remote-dir", server.remote_dir, *extra]


def ftps_args(server: Vsftpd, *extra: str) -> list[str]:
    keyring.set_password(KEYRING_SERVICE, f"posting:ftps:127.0.0.1:{server.user}",
                         server.password)
    return ["--protocol", "ftps", "--host", "127.0.0.1", "--port", str(server.port),
            "--user", server.user, "--remote-dir", "/", *extra]


def error_lines(err: str) -> list[str]:
    assert "Traceback" not in err, err
    return [line for line in err.split("\n") if "Error:" in line]


@pytest.mark.parametrize("shape", ["/{}", "../{}"])
def test_sftp_download_outside_the_folder_is_refused(openssh: OpenSsh, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     shape: str) -> None:
    name = f"fdp-outside-{uuid.uuid4().hex}.txt"
    payload_file(openssh.home, name, 500)
    code = main(["posting", "download", shape.format(name),
                 *sftp_args(openssh, tmp_path, "--trust-new-host"), "--to", str(tmp_path / "in")])
    assert code == 3
    assert [line.startswith("Error: ") for line in error_lines(capsys.readouterr().err)] == [True]
    assert not Path("/", name).exists() and not (tmp_path / name).exists()


def test_ftps_download_outside_the_folder_is_refused(vsftpd: Vsftpd, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    name = f"fdp-outside-{uuid.uuid4().hex}.txt"
    payload_file(vsftpd.home, name, 500)
    code = main(["posting", "download", f"/{name}",
                 *ftps_args(vsftpd, "--ca-file", str(vsftpd.cert_file)),
                 "--to", str(tmp_path / "in")])
    assert code == 3
    assert "not a plain file name" in capsys.readouterr().err
    assert not Path("/", name).exists()


def test_a_stall_ends_the_progress_line_before_the_one_line_error(
        openssh: OpenSsh, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = payload_file(tmp_path / "out", "first.txt", 1000)
    second = payload_file(tmp_path / "out", "second.txt", 40_000_000)
    argv = ["posting", "upload", str(first), str(second),
            *sftp_args(openssh, tmp_path, "--trust-new-host", "--timeout", "2")]
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(main(argv)))
    worker.start()
    deadline = time.monotonic() + 20
    while not (openssh.home / ".second.txt.part").exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    for pid in openssh.children():
        os.kill(pid, signal.SIGSTOP)
    worker.join(60)
    assert result == [3]
    err = capsys.readouterr().err
    lines = error_lines(err)
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "stopped answering" in lines[0]
    assert (openssh.home / "first.txt").stat().st_size == 1000
    assert not (openssh.home / "second.txt").exists()


def _fingerprint(server: OpenSsh) -> str:
    return str(asyncssh.read_public_key(f"{server.host_key}.pub").get_fingerprint())


def test_repin_host_key_shows_old_and_new_and_pins_only_the_confirmed_key(
        openssh: OpenSsh, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pins = app_paths().ensure().data_dir / "posting_host_keys.json"
    old = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().strip()
    pins.write_text(json.dumps({f"127.0.0.1:{openssh.port}": old}))
    assert main(["posting", "list", *sftp_args(openssh, tmp_path)]) == 3
    assert "DIFFERENT key" in capsys.readouterr().err
    new = _fingerprint(openssh)
    wrong = "SHA256:" + "A" * 43
    assert main(["posting", "repin-host-key", *sftp_args(openssh, tmp_path), "--yes",
                 "--fingerprint", wrong]) == 3
    out = capsys.readouterr()
    assert str(asyncssh.import_public_key(old).get_fingerprint()) in out.out and new in out.out
    assert "the pin was kept" in out.err
    assert main(["posting", "repin-host-key", *sftp_args(openssh, tmp_path), "--yes",
                 "--fingerprint", new]) == 0
    assert "The new key is pinned." in capsys.readouterr().out
    assert main(["posting", "list", *sftp_args(openssh, tmp_path)]) == 0


def test_the_ftps_ca_file_and_certificate_pin_are_kept_in_settings(
        vsftpd: Vsftpd, capsys: pytest.CaptureFixture[str]) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    cert = x509.load_pem_x509_certificate(vsftpd.cert_file.read_bytes())
    pin = cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert main(["posting", "save-tls", "--ca-file", str(vsftpd.cert_file),
                 "--cert-sha256", pin]) == 0
    capsys.readouterr()
    assert main(["posting", "list", *ftps_args(vsftpd)]) == 0  # no --ca-file: from settings
    assert capsys.readouterr().out.strip() == "No files in / on the server."
    assert main(["posting", "save-tls", "--cert-sha256", "00" * 32]) == 0
    capsys.readouterr()
    assert main(["posting", "list", *ftps_args(vsftpd)]) == 3
    assert "DIFFERENT certificate" in capsys.readouterr().err
