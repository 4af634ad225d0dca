"""FTPS with the standard library: explicit TLS on 21, PROT P, passive, TLS session reuse.

Many FTPS servers (vsftpd's require_ssl_reuse, FileZilla Server, pyftpdlib configured so)
refuse a data connection that does not resume the control connection's TLS session, so the
data socket is wrapped with ``session=self.sock.session``. ftplib blocks, so each client owns
one worker thread and every call runs there; the asyncio loop never waits on the network.

Both channels use ``tlspolicy.client_context`` (TLS 1.2+, no RSA key under 2048 bits); a
certificate may also be pinned by its SHA-256 fingerprint (IT's setting), checked right after
AUTH TLS, before the password is sent. vsftpd has no MLSD (``501 Option not understood``), so
a listing falls back to LIST's Unix lines, then to NLST with SIZE.
"""

from __future__ import annotations

import asyncio
import contextlib
import ftplib
import hashlib
import posixpath
import socket
import ssl
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO, TypeVar

from desktop_app import tlspolicy
from desktop_app.logs import escape
from desktop_app.posting.config import PostingTarget, password_key, secret
from desktop_app.posting.errors import PostingError
from desktop_app.posting.transfer import CHUNK, RemoteEntry

T = TypeVar("T")


class SessionReusingFTP_TLS(ftplib.FTP_TLS):
    """FTP_TLS whose data connections resume the control connection's TLS session."""

    def ntransfercmd(self, cmd: str,
                     rest: int | str | None = None) -> tuple[socket.socket, int | None]:
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:  # type: ignore[attr-defined]
            session = self.sock.session  # type: ignore[union-attr]
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=session)
        return conn, size


class FtpsFiles:
    def __init__(self, ftp: SessionReusingFTP_TLS, executor: ThreadPoolExecutor) -> None:
        self.ftp, self._executor = ftp, executor
        self.stalled = False  # no QUIT to a server that stopped answering: just close

    async def _run(self, fn: Callable[[], T]) -> T:
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, fn)
        except ftplib.error_perm as exc:
            raise PostingError(f"The posting server refused: {escape(exc)}") from None
        except TimeoutError:
            self.stalled = True
            raise PostingError(f"The posting server stopped answering (nothing for "
                               f"{self.ftp.timeout:g} s); the transfer was stopped.") from None
        except ssl.SSLError as exc:
            raise PostingError("The posting server's data connection was refused: "
                               f"{tlspolicy.explain(exc)}") from None
        except (OSError, EOFError, ftplib.Error) as exc:
            raise PostingError("The connection to the posting server failed: "
                               f"{escape(exc)}") from None

    async def size(self, path: str) -> int | None:
        def size() -> int | None:
            self.ftp.voidcmd("TYPE I")
            try:
                return self.ftp.size(path)
            except ftplib.error_perm:
                return None
        return await self._run(size)

    async def write_from(self, path: str, source: BinaryIO, offset: int,
                         sent: Callable[[int], None]) -> None:
        command = f"APPE {path}" if offset else f"STOR {path}"
        await self._run(lambda: self.ftp.storbinary(command, source, CHUNK,
                                                    lambda block: sent(len(block))))

    async def read_to(self, path: str, sink: BinaryIO, offset: int,
                      received: Callable[[int], None]) -> None:
        def write(block: bytes) -> None:
            sink.write(block)
            received(len(block))
        await self._run(lambda: self.ftp.retrbinary(f"RETR {path}", write, CHUNK,
                                                    rest=offset or None))

    async def rename(self, source: str, target: str) -> None:
        def rename() -> None:
            try:
                self.ftp.rename(source, target)
            except ftplib.error_perm:  # servers that will not rename over a file
                self.ftp.delete(target)
                self.ftp.rename(source, target)
        await self._run(rename)

    async def remove(self, path: str) -> None:
        def remove() -> None:
            with contextlib.suppress(ftplib.error_perm):
                self.ftp.delete(path)
        await self._run(remove)

    async def listdir(self, path: str) -> list[RemoteEntry]:
        rows = await self._run(lambda: _listing(self.ftp, path))
        return sorted(rows, key=lambda e: e.name)

    async def close(self) -> None:
        def quit_() -> None:
            try:
                if self.stalled:
                    raise EOFError
                self.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                self.ftp.close()
        await asyncio.get_running_loop().run_in_executor(self._executor, quit_)
        self._executor.shutdown(wait=False)


