"""SQLite access on one worker thread, with numbered migrations.

All database work goes through a single-thread executor (as Anki's taskman does): SQLite
connections are not shared across threads, the asyncio loop never blocks on disk, and
writes are serialised without lock juggling. WAL mode with synchronous=FULL: a committed
payment state survives a process kill and a power cut.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from desktop_app.store.migrations import MIGRATIONS

T = TypeVar("T")


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None
        self._thread: threading.Thread | None = None

    async def open(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal-db")
        await self.run(self._open)

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        self._conn = conn
        self._thread = threading.current_thread()
        migrate(conn)

    async def run(self, fn: Callable[[], T]) -> T:
        if self._executor is None:
            raise RuntimeError("journal is not open")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    @property
    def conn(self) -> sqlite3.Connection:
        """Only valid on the worker thread."""
        assert threading.current_thread() is self._thread, "journal used off its thread"
        assert self._conn is not None, "journal not open"
        return self._conn

    async def close(self) -> None:
        if self._conn is not None:
            await self.run(self._conn.close)
            self._conn = None
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction. Returns the schema version."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    current = row[0] or 0
    for version, script in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in script:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = version
    return int(current)
