"""One upload/download procedure for both protocols: temp name, resume, verify, rename.

Nothing ever appears under the final name until every byte is there and checked: uploads
go to ``.NAME.part`` beside the final file and are renamed only after the remote size (and,
unless switched off, a SHA-256 read back) match; downloads likewise land in a local
``.NAME.part`` and are fsynced and renamed. An interrupted transfer leaves only the
``.part`` file; the next attempt resumes from its size, and if the result does not verify
the part file is deleted so the attempt after restarts from zero.

A resumed upload is never trusted blindly: before appending, the part already on the server
is read back and compared with the same bytes of the local file, and a part that does not
match (a stale one, another file's) is overwritten from zero. So ``verify_checksum=False``
(size only) cannot put a corrupt file under the final name (issue 14).

A remote name is only a name: no separator, no ``..``, nothing absolute. It is checked
before a byte is written, so a download can never land outside the chosen folder.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from desktop_app.logs import escape
from desktop_app.posting.errors import PostingError

Progress = Callable[[int, int], None]   # (bytes done, total bytes)
CHUNK = 64 * 1024


@dataclass(frozen=True)
class RemoteEntry:
    name: str
    size: int


@dataclass(frozen=True)
class TransferResult:
    name: str
    size: int
    resumed_from: int
    sha256: str


class RemoteFiles(Protocol):
    """What the procedure needs from a wire client (SFTP or FTPS)."""

    async def size(self, path: str) -> int | None: ...
    async def write_from(self, path: str, source: BinaryIO, offset: int,
                         sent: Callable[[int], None]) -> None: ...
    async def read_to(self, path: str, sink: BinaryIO, offset: int,
                      received: Callable[[int], None]) -> None: ...
    async def rename(self, source: str, target: str) -> None: ...
    async def remove(self, path: str) -> None: ...
    async def listdir(self, path: str) -> list[RemoteEntry]: ...
    async def close(self) -> None: ...


def part_name(name: str) -> str:
    return f".{name}.part"


def is_part(name: str) -> bool:
    """Our own temporary names: hidden from listings, never downloaded as a finished file."""
    return name.startswith(".") and name.endswith(".part")


def checked_name(name: str) -> str:
    """NAME if it is a plain file name; a PostingError before any byte moves otherwise."""
    if (not name or name in (".", "..") or any(sep in name for sep in "/\\\0")
            or not name.isprintable() or (len(name) > 1 and name[1] == ":")):
        raise PostingError(f"'{escape(name)}' is not a plain file name (no folders, no '..', "
                           "nothing absolute); nothing was transferred.")
    return name


def checked_local_file(path: Path) -> int:
    """The size of a local file to send, or the reason it cannot be sent, in one line."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PostingError(f"{path} does not exist; nothing was sent.") from None
    except OSError as exc:
        raise PostingError(f"{path} cannot be read ({exc.strerror}); nothing was sent.") \
            from None
    if not stat.S_ISREG(info.st_mode):
        raise PostingError(f"{path} is not a file (a folder?); nothing was sent.")
    return info.st_size


def _counter(base: int, total: int, progress: Progress | None) -> Callable[[int], None]:
    done = base

    def add(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)
    return add


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _prefix_sha256(path: Path, length: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while length > 0 and (block := f.read(min(CHUNK, length))):
            digest.update(block)
            length -= len(block)
    return digest.hexdigest()


class _HashSink:
    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return len(data)


async def remote_sha256(files: RemoteFiles, path: str) -> str:
    sink = _HashSink()
    await files.read_to(path, sink, 0, lambda _: None)  # type: ignore[arg-type]
    return sink.digest.hexdigest()


async def _resumable_offset(files: RemoteFiles, temp: str, local: Path, total: int) -> int:
    """How much of the server's part file is really the start of LOCAL (0: start over)."""
    offset = await files.size(temp) or 0
    if not 0 < offset <= total:
        return 0
    try:
        same = await remote_sha256(files, temp) == _prefix_sha256(local, offset)
    except PostingError:  # the part cannot be read back: it cannot be trusted either
        same = False
    return offset if same else 0


async def upload(files: RemoteFiles, local: Path, remote_dir: str, *,
                 progress: Progress | None = None, verify_checksum: bool = True) -> TransferResult:
    total = checked_local_file(local)
    final = posixpath.join(remote_dir, checked_name(local.name))
    temp = posixpath.join(remote_dir, part_name(local.name))
    offset = await _resumable_offset(files, temp, local, total)
    with local.open("rb") as source:
        source.seek(offset)
        await files.write_from(temp, source, offset, _counter(offset, total, progress))
    local_hash = file_sha256(local)
    if await files.size(temp) != total or (
            verify_checksum and await remote_sha256(files, temp) != local_hash):
        await files.remove(temp)
        raise PostingError(f"{local.name} did not arrive intact on the server; "
                           "the partial copy was removed. Send it again.")
    await files.rename(temp, final)
    return TransferResult(local.name, total, offset, local_hash)


async def download(files: RemoteFiles, remote_dir: str, name: str, local_dir: Path, *,
                   progress: Progress | None = None) -> TransferResult:
    checked_name(name)
    total = await files.size(posixpath.join(remote_dir, name))
    if total is None:
        raise PostingError(f"{name} is not on the server.")
    local_dir.mkdir(parents=True, exist_ok=True)
    temp = local_dir / part_name(name)
    offset = temp.stat().st_size if temp.exists() else 0
    if offset > total:
        temp.unlink()
        offset = 0
    with temp.open("r+b" if offset else "wb") as sink:
        sink.seek(offset)
        await files.read_to(posixpath.join(remote_dir, name), sink, offset,
                            _counter(offset, total, progress))
        sink.flush()
        os.fsync(sink.fileno())
    if temp.stat().st_size != total:
        temp.unlink()
        raise PostingError(f"{name} arrived with the wrong size; the partial copy was removed.")
    digest = file_sha256(temp)
    if offset and digest != await remote_sha256(files, posixpath.join(remote_dir, name)):
        temp.unlink()
        raise PostingError(f"{name} did not resume cleanly; download it again.")
    os.replace(temp, local_dir / name)
    return TransferResult(name, total, offset, digest)
