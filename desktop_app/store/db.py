"""Database access on one worker thread, with numbered migrations; SQLite or PostgreSQL.

All database work goes through a single-thread executor (as Anki's taskman does): a
connection is never shared across threads, the asyncio loop never blocks on disk, and one
process's writes are serialised without lock juggling. SQLite (one PC) runs in WAL mode with
synchronous=FULL, so a committed payment state survives a process kill and a power cut.
PostgreSQL (a clinic server shared by many front-desk PCs) gets the same schema and SQL:
statements are written with ``?`` placeholders and translated for psycopg.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.store.migrations import MIGRATIONS, Statement

T = TypeVar("T")
Row = dict[str, Any]


class IntegrityError(Exception):
    """A uniqueness or constraint violation, whichever backend raised it."""


class Database:
    """Base: the worker thread and the API the journal uses. Subclasses connect."""

    dialect = ""

    def __init__(self, migrations: Sequence[Sequence[Statement]] = MIGRATIONS,
                 name: str = "journal") -> None:
        """``migrations``: the schema of this database (the journal's, or a store's own)."""
        self.migrations = migrations
        self.name = name
        self._executor: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None

    async def open(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{self.name}-db")
        await self.run(self._open_on_thread)

    def _open_on_thread(self) -> None:
        self._thread = threading.current_thread()
        self._connect()
        self.migrate()

    def _connect(self) -> None:
        raise NotImplementedError

    async def run(self, fn: Callable[[], T]) -> T:
        if self._executor is None:
            raise RuntimeError("journal is not open")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def _check_thread(self) -> None:
        assert threading.current_thread() is self._thread, "database used off its thread"

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def _close_connection(self) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        if self._executor is None:
            return
        await self.run(self._close_connection)
        self._executor.shutdown(wait=True)
        self._executor = None

    def _statement(self, statement: Statement) -> str:
        return statement if isinstance(statement, str) else statement[self.dialect]

    def _lock_migrations(self) -> None:
        """Many workstations may start at once: only one migrates."""

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction. Returns the schema version."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = 0
        for version, script in enumerate(self.migrations, start=1):
            with self.transaction():
                self._lock_migrations()
                row = self.execute("SELECT MAX(version) AS v FROM schema_version")[0]
                current = row["v"] or 0
                if version <= current:
                    continue
                for statement in script:
                    self.execute(self._statement(statement))
                self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                current = version
        return int(current)


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.path = path
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        self._conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection; only valid on the worker thread."""
        self._check_thread()
        assert self._conn is not None, "database not open"
        return self._conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        try:
            cursor = self.conn.execute(sql, tuple(params))
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(str(exc)) from None
        return [dict(r) for r in cursor.fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _close_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class PostgresDatabase(Database):
    dialect = "postgresql"
    _MIGRATION_LOCK = 0x46445041  # "FDPA": an advisory lock id of our own

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self._conn: Any = None

    def _connect(self) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self._conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        import psycopg

        self._check_thread()
        try:
            cursor = self._conn.execute(sql.replace("?", "%s"), tuple(params))
        except psycopg.errors.IntegrityError as exc:
            raise IntegrityError(str(exc)) from None
        except psycopg.errors.RaiseException as exc:
            raise IntegrityError(str(exc)) from None
        return list(cursor.fetchall()) if cursor.description else []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._check_thread()
        with self._conn.transaction():
            yield

    def _lock_migrations(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", (self._MIGRATION_LOCK,))

    def _close_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def open_database(target: str | Path, **kwargs: Any) -> Database:
    """A path or ``sqlite:///path`` → SQLite; ``postgresql://…`` → PostgreSQL.

    ``kwargs``: ``migrations`` and ``name`` for a store other than the journal."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(text, **kwargs)
    return SqliteDatabase(Path(text.removeprefix("sqlite:///")), **kwargs)
