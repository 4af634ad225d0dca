"""The posting client against real OpenSSH sshd (internal-sftp, chroot) and vsftpd (explicit
TLS, require_ssl_reuse=YES, passive range), each started from its own config (issue 14)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from desktop_app.posting import PostingError
from desktop_app.posting.config import PostingTarget
from desktop_app.posting.ftps import FtpsFiles, connect_ftps
from desktop_app.posting.keys import generate_key_pair
from desktop_app.posting.sftp import SftpFiles, connect_sftp
from desktop_app.posting.transfer import download, upload
from tests.posting.conftest import Interrupt, interrupt_after, payload_file
from tests.posting.real_servers import OpenSsh, Vsftpd


async def sftp_to(server: OpenSsh, tmp_path: Path, *, key_file: str = "",
                  timeout: float = 30.0) -> SftpFiles:
    target = PostingTarget("sftp", "127.0.0.1", server.port, server.user, server.remote_dir,
                           key_file=key_file)
    return await connect_sftp(target, tmp_path / "pins.json", trust_new_host=True,
                              password=None if key_file else server.password, timeout=timeout)


async def ftps_to(server: Vsftpd) -> FtpsFiles:
    target = PostingTarget("ftps", "127.0.0.1", server.port, server.user, "/",
                           ca_file=str(server.cert_file))
    return await connect_ftps(target, password=server.password, timeout=10)


def keyed(server: OpenSsh, tmp_path: Path) -> str:
    key_file = tmp_path / "id_rsa"
    if not key_file.exists():
        server.authorize(generate_key_pair(key_file, 2048))
    return str(key_file)


async def test_sftp_upload_list_download_through_a_chrooted_internal_sftp(
        openssh: OpenSsh, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=3_000_000)
    files = await sftp_to(openssh, tmp_path, key_file="" if openssh.password else
                          keyed(openssh, tmp_path))
    try:
        result = await upload(files, local, openssh.remote_dir)
        listing = await files.listdir(openssh.remote_dir)
        await download(files, openssh.remote_dir, "batch.txt", tmp_path / "in")
    finally:
        await files.close()
    assert result.resumed_from == 0
    assert [(e.name, e.size) for e in listing] == [("batch.txt", 3_000_000)]
    assert (openssh.home / "batch.txt").read_bytes() == local.read_bytes()
    assert (tmp_path / "in" / "batch.txt").read_bytes() == local.read_bytes()


async def test_sftp_rsa_key_login_on_the_real_server(openssh: OpenSsh, tmp_path: Path) -> None:
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path))
    try:
        await upload(files, payload_file(tmp_path / "out", size=1000), openssh.remote_dir)
    finally:
        await files.close()
    assert (openssh.home / "batch.txt").stat().st_size == 1000


async def test_ftps_upload_list_download_with_session_reuse_required(
        vsftpd: Vsftpd, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=500_000)
    files = await ftps_to(vsftpd)
    channels: list[tuple[str | None, bool]] = []
    original = files.ftp.ntransfercmd

    def spy(cmd: str, rest: int | str | None = None):  # type: ignore[no-untyped-def]
        conn, size = original(cmd, rest)
        channels.append((conn.version(), conn.session_reused))
        return conn, size

    files.ftp.ntransfercmd = spy  # type: ignore[method-assign]
    try:
        await upload(files, local, "/")
        listing = await files.listdir("/")  # vsftpd has no MLSD: LIST is parsed
        await download(files, "/", "batch.txt", tmp_path / "in")
    finally:
        await files.close()
    assert [(e.name, e.size) for e in listing] == [("batch.txt", 500_000)]
    # every data channel: TLS 1.2+ and the control connection's session (vsftpd demands it)
    assert channels and all(v in ("TLSv1.2", "TLSv1.3") and reused for v, reused in channels)
    assert (vsftpd.home / "batch.txt").read_bytes() == local.read_bytes()
    assert (tmp_path / "in" / "batch.txt").read_bytes() == local.read_bytes()


@pytest.mark.parametrize("verify_checksum", [True, False])
async def test_sftp_interrupted_upload_resumes_and_a_stale_part_restarts(
        openssh: OpenSsh, tmp_path: Path, verify_checksum: bool) -> None:
    local = payload_file(tmp_path / "out", size=6_000_000)
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path))
    try:
        with pytest.raises(Interrupt):
            await upload(files, local, openssh.remote_dir,
                         progress=interrupt_after(1))  # type: ignore[arg-type]
    finally:
        await files.close()
    part = openssh.home / ".batch.txt.part"
    assert part.stat().st_size > 0 and not (openssh.home / "batch.txt").exists()
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path))
    try:
        resumed = await upload(files, local, openssh.remote_dir, verify_checksum=verify_checksum)
        assert resumed.resumed_from == part_size_when_interrupted(resumed)
        (openssh.home / "batch.txt").unlink()
        part.write_bytes(b"\0" * 1_000_000)  # stale: not the start of this file
        os.chown(part, openssh.home.stat().st_uid, openssh.home.stat().st_gid)
        restarted = await upload(files, local, openssh.remote_dir,
                                 verify_checksum=verify_checksum)
    finally:
        await files.close()
    assert restarted.resumed_from == 0
    assert (openssh.home / "batch.txt").read_bytes() == local.read_bytes()
    assert not part.exists()


def part_size_when_interrupted(result: object) -> int:
    resumed = getattr(result, "resumed_from", 0)
    assert resumed > 0, "the second attempt resumed from the part"
    return int(resumed)


async def test_sftp_interrupted_download_resumes(openssh: OpenSsh, tmp_path: Path) -> None:
    source = payload_file(tmp_path / "src", "remit.835", 6_000_000)
    (openssh.home / "remit.835").write_bytes(source.read_bytes())
    inbox = tmp_path / "in"
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path))
    try:
        with pytest.raises(Interrupt):
            await download(files, openssh.remote_dir, "remit.835", inbox,
                           progress=interrupt_after(1))  # type: ignore[arg-type]
        assert not (inbox / "remit.835").exists()
        result = await download(files, openssh.remote_dir, "remit.835", inbox)
    finally:
        await files.close()
    assert result.resumed_from > 0
    assert (inbox / "remit.835").read_bytes() == source.read_bytes()


async def test_sftp_missing_and_read_only_folders_are_one_line_errors(
        openssh: OpenSsh, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=1000)
    locked = openssh.home / "locked"
    locked.mkdir()
    os.chown(locked, openssh.home.stat().st_uid, openssh.home.stat().st_gid)
    locked.chmod(0o555)
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path))
    try:
        with pytest.raises(PostingError, match="does not exist on the posting server"):
            await upload(files, local, f"{openssh.remote_dir}/missing")
        if openssh.chrooted:  # root ignores modes: only a real user meets a read-only folder
            with pytest.raises(PostingError, match="permission denied"):
                await upload(files, local, f"{openssh.remote_dir}/locked")
    finally:
        await files.close()


async def test_a_stalled_sftp_server_is_given_up_on_in_bounded_time(
        openssh: OpenSsh, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=20_000_000)
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path), timeout=2)

    def stall(done: int, total: int) -> None:
        for pid in openssh.children():
            os.kill(pid, signal.SIGSTOP)

    try:
        async with asyncio.timeout(30):  # the guard: without deadlines this hung past 75 s
            with pytest.raises(PostingError, match="stopped answering"):
                await upload(files, local, openssh.remote_dir, progress=stall)
    finally:
        await files.close()


async def test_a_server_dying_mid_upload_is_one_line(openssh: OpenSsh, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=20_000_000)
    files = await sftp_to(openssh, tmp_path, key_file=keyed(openssh, tmp_path))

    def die(done: int, total: int) -> None:
        for pid in openssh.children():
            os.kill(pid, signal.SIGKILL)

    try:
        with pytest.raises(PostingError, match="connection to the posting server"):
            await upload(files, local, openssh.remote_dir, progress=die)
    finally:
        await files.close()
    assert not (openssh.home / "batch.txt").exists()


async def test_a_stalled_ftps_server_is_given_up_on_in_bounded_time(
        vsftpd: Vsftpd, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=20_000_000)
    target = PostingTarget("ftps", "127.0.0.1", vsftpd.port, vsftpd.user, "/",
                           ca_file=str(vsftpd.cert_file))
    files = await connect_ftps(target, password=vsftpd.password, timeout=2)
    stopped: list[int] = []

    def stall(done: int, total: int) -> None:
        if not stopped:
            stopped.extend(vsftpd.children())
            for pid in stopped:
                os.kill(pid, signal.SIGSTOP)

    try:
        async with asyncio.timeout(30):
            with pytest.raises(PostingError, match="stopped answering"):
                await upload(files, local, "/", progress=stall)
    finally:
        await files.close()


@pytest.mark.parametrize("verify_checksum", [True, False])
async def test_ftps_interrupted_upload_resumes_and_a_stale_part_restarts(
        vsftpd: Vsftpd, tmp_path: Path, verify_checksum: bool) -> None:
    local = payload_file(tmp_path / "out", size=3_000_000)
    files = await ftps_to(vsftpd)
    with pytest.raises(Interrupt):
        await upload(files, local, "/", progress=interrupt_after(500_000))  # type: ignore[arg-type]
    files.ftp.close()
    part = vsftpd.home / ".batch.txt.part"
    await sessions_ended(vsftpd)
    files = await ftps_to(vsftpd)
    try:
        resumed = await upload(files, local, "/", verify_checksum=verify_checksum)
        (vsftpd.home / "batch.txt").unlink()
        part.write_bytes(b"\0" * 700_000)
        os.chown(part, vsftpd.home.stat().st_uid, vsftpd.home.stat().st_gid)
        restarted = await upload(files, local, "/", verify_checksum=verify_checksum)
    finally:
        await files.close()
    assert resumed.resumed_from > 0 and restarted.resumed_from == 0
    assert (vsftpd.home / "batch.txt").read_bytes() == local.read_bytes()
    assert not part.exists()


async def sessions_ended(vsftpd: Vsftpd) -> None:
    """vsftpd drains what was in flight after the client drops the data channel, then its
    session processes exit: only then is the part's size final. (A size unchanged for 0.2 s
    said so too early on a loaded machine.) A session that never ends: pytest's timeout."""
    while vsftpd.children():
        await asyncio.sleep(0.05)
