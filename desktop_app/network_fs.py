"""Whether a folder is on a network file system. SQLite's WAL journal needs shared memory
between processes on one machine, which SMB and NFS do not give: a journal on a redirected
Citrix profile folder can lose or double a payment's record. The app warns (log, self-test)
and IT moves the folder (installer/README.md) or uses the clinic's PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_TYPES = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p",
                           "afs", "ncpfs", "glusterfs", "ceph", "davfs", "fuse.davfs2"})
DRIVE_REMOTE = 4  # GetDriveTypeW
MOUNTS = Path("/proc/self/mounts")


def network_filesystem(path: Path) -> str | None:
    """The network file system's name when ``path`` is on one, else None."""
    path = path.resolve()
    if os.name == "nt":
        return _windows(path)
    return _mounted_type(path, MOUNTS)


def _windows(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "a network share (UNC path)"
    import ctypes

    kind = ctypes.windll.kernel32.GetDriveTypeW(path.anchor)  # type: ignore[attr-defined]
    return "a mapped network drive" if kind == DRIVE_REMOTE else None


def _mounted_type(path: Path, mounts: Path) -> str | None:
    """The type of the longest mount point holding ``path`` (Linux /proc mounts format)."""
    try:
        lines = mounts.read_text().splitlines()
    except OSError:
        return None
    best, best_type = "", ""
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type if best_type in NETWORK_TYPES else None
