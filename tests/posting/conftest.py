"""Real posting servers on loopback and an in-memory keyring for the secrets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop_app.sandbox.posting_servers import (
    PostingAccounts,
    SandboxFtpsServer,
    SandboxSftpServer,
)
from tests.memory_keyring import MemoryKeyring, memory_keyring_installed

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
