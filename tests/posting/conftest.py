"""Real posting servers on loopback and an in-memory keyring for the secrets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop_app.sandbox.posting_servers import (
    PostingAccounts,
    SandboxFtpsServer,
    SandboxSftpServer,
)

USER, PASSWORD = "clinic01", "posting-pass"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


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