def _listing(ftp: ftplib.FTP, path: str) -> list[RemoteEntry]:
    """MLSD where the server has it; else LIST's Unix lines; else NLST names with SIZE."""
    try:
        return [RemoteEntry(posixpath.basename(name), int(facts.get("size", 0)))
                for name, facts in ftp.mlsd(path, facts=["size", "type"])
                if facts.get("type") == "file"]
    except ftplib.error_perm as exc:
        if not str(exc).startswith(("500", "501", "502", "504")):
            raise
    lines: list[str] = []
    ftp.retrlines(f"LIST {path}", lines.append)
    parsed = [_unix_line(line) for line in lines if not line.startswith("total ")]
    if all(entry is not False for entry in parsed):
        return [entry for entry in parsed if isinstance(entry, RemoteEntry)]
    ftp.voidcmd("TYPE I")
    entries = []
    for name in ftp.nlst(path):
        with contextlib.suppress(ftplib.error_perm):  # a folder has no SIZE
            size = ftp.size(name)
            if size is not None:
                entries.append(RemoteEntry(posixpath.basename(name), size))
    return entries


def _unix_line(line: str) -> RemoteEntry | bool | None:
    """``-rw-r--r-- 1 ftp ftp 1000 Jan 01 00:00 name``: an entry, None (not a file), or
    False (not this format at all)."""
    parts = line.split(None, 8)
    if len(parts) != 9 or len(parts[0]) < 10 or not parts[4].isdigit():
        return False
    return RemoteEntry(parts[8], int(parts[4])) if parts[0][0] == "-" else None


def certificate_sha256(ftp: ftplib.FTP_TLS) -> str:
    der = ftp.sock.getpeercert(binary_form=True)  # type: ignore[union-attr]
    return hashlib.sha256(der or b"").hexdigest()


def _check_pin(ftp: ftplib.FTP_TLS, target: PostingTarget) -> None:
    if not target.cert_sha256:
        return
    seen = certificate_sha256(ftp)
    if seen != target.cert_sha256.replace(":", "").lower():
        raise PostingError(f"The posting server {target.address} presented a DIFFERENT "
                           f"certificate (SHA-256 {seen}) from the one pinned in settings "
                           f"({target.cert_sha256}). Do not continue; call your gateway "
                           "contact.")


async def connect_ftps(target: PostingTarget, *, password: str | None = None,
                       timeout: float = 20.0) -> FtpsFiles:
    password = password or secret(password_key(target), "posting password")
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ftps")

    def login() -> SessionReusingFTP_TLS:
        ftp = SessionReusingFTP_TLS(context=tlspolicy.client_context(target.ca_file),
                                    timeout=timeout)
        ftp.connect(target.host, target.port)
        ftp.auth()
        _check_pin(ftp, target)
        ftp.login(target.username, password)
        ftp.prot_p()
        ftp.set_pasv(True)
        return ftp

    try:
        ftp = await asyncio.get_running_loop().run_in_executor(executor, login)
    except PostingError:
        executor.shutdown(wait=False)
        raise
    except ssl.SSLError as exc:
        executor.shutdown(wait=False)
        raise PostingError(f"The posting server {target.address} was refused: "
                           f"{tlspolicy.explain(exc)}") from None
    except ftplib.error_perm:
        executor.shutdown(wait=False)
        raise PostingError(f"The posting server refused {target.username}'s credentials.") \
            from None
    except (OSError, EOFError, ftplib.Error) as exc:
        executor.shutdown(wait=False)
        raise PostingError(f"Cannot reach the posting server {target.address}: "
                           f"{escape(exc)}") from None
    return FtpsFiles(ftp, executor)
