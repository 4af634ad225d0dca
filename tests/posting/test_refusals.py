"""What the posting command refuses, and how: one line, exit 3, nothing written (issue 14)."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import keyring
import pytest

from desktop_app.cli import main
from desktop_app.posting import PostingError
from desktop_app.posting.keys import generate_key_pair
from desktop_app.sandbox.posting_servers import SandboxFtpsServer, SandboxSftpServer
from desktop_app.settings import KEYRING_SERVICE
from tests.posting.conftest import PASSWORD, USER, payload_file


def sftp_args(server: SandboxSftpServer, *extra: str) -> list[str]:
    keyring.set_password(KEYRING_SERVICE, f"posting:sftp:127.0.0.1:{USER}", PASSWORD)
    return ["--host", "127.0.0.1", "--port", str(server.password_port), "--user", USER,
            "--trust-new-host", *extra]


def ftps_args(server: SandboxFtpsServer, *extra: str) -> list[str]:
    keyring.set_password(KEYRING_SERVICE, f"posting:ftps:127.0.0.1:{USER}", PASSWORD)
    return ["--protocol", "ftps", "--host", "127.0.0.1", "--port", str(server.port),
            "--user", USER, "--ca-file", str(server.cert_file), *extra]


async def cli(*argv: str) -> int:
    """The command in a thread, so the sandbox SFTP server on this test's loop can answer."""
    return await asyncio.to_thread(main, ["posting", *argv])


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and len(lines) == 1 and lines[0].startswith("Error: "), err
    return lines[0]


@pytest.mark.parametrize("shape", ["/{}", "../{}", "sub/{}", "..\\{}", "C:{}"])
async def test_a_download_name_with_a_folder_is_refused_before_a_byte_is_written(
        sftp_server: SandboxSftpServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        shape: str) -> None:
    name = f"fdp-outside-{uuid.uuid4().hex}.txt"
    payload_file(sftp_server.root / USER, name, 1000)  # what "/NAME" means on the server
    inbox = tmp_path / "inbox"
    code = await cli("download", shape.format(name), *sftp_args(sftp_server), "--to",
                     str(inbox))
    assert code == 3
    assert "not a plain file name" in one_error_line(capsys)
    assert not Path("/", name).exists() and not (tmp_path / name).exists()
    assert not inbox.exists()


def test_ftps_refuses_an_absolute_download_name_too(ftps_server: SandboxFtpsServer,
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    name = f"fdp-outside-{uuid.uuid4().hex}.txt"
    payload_file(ftps_server.root / USER, name, 1000)
    assert main(["posting", "download", f"/{name}", *ftps_args(ftps_server),
                 "--to", str(tmp_path / "inbox")]) == 3
    assert "not a plain file name" in one_error_line(capsys)
    assert not Path("/", name).exists()


async def test_a_missing_remote_folder_is_one_line_and_exit_3(sftp_server: SandboxSftpServer,
                                                        tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    local = payload_file(tmp_path / "out", size=5000)
    code = await cli("upload", str(local), *sftp_args(sftp_server, "--remote-dir",
                                                      "/no-such-folder"))
    assert code == 3
    assert "the folder /no-such-folder does not exist" in one_error_line(capsys)
    assert await cli("list", *sftp_args(sftp_server, "--remote-dir", "/nope")) == 3
    assert "does not exist" in one_error_line(capsys)


@pytest.mark.parametrize("what", ["missing", "folder"])
def test_a_local_file_that_cannot_be_sent_is_one_line_before_connecting(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str) -> None:
    local = tmp_path / "batch.txt"
    if what == "folder":
        local.mkdir()
    # Port 9 on loopback: nothing listens; the refusal must come before any connection.
    code = main(["posting", "upload", str(local), "--host", "127.0.0.1", "--port", "9",
                 "--user", USER])
    assert code == 3
    line = one_error_line(capsys)
    assert ("does not exist" if what == "missing" else "is not a file") in line


async def test_list_hides_part_files_and_says_an_empty_folder_in_words(
        sftp_server: SandboxSftpServer, capsys: pytest.CaptureFixture[str]) -> None:
    home = sftp_server.root / USER
    payload_file(home, ".batch.txt.part", 100)
    assert await cli("list", *sftp_args(sftp_server, "--remote-dir", "/")) == 0
    assert capsys.readouterr().out.strip() == "No files in / on the server."
    payload_file(home, "remit\x1b[2J.835", 100)  # a name from the server is escaped
    assert await cli("list", *sftp_args(sftp_server, "--remote-dir", "/")) == 0
    out = capsys.readouterr().out
    assert "remit\\x1b[2J.835  100 bytes" in out and "\x1b" not in out and ".part" not in out


def test_keys_weaker_than_2048_bits_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PostingError, match="2048, 4096 bits"):
        generate_key_pair(tmp_path / "weak", 1024)
    assert not (tmp_path / "weak").exists()
