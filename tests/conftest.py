"""Session-wide fixtures: every test runs with its own FRONTDESK_PAY_HOME."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Test card numbers and track data: never allowed in a file the app wrote.
TEST_PANS = ("4111111111111111", "4012888888881881", "5555555555554444", "378282246310005",
             "6011000990139424", "4000000000000002", "4000000000009995")


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "fdp-home"
    monkeypatch.setenv("FRONTDESK_PAY_HOME", str(home))
    yield home
