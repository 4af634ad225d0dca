"""FTPS against a real local pyftpdlib server: TLS on both channels, passive, interruption."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from desktop_app.posting import PostingError
from desktop_app.posting.config import PostingTarget
from desktop_app.posting.ftps import FtpsFiles, connect_ftps
from desktop_app.posting.transfer import Progress, download, upload
from desktop_app.sandbox.posting_servers import SandboxFtpsServer
from tests.posting.conftest import PASSWORD, USER, Interrupt, payload_file


def target(server: SandboxFtpsServer) -> PostingTarget:
    return PostingTarget("ftps", "127.0.0.1", server.port, USER, "/",
                         ca_file=str(server.cert_file))


async def connect(server: SandboxFtpsServer) -> FtpsFiles:
    return await connect_ftps(target(server), password=PASSWORD)


async def test_upload_list_download_over_protected_passive_data(
        ftps_server: SandboxFtpsServer, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out")
    files = await connect(ftps_server)
    try:
        assert files.ftp.passiveserver and files.ftp._prot_p  # type: ignore[attr-defined]
        result = await upload(files, local, "/")
        listing = await files.listdir("/")
        await download(files, "/", "batch.txt", tmp_path / "in")
    finally:
        await files.close()
    assert result.size == local.stat().st_size
    assert [(e.name, e.size) for e in listing] == [("batch.txt", local.stat().st_size)]
    assert (ftps_server.root / USER / "batch.txt").read_bytes() == local.read_bytes()
    assert (tmp_path / "in" / "batch.txt").read_bytes() == local.read_bytes()


async def test_the_data_channel_resumes_the_control_tls_session(
        ftps_server: SandboxFtpsServer, tmp_path: Path) -> None:
    files = await connect(ftps_server)
    seen: list[bool] = []
    original = files.ftp.ntransfercmd

    def spy(cmd: str, rest: int | str | None = None):  # type: ignore[no-untyped-def]
        conn, size = original(cmd, rest)
        seen.append((conn.session is not None and conn.session == files.ftp.sock.session) or
                    conn.session_reused)
        return conn, size

    files.ftp.ntransfercmd = spy  # type: ignore[method-assign]
    try:
        await upload(files, payload_file(tmp_path / "out", size=5000), "/")
    finally:
        await files.close()
    assert seen and all(seen)


async def test_wrong_password_is_refused(ftps_server: SandboxFtpsServer) -> None:
    with pytest.raises(PostingError, match="refused"):
        await connect_ftps(target(ftps_server), password="wrong")


async def test_an_untrusted_server_certificate_is_refused(ftps_server: SandboxFtpsServer) -> None:
    untrusted = PostingTarget("ftps", "127.0.0.1", ftps_server.port, USER)
    with pytest.raises(PostingError, match=r"certificate is not trusted.*--ca-file"):
        await connect_ftps(untrusted, password=PASSWORD)


def interrupt_once_stored(part: Path, limit: int) -> Progress:
    """Cut the upload off once ``limit`` bytes are sent and the server has stored some: cut
    before the server read any, the part could be empty and there would be nothing to
    resume. (It runs on the client's transfer thread, so waiting here blocks only that.)"""
    def progress(done: int, total: int) -> None:
        if done < limit:
            return
        for _ in range(3000):  # a guard against a server that stores nothing, not a clock
            if part.exists() and part.stat().st_size > 0:
                raise Interrupt
            time.sleep(0.01)
        raise AssertionError(f"the server stored nothing of {done} bytes sent")
    return progress


async def test_an_interrupted_upload_leaves_no_final_file_and_then_resumes(
        ftps_server: SandboxFtpsServer, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=1_000_000)
    home = ftps_server.root / USER
    files = await connect(ftps_server)
    with pytest.raises(Interrupt):
        await upload(files, local, "/",
                     progress=interrupt_once_stored(home / ".batch.txt.part", 200_000))
    files.ftp.close()
    # The server may still be writing what was in flight: resuming before it closes the
    # part would read a size it is still growing (once: resumed from 0).
    assert await asyncio.to_thread(ftps_server.wait_upload_ended)
    assert not (home / "batch.txt").exists()
    files = await connect(ftps_server)
    try:
        result = await upload(files, local, "/")
    finally:
        await files.close()
    assert result.resumed_from > 0
    assert (home / "batch.txt").read_bytes() == local.read_bytes()
    assert not (home / ".batch.txt.part").exists()
