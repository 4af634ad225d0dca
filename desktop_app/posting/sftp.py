"""SFTP with asyncssh: password on port 22, RSA public key on 2201, server key pinned.

Host-key pinning is trust on first use with a human in the loop: an unknown server is refused
(with its fingerprint) unless the caller says ``trust_new_host``; a changed key is always
refused. asyncssh calls ``validate_host_public_key`` for keys not already trusted.

Every operation has its own deadline and the connection sends keepalives, so a server that
stops answering mid-transfer is given up on in bounded time (a stalled one once hung the
client past 75 s). Every asyncssh error after connecting becomes one PostingError line.
Reads and writes go in windows of several requests in flight (asyncssh splits a large
read/write into parallel SFTP requests): one 64 KiB request at a time made a 10 MB upload
through a 50 ms round trip take 10 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import posixpath
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

import asyncssh
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop_app import tlspolicy
from desktop_app.logs import escape
from desktop_app.posting.config import PinnedHosts, PostingTarget, password_key, secret
from desktop_app.posting.errors import HostKeyChanged, HostKeyUnknown, PostingError
from desktop_app.posting.keys import load_private_key
from desktop_app.posting.transfer import RemoteEntry

T = TypeVar("T")
WINDOW = 4 * 1024 * 1024     # bytes per read/write call; asyncssh keeps up to 128 requests out
OPERATION_TIMEOUT = 30.0     # seconds for one window, one stat, one rename...
KEEPALIVE = (10.0, 3)        # interval, missed answers before the connection is dropped


class _PinningClient(asyncssh.SSHClient):
    def __init__(self, pins: PinnedHosts, address: str, trust_new: bool) -> None:
        self.pins, self.address, self.trust_new = pins, address, trust_new
        self.refusal: PostingError | None = None

    def validate_host_public_key(self, host: str, addr: str, port: int,
                                 key: asyncssh.SSHKey) -> bool:
        offered = key.export_public_key("openssh").decode("ascii").strip()
        pinned = self.pins.get(self.address)
        try:
            tlspolicy.check_ssh_host_key_size(_rsa_bits(key))
        except tlspolicy.WeakTransport as exc:
            self.refusal = PostingError(str(exc))
            return False
        if pinned is None and self.trust_new:
            self.pins.pin(self.address, offered)
            return True
        if pinned is None:
            self.refusal = HostKeyUnknown(self.address, key.get_fingerprint())
        elif pinned != offered:
            self.refusal = HostKeyChanged(self.address, key.get_fingerprint())
        return pinned == offered


def _rsa_bits(key: asyncssh.SSHKey) -> int | None:
    pyca = getattr(key, "pyca_key", None)
    return pyca.key_size if isinstance(pyca, rsa.RSAPublicKey | rsa.RSAPrivateKey) else None


def _refusal(what: str, exc: asyncssh.SFTPError) -> PostingError:
    if isinstance(exc, asyncssh.SFTPConnectionLost):
        return PostingError("The connection to the posting server was lost; nothing was left "
                            "under the final name. Send it again.")
    if isinstance(exc, asyncssh.SFTPNoSuchFile | asyncssh.SFTPNoSuchPath):
        return PostingError(f"{what} does not exist on the posting server.")
    if isinstance(exc, asyncssh.SFTPPermissionDenied):
        return PostingError(f"The posting server does not allow this on {what} "
                            "(permission denied).")
    return PostingError(f"The posting server refused ({what}): {escape(exc.reason)}")


def _folder(path: str) -> str:
    return f"the folder {escape(posixpath.dirname(path) or '.')}"


class SftpFiles:
    def __init__(self, conn: asyncssh.SSHClientConnection, sftp: asyncssh.SFTPClient, *,
                 timeout: float = OPERATION_TIMEOUT) -> None:
        self.conn, self.sftp, self.timeout = conn, sftp, timeout

    async def _op(self, what: str, work: Awaitable[T]) -> T:
        """One operation under its deadline; every failure as one PostingError line."""
        try:
            async with asyncio.timeout(self.timeout):
                return await work
        except TimeoutError:
            self.conn.abort()
            raise PostingError(f"The posting server stopped answering (nothing for "
                               f"{self.timeout:g} s); the transfer was stopped.") from None
        except asyncssh.SFTPError as exc:
            raise _refusal(what, exc) from None
        except (OSError, asyncssh.Error) as exc:
            raise PostingError("The connection to the posting server failed: "
                               f"{escape(exc)}") from None

    async def size(self, path: str) -> int | None:
        async def size() -> int | None:
            try:
                return int((await self.sftp.stat(path)).size or 0)
            except asyncssh.SFTPNoSuchFile:
                return None
        return await self._op(escape(path), size())

    async def write_from(self, path: str, source: BinaryIO, offset: int,
                         sent: Callable[[int], None]) -> None:
        remote = await self._op(_folder(path), self.sftp.open(path, "r+b" if offset else "wb"))
        try:
            position = offset
            while block := source.read(WINDOW):
                await self._op(escape(path), remote.write(block, position))
                position += len(block)
                sent(len(block))
        finally:
            with contextlib.suppress(PostingError):
                await self._op(escape(path), remote.close())

    async def read_to(self, path: str, sink: BinaryIO, offset: int,
                      received: Callable[[int], None]) -> None:
        remote = await self._op(escape(path), self.sftp.open(path, "rb"))
        try:
            position = offset
            while block := await self._op(escape(path), remote.read(WINDOW, position)):
                assert isinstance(block, bytes)  # opened "rb"
                sink.write(block)
                position += len(block)
                received(len(block))
        finally:
            with contextlib.suppress(PostingError):
                await self._op(escape(path), remote.close())

    async def rename(self, source: str, target: str) -> None:
        async def rename() -> None:
            try:
                await self.sftp.posix_rename(source, target)
            except asyncssh.SFTPOpUnsupported:
                with contextlib.suppress(asyncssh.SFTPNoSuchFile):
                    await self.sftp.remove(target)
                await self.sftp.rename(source, target)
        await self._op(escape(target), rename())

    async def remove(self, path: str) -> None:
        async def remove() -> None:
            with contextlib.suppress(asyncssh.SFTPNoSuchFile):
                await self.sftp.remove(path)
        await self._op(escape(path), remove())

    async def listdir(self, path: str) -> list[RemoteEntry]:
        names = await self._op(f"the folder {escape(path)}", self.sftp.readdir(path))
        entries = [RemoteEntry(str(n.filename), int(n.attrs.size or 0)) for n in names
                   if n.filename not in (".", "..") and n.attrs.type != 2]
        return sorted(entries, key=lambda e: e.name)

    async def close(self) -> None:
        self.sftp.exit()
        self.conn.close()
        await self.conn.wait_closed()


async def connect_sftp(target: PostingTarget, pins_file: Path, *, trust_new_host: bool = False,
                       password: str | None = None,
                       timeout: float = OPERATION_TIMEOUT) -> SftpFiles:
    """Connect with the key file when one is set, else the password from the keyring."""
    client = _PinningClient(PinnedHosts(pins_file), target.address, trust_new_host)
    auth: dict[str, object] = {"client_keys": [load_private_key(Path(target.key_file))]} \
        if target.key_file else {"password": password or secret(password_key(target),
                                                                 "posting password"),
                                 "client_keys": None}
    try:
        conn, _ = await asyncssh.create_connection(
            lambda: client, target.host, target.port, username=target.username,
            known_hosts=([], [], []), agent_path=None, connect_timeout=15, login_timeout=timeout,
            keepalive_interval=KEEPALIVE[0], keepalive_count_max=KEEPALIVE[1],
            encryption_algs=list(tlspolicy.SSH_ENCRYPTION), kex_algs=list(tlspolicy.SSH_KEX),
            mac_algs=list(tlspolicy.SSH_MAC), **auth)
        sftp = await asyncio.wait_for(conn.start_sftp_client(), timeout)
    except asyncssh.HostKeyNotVerifiable:
        raise client.refusal or PostingError("The server's key could not be verified.") from None
    except asyncssh.PermissionDenied:
        raise PostingError(f"The posting server refused {target.username}'s credentials.") \
            from None
    except asyncssh.KeyExchangeFailed as exc:
        raise PostingError(f"The posting server {target.address} was refused: "
                           f"{tlspolicy.explain_ssh(exc)}") from None
    except TimeoutError:
        raise PostingError(f"The posting server {target.address} did not answer in "
                           f"{timeout:g} s.") from None
    except (OSError, asyncssh.Error) as exc:
        raise PostingError(f"Cannot reach the posting server {target.address}: "
                           f"{escape(exc)}") from None
    return SftpFiles(conn, sftp, timeout=timeout)


def fingerprint(public_key: str) -> str:
    """SHA256:... of an OpenSSH public key line, as ``ssh-keygen -l`` prints it."""
    return str(asyncssh.import_public_key(public_key).get_fingerprint())


async def server_host_key(target: PostingTarget, timeout: float = 15.0) -> str:
    """The key the server offers now (no login), as the OpenSSH line a pin holds."""
    try:
        key = await asyncio.wait_for(asyncssh.get_server_host_key(
            target.host, target.port, kex_algs=list(tlspolicy.SSH_KEX)), timeout)
    except TimeoutError:
        raise PostingError(f"The posting server {target.address} did not answer in "
                           f"{timeout:g} s.") from None
    except (OSError, asyncssh.Error) as exc:
        raise PostingError(f"Cannot reach the posting server {target.address}: "
                           f"{escape(exc)}") from None
    if key is None:
        raise PostingError(f"The posting server {target.address} offered no host key.")
    return key.export_public_key("openssh").decode("ascii").strip()
