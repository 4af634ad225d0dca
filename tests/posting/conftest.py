"""Posting servers on loopback (the sandbox's, and real sshd/vsftpd) and an in-memory
keyring for the secrets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop_app.sandbox.posting_servers import (
    PostingAccounts,
    SandboxFtpsServer,
    SandboxSftpServer,
    self_signed_certificate,
)
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed
from tests.posting.real_servers import (
    OpenSsh,
    SystemUser,
    Vsftpd,
    start_sshd,
    start_vsftpd,
    system_user,
)

__all__ = ["system_user"]  # a session fixture, re-exported for the tests here

USER, PASSWORD = "clinic01", "posting-pass"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


@pytest.fixture
def accounts() -> PostingAccounts:
    return PostingAccounts(passwords={USER: PASSWORD})


@pytest.fixture
async def sftp_server(tmp_path: Path,
                      accounts: PostingAccounts) -> AsyncIterator[SandboxSftpServer]:
    server = SandboxSftpServer(tmp_path / "sftp-root", accounts)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def ftps_server(tmp_path: Path, accounts: PostingAccounts) -> Iterator[SandboxFtpsServer]:
    server = SandboxFtpsServer(tmp_path / "ftps-root", accounts, tmp_path / "ftps-cert")
    server.start()
    yield server
    server.stop()


def payload_file(folder: Path, name: str = "batch.txt", size: int = 300_000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(bytes((i * 31 + 7) % 251 for i in range(size)))
    return path


class Interrupt(Exception):
    """Stands in for a dropped connection part-way through a transfer."""


def interrupt_after(limit: int) -> object:
    def progress(done: int, total: int) -> None:
        if done >= limit:
            raise Interrupt
    return progress


@pytest.fixture
def openssh(tmp_path: Path, system_user: SystemUser | None) -> Iterator[OpenSsh]:
    """Real sshd: internal-sftp, chroot and password login when root, RSA host key."""
    server = start_sshd(tmp_path / "sshd", system_user)
    yield server
    server.stop()


@pytest.fixture
def vsftpd(tmp_path: Path, system_user: SystemUser | None) -> Iterator[Vsftpd]:
    """Real vsftpd: explicit TLS, session reuse required, passive range, self-signed RSA."""
    folder = tmp_path / "vsftpd"
    folder.mkdir()
    cert, key = self_signed_certificate(folder, rsa_bits=2048)
    server = start_vsftpd(folder, system_user, cert, key)
    yield server
    server.stop()
