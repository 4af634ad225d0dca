"""SFTP against a real local asyncssh server: password, each RSA size, pinning, interruption."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.posting import HostKeyChanged, HostKeyUnknown, PostingError
from desktop_app.posting.config import PostingTarget
from desktop_app.posting.keys import generate_key_pair
from desktop_app.posting.sftp import SftpFiles, connect_sftp
from desktop_app.posting.transfer import download, upload
from desktop_app.sandbox.posting_servers import PostingAccounts, SandboxSftpServer
from tests.posting.conftest import PASSWORD, USER, Interrupt, interrupt_after, payload_file


def target(server: SandboxSftpServer, key_file: str = "") -> PostingTarget:
    port = server.key_port if key_file else server.password_port
    return PostingTarget("sftp", "127.0.0.1", port, USER, "/", key_file=key_file)


async def connect(server: SandboxSftpServer, tmp_path: Path, key_file: str = "") -> SftpFiles:
    return await connect_sftp(target(server, key_file), tmp_path / "pins.json",
                              trust_new_host=True, password=None if key_file else PASSWORD)


async def test_password_upload_list_download(sftp_server: SandboxSftpServer,
                                             tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out")
    seen: list[int] = []
    files = await connect(sftp_server, tmp_path)
    try:
        result = await upload(files, local, "/", progress=lambda done, _: seen.append(done))
        listing = await files.listdir("/")
        back = await download(files, "/", "batch.txt", tmp_path / "in")
    finally:
        await files.close()
    assert (result.size, result.resumed_from) == (local.stat().st_size, 0)
    assert seen[-1] == local.stat().st_size
    assert [(e.name, e.size) for e in listing] == [("batch.txt", local.stat().st_size)]
    assert (tmp_path / "in" / "batch.txt").read_bytes() == local.read_bytes()
    assert back.sha256 == result.sha256


@pytest.mark.parametrize("bits", [2048, 4096])
async def test_public_key_port_accepts_each_rsa_size(sftp_server: SandboxSftpServer,
                                                     accounts: PostingAccounts, tmp_path: Path,
                                                     bits: int) -> None:
    key_file = tmp_path / f"id_rsa_{bits}"
    public = generate_key_pair(key_file, bits)
    assert public.startswith("ssh-rsa ") and oct(key_file.stat().st_mode)[-3:] == "600"
    with pytest.raises(PostingError, match="refused"):
        await connect(sftp_server, tmp_path, str(key_file))  # not yet authorised
    accounts.public_keys[USER] = [public]
    files = await connect(sftp_server, tmp_path, str(key_file))
    try:
        await upload(files, payload_file(tmp_path / "out", size=1000), "/")
    finally:
        await files.close()
    assert (sftp_server.root / USER / "batch.txt").stat().st_size == 1000


async def test_wrong_password_is_refused(sftp_server: SandboxSftpServer, tmp_path: Path) -> None:
    with pytest.raises(PostingError, match="refused"):
        await connect_sftp(target(sftp_server), tmp_path / "pins.json", trust_new_host=True,
                           password="nope")


async def test_host_key_is_pinned_on_first_use_and_a_change_is_refused(
        sftp_server: SandboxSftpServer, accounts: PostingAccounts, tmp_path: Path) -> None:
    pins = tmp_path / "pins.json"
    with pytest.raises(HostKeyUnknown, match="--trust-new-host") as unknown:
        await connect_sftp(target(sftp_server), pins, password=PASSWORD)
    assert unknown.value.fingerprint.startswith("SHA256:")
    files = await connect_sftp(target(sftp_server), pins, trust_new_host=True, password=PASSWORD)
    await files.close()
    files = await connect_sftp(target(sftp_server), pins, password=PASSWORD)  # pinned now
    await files.close()
    impostor = SandboxSftpServer(sftp_server.root, accounts)
    await impostor.start(password_port=0)
    try:
        moved = PostingTarget("sftp", "127.0.0.1", impostor.password_port, USER)
        pins.write_text(pins.read_text().replace(str(sftp_server.password_port),
                                                 str(impostor.password_port)))
        with pytest.raises(HostKeyChanged):
            await connect_sftp(moved, pins, trust_new_host=True, password=PASSWORD)
    finally:
        await impostor.stop()


async def test_an_interrupted_upload_leaves_no_final_file_and_then_resumes(
        sftp_server: SandboxSftpServer, tmp_path: Path) -> None:
    local = payload_file(tmp_path / "out", size=1_000_000)
    home = sftp_server.root / USER
    files = await connect(sftp_server, tmp_path)
    try:
        with pytest.raises(Interrupt):
            await upload(files, local, "/", progress=interrupt_after(300_000))  # type: ignore[arg-type]
    finally:
        await files.close()
    assert not (home / "batch.txt").exists()
    assert (home / ".batch.txt.part").stat().st_size >= 300_000
    files = await connect(sftp_server, tmp_path)
    try:
        result = await upload(files, local, "/")
    finally:
        await files.close()
    assert result.resumed_from >= 300_000
    assert (home / "batch.txt").read_bytes() == local.read_bytes()
    assert not (home / ".batch.txt.part").exists()


@pytest.mark.parametrize("verify_checksum", [True, False])
async def test_a_stale_partial_is_never_resumed_even_without_the_checksum(
        sftp_server: SandboxSftpServer, tmp_path: Path, verify_checksum: bool) -> None:
    local = payload_file(tmp_path / "out", size=200_000)
    home = sftp_server.root / USER
    home.mkdir(parents=True)
    (home / ".batch.txt.part").write_bytes(b"\0" * 100_000)  # not a prefix of the file
    files = await connect(sftp_server, tmp_path)
    try:
        result = await upload(files, local, "/", verify_checksum=verify_checksum)
    finally:
        await files.close()
    assert result.resumed_from == 0  # the stale part was overwritten from zero
    assert (home / "batch.txt").read_bytes() == local.read_bytes()
    assert not (home / ".batch.txt.part").exists()


async def test_an_interrupted_download_resumes_into_the_same_part_file(
        sftp_server: SandboxSftpServer, tmp_path: Path) -> None:
    source = payload_file(sftp_server.root / USER, "remit.835", 800_000)
    inbox = tmp_path / "in"
    files = await connect(sftp_server, tmp_path)
    try:
        with pytest.raises(Interrupt):
            await download(files, "/", "remit.835", inbox,
                           progress=interrupt_after(200_000))  # type: ignore[arg-type]
        assert not (inbox / "remit.835").exists()
        result = await download(files, "/", "remit.835", inbox)
    finally:
        await files.close()
    assert result.resumed_from >= 200_000
    assert (inbox / "remit.835").read_bytes() == source.read_bytes()
