"""Fixtures that build real things: pty pairs, the far end of a serial cable."""

from __future__ import annotations

import contextlib
import os
import tty
from collections.abc import Iterator

import pytest


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """Raw master fd and slave path: the far end of a serial cable, for link tests."""
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    yield master, path
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)
