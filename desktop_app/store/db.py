"""Database access on one worker thread, with numbered migrations; SQLite or PostgreSQL.

All database work goes through a single-thread executor (as Anki's taskman does): a
connection is never shared across threads, the asyncio loop never blocks on disk, and one
process's writes are serialised without lock juggling. SQLite (one PC) runs in WAL mode with
synchronous=FULL, so a committed payment state survives a process kill and a power cut.
PostgreSQL (a clinic server shared by many front-desk PCs) gets the same schema and SQL:
statements are written with ``?`` placeholders and translated for psycopg.

A database that fails under us (server stopped, connection dropped, disk full, file locked)
raises ``JournalUnavailable`` with a staff message, never the driver's traceback; a dropped
PostgreSQL connection is reopened on the next call, so the desk recovers when the server does.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.store.errors import JOURNAL_DOWN, IntegrityError, JournalUnavailable
from desktop_app.store.migrations import MIGRATIONS, AddColumn, Statement

__all__ = ["Database", "IntegrityError", "JournalUnavailable", "PostgresDatabase",
           "SqliteDatabase", "open_database"]

log = logging.getLogger(__name__)
# A table's column names, for AddColumn (SQLite's table-valued pragma; PostgreSQL's catalog).
_COLUMNS_OF = {"sqlite": "SELECT name AS column_name FROM pragma_table_info(?)",
               "postgresql": "SELECT column_name FROM information_schema.columns"
                             " WHERE table_schema = current_schema() AND table_name = ?"}
T = TypeVar("T")
Row = dict[str, Any]


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
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._guarded,
                                                                fn)

    def _guarded(self, fn: Callable[[], T]) -> T:
        """Driver failures become one typed error; the driver's words go to the log."""
        try:
            self._revive()
            return fn()
        except self._unavailable_errors() as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            log.warning("%s database unavailable: %s", self.name, detail)
            raise JournalUnavailable(self._down_message(), detail=detail) from None

    def _down_message(self) -> str:
        if self.name == "journal":
            return JOURNAL_DOWN
        return (f"The {self.name} database cannot be reached. Ask IT to check the database "
                "server.")

    def _unavailable_errors(self) -> tuple[type[BaseException], ...]:
        """The driver's errors that mean "the database is not there", not "our SQL is wrong"."""
        return ()

    def _revive(self) -> None:
        """Reconnect a connection the server dropped (PostgreSQL); SQLite has none to drop."""

    def change(self, sql: str, params: Sequence[object] = ()) -> int:
        """An INSERT/UPDATE/DELETE; returns how many rows it changed (conditional updates)."""
        raise NotImplementedError

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
        try:
            await asyncio.get_running_loop().run_in_executor(self._executor,
                                                             self._close_quietly)
        finally:
            self._executor.shutdown(wait=True)
            self._executor = None

    def _close_quietly(self) -> None:
        """Closing a connection the server already dropped must not stop the shutdown."""
        try:
            self._close_connection()
        except self._unavailable_errors() as exc:
            log.info("%s database closed uncleanly: %s", self.name, exc)

    def _statement(self, statement: Statement) -> str:
        """The SQL to run for ``statement`` here; "" when there is nothing to do."""
        if isinstance(statement, AddColumn):
            present = self.execute(_COLUMNS_OF[self.dialect], (statement.table,))
            names = {row["column_name"] for row in present}
            return "" if statement.column in names else statement.sql()
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
                    sql = self._statement(statement)
                    if sql:
                        self.execute(sql)
                self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                current = version
        return int(current)


class _SqliteDamaged(Exception):
    """sqlite3's bare DatabaseError: the file is not a database, or is damaged."""


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

    def _unavailable_errors(self) -> tuple[type[BaseException], ...]:
        # OperationalError: locked, disk full, cannot open; DatabaseError: a damaged file;
        # OSError: its folder cannot be made or reached (a mapped drive that went away).
        return (sqlite3.OperationalError, _SqliteDamaged, OSError)

    def _cursor(self, sql: str, params: Sequence[object]) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, tuple(params))
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(str(exc)) from None
        except sqlite3.DatabaseError as exc:
            if type(exc) is sqlite3.DatabaseError:
                raise _SqliteDamaged(str(exc)) from None
            raise

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return [dict(r) for r in self._cursor(sql, params).fetchall()]

    def change(self, sql: str, params: Sequence[object] = ()) -> int:
        return self._cursor(sql, params).rowcount

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # a failed COMMIT (disk full) may leave it open
                self.conn.execute("ROLLBACK")
            raise

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

        # A server that is off the network must not hang the desk: libpq waits for ever.
        timeout: dict[str, Any] = {} if "connect_timeout" in self.url else {"connect_timeout": 10}
        self._conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row, **timeout)

    def _unavailable_errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (psycopg.OperationalError, psycopg.InterfaceError)

    def _revive(self) -> None:
        conn = self._conn
        if conn is not None and (conn.closed or conn.broken):
            log.info("journal database connection lost; reconnecting")
            self._conn = None
            conn.close()
        if self._conn is None and self._thread is not None:
            self._connect()

    def _cursor(self, sql: str, params: Sequence[object]) -> Any:
        import psycopg

        self._check_thread()
        try:
            return self._conn.execute(sql.replace("?", "%s"), tuple(params))
        except psycopg.errors.IntegrityError as exc:
            raise IntegrityError(str(exc)) from None
        except psycopg.errors.RaiseException as exc:
            raise IntegrityError(str(exc)) from None

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = self._cursor(sql, params)
        return list(cursor.fetchall()) if cursor.description else []

    def change(self, sql: str, params: Sequence[object] = ()) -> int:
        return int(self._cursor(sql, params).rowcount)

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
