"""FTPS with the standard library: explicit TLS on 21, PROT P, passive, TLS session reuse.

Many FTPS servers (vsftpd's require_ssl_reuse, FileZilla Server, pyftpdlib configured so)
refuse a data connection that does not resume the control connection's TLS session, so the
data socket is wrapped with ``session=self.sock.session``. ftplib blocks, so each client owns
one worker thread and every call runs there; the asyncio loop never waits on the network.
"""

from __future__ import annotations

import asyncio
import contextlib
import ftplib
import posixpath
import socket
import ssl
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO, TypeVar

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

    async def _run(self, fn: Callable[[], T]) -> T:
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, fn)
        except ftplib.error_perm as exc:
            raise PostingError(f"The posting server refused: {exc}") from None
        except (OSError, EOFError, ftplib.Error) as exc:
            raise PostingError(f"The connection to the posting server failed: {exc}") from None

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
        def listing() -> list[tuple[str, dict[str, Any]]]:
            return list(self.ftp.mlsd(path, facts=["size", "type"]))
        rows = await self._run(listing)
        return sorted((RemoteEntry(posixpath.basename(name), int(facts.get("size", 0)))
                       for name, facts in rows if facts.get("type") == "file"),
                      key=lambda e: e.name)

    async def close(self) -> None:
        def quit_() -> None:
            try:
                self.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                self.ftp.close()
        await asyncio.get_running_loop().run_in_executor(self._executor, quit_)
        self._executor.shutdown(wait=False)


def client_context(ca_file: str = "") -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_file or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


async def connect_ftps(target: PostingTarget, *, password: str | None = None,
                       timeout: float = 20.0) -> FtpsFiles:
    password = password or secret(password_key(target), "posting password")
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ftps")

    def login() -> SessionReusingFTP_TLS:
        ftp = SessionReusingFTP_TLS(context=client_context(target.ca_file), timeout=timeout)
        ftp.connect(target.host, target.port)
        ftp.auth()
        ftp.login(target.username, password)
        ftp.prot_p()
        ftp.set_pasv(True)
        return ftp

    try:
        ftp = await asyncio.get_running_loop().run_in_executor(executor, login)
    except ftplib.error_perm:
        executor.shutdown(wait=False)
        raise PostingError(f"The posting server refused {target.username}'s credentials.") \
            from None
    except (OSError, EOFError, ftplib.Error) as exc:
        executor.shutdown(wait=False)
        raise PostingError(f"Cannot reach the posting server {target.address}: {exc}") from None
    return FtpsFiles(ftp, executor)
