"""A journal folder on SMB/NFS is recognised (the app warns: SQLite WAL needs a local disk)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.network_fs import _mounted_type, network_filesystem

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/profiles /home/clinic/profiles cifs rw,vers=3.1.1 0 0
server:/export /mnt/nfs nfs4 rw 0 0
tmpfs /home/clinic/profiles/local tmpfs rw 0 0
/dev/sdb1 /mnt/with\\040space ext4 rw 0 0
"""


def test_the_longest_mount_point_decides(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert _mounted_type(Path("/home/clinic/profiles/alice/AppData"), mounts) == "cifs"
    assert _mounted_type(Path("/mnt/nfs/journal"), mounts) == "nfs4"
    assert _mounted_type(Path("/home/clinic/profiles/local/journal"), mounts) is None
    assert _mounted_type(Path("/home/clinic/profilesX"), mounts) is None  # not a prefix match
    assert _mounted_type(Path("/mnt/with space/x"), mounts) is None
    assert _mounted_type(Path("/var/lib"), tmp_path / "missing") is None


def test_this_machines_temporary_folder_is_local(tmp_path: Path) -> None:
    assert network_filesystem(tmp_path) is None
