"""SFTP with asyncssh: password on port 22, RSA public key on 2201, server key pinned.

Host-key pinning is trust on first use with a human in the loop: an unknown server is refused
(with its fingerprint) unless the caller says ``trust_new_host``; a changed key is always
refused. asyncssh calls ``validate_host_public_key`` for keys not already trusted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import asyncssh

from desktop_app.posting.config import PinnedHosts, PostingTarget, password_key, secret
from desktop_app.posting.errors import HostKeyChanged, HostKeyUnknown, PostingError
from desktop_app.posting.keys import load_private_key
from desktop_app.posting.transfer import CHUNK, RemoteEntry


class _PinningClient(asyncssh.SSHClient):
    def __init__(self, pins: PinnedHosts, address: str, trust_new: bool) -> None:
        self.pins, self.address, self.trust_new = pins, address, trust_new
        self.refusal: PostingError | None = None

    def validate_host_public_key(self, host: str, addr: str, port: int,
                                 key: asyncssh.SSHKey) -> bool:
        offered = key.export_public_key("openssh").decode("ascii").strip()
        pinned = self.pins.get(self.address)
        if pinned is None and self.trust_new:
            self.pins.pin(self.address, offered)
            return True
        if pinned is None:
            self.refusal = HostKeyUnknown(self.address, key.get_fingerprint())
        elif pinned != offered:
            self.refusal = HostKeyChanged(self.address, key.get_fingerprint())
        return pinned == offered


class SftpFiles:
    def __init__(self, conn: asyncssh.SSHClientConnection, sftp: asyncssh.SFTPClient) -> None:
        self.conn, self.sftp = conn, sftp

    async def size(self, path: str) -> int | None:
        try:
            return int((await self.sftp.stat(path)).size or 0)
        except asyncssh.SFTPNoSuchFile:
            return None

    async def write_from(self, path: str, source: BinaryIO, offset: int,
                         sent: Callable[[int], None]) -> None:
        async with self.sftp.open(path, "r+b" if offset else "wb") as remote:
            position = offset
            while block := source.read(CHUNK):
                await remote.write(block, position)
                position += len(block)
                sent(len(block))

    async def read_to(self, path: str, sink: BinaryIO, offset: int,
                      received: Callable[[int], None]) -> None:
        async with self.sftp.open(path, "rb") as remote:
            position = offset
            while True:
                block = await remote.read(CHUNK, position)
                if not block:
                    break
                assert isinstance(block, bytes)  # opened "rb"
                sink.write(block)
                position += len(block)
                received(len(block))

    async def rename(self, source: str, target: str) -> None:
        try:
            await self.sftp.posix_rename(source, target)
        except asyncssh.SFTPOpUnsupported:
            with contextlib.suppress(asyncssh.SFTPNoSuchFile):
                await self.sftp.remove(target)
            await self.sftp.rename(source, target)

    async def remove(self, path: str) -> None:
        with contextlib.suppress(asyncssh.SFTPNoSuchFile):
            await self.sftp.remove(path)

    async def listdir(self, path: str) -> list[RemoteEntry]:
        names = await self.sftp.readdir(path)
        entries = [RemoteEntry(str(n.filename), int(n.attrs.size or 0)) for n in names
                   if n.filename not in (".", "..") and n.attrs.type != 2]
        return sorted(entries, key=lambda e: e.name)

    async def close(self) -> None:
        self.sftp.exit()
        self.conn.close()
        await self.conn.wait_closed()


async def connect_sftp(target: PostingTarget, pins_file: Path, *, trust_new_host: bool = False,
                       password: str | None = None) -> SftpFiles:
    """Connect with the key file when one is set, else the password from the keyring."""
    client = _PinningClient(PinnedHosts(pins_file), target.address, trust_new_host)
    auth: dict[str, object] = {"client_keys": [load_private_key(Path(target.key_file))]} \
        if target.key_file else {"password": password or secret(password_key(target),
                                                                 "posting password"),
                                 "client_keys": None}
    try:
        conn, _ = await asyncssh.create_connection(
            lambda: client, target.host, target.port, username=target.username,
            known_hosts=([], [], []), agent_path=None, connect_timeout=15, **auth)
        sftp = await conn.start_sftp_client()
    except asyncssh.HostKeyNotVerifiable:
        raise client.refusal or PostingError("The server's key could not be verified.") from None
    except asyncssh.PermissionDenied:
        raise PostingError(f"The posting server refused {target.username}'s credentials.") \
            from None
    except (OSError, asyncssh.Error) as exc:
        raise PostingError(f"Cannot reach the posting server {target.address}: {exc}") from None
    return SftpFiles(conn, sftp)
