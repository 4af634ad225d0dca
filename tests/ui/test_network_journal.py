"""A SQLite journal on SMB/NFS is said in the status bar (and the log) for as long as the app
runs; on a local disk nothing is said. The mount table is the test's; the detection reads it
as it reads /proc/self/mounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app import network_fs
from desktop_app.paths import app_paths


@pytest.fixture
def journal_on_cifs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = app_paths().data_dir.resolve()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//files/profiles {data.parent} cifs rw 0 0\n")
    monkeypatch.setattr(network_fs, "MOUNTS", mounts)


@pytest.mark.usefixtures("journal_on_cifs")
async def test_a_journal_on_a_network_share_is_said_in_the_status_bar(app_window: Any
                                                                     ) -> None:
    _ctx, window = app_window
    label = window.findChild(QLabel, "journalOnNetwork")
    assert label is not None and label.isVisible()
    assert "network drive" in label.text() and "call IT" in label.text()


async def test_a_journal_on_a_local_disk_says_nothing(app_window: Any) -> None:
    _ctx, window = app_window
    assert window.findChild(QLabel, "journalOnNetwork") is None
