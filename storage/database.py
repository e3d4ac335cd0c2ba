"""The engine and units of work. One transaction per user action (STYLE §6)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for ``url``; SQLite gets WAL and foreign keys, PostgreSQL an optional schema."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.close()

        return engine
    connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args=connect_args
    )


def _busy_timeout(connection: Connection, milliseconds: int) -> None:
    """How long SQLite waits for another writer, set on the driver's connection directly: a
    pragma outside any transaction, which SQLAlchemy need not know about."""
    driver = connection.connection.dbapi_connection
    if driver is None:  # a connection that was closed under us: nothing to set
        return
    cursor = driver.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    finally:
        cursor.close()


class Busy(Exception):
    """The transaction could not get the locks it needed within its time."""


class Database:
    """Hands out sessions; ``transaction()`` commits on success and rolls back on error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()
        self._writer = threading.Lock()
        """SQLite's single writer, taken in this process by transactions that must answer in
        time: they queue here and each starts as the one before it ends, where SQLite's own
        busy handler would have them poll and sleep."""

    def commits(self) -> int:
        """How many transactions this thread has committed: lets a caller that catches an
        error tell whether the user's change was saved before it."""
        return getattr(self._local, "commits", 0)

    @contextmanager
    def transaction(
        self, *, wait: float | None = None, housekeeping: bool = False
    ) -> Iterator[Session]:
        """One unit of work. ``wait`` bounds how long it waits for locks held by others (then
        ``Busy``), for work that must answer in time, like a click Slack waits for: on
        PostgreSQL as the transaction's ``lock_timeout``, on SQLite for the database's single
        writer.
        ``housekeeping`` work (remembering a user's locale) is not the user's change and is not
        counted by ``commits``."""
        if wait is None:
            with Session(self.engine, expire_on_commit=False) as session:
                yield from self._run(session, counted=not housekeeping)
            return
        if self.engine.dialect.name != "sqlite":
            with Session(self.engine, expire_on_commit=False) as session:
                session.execute(text(f"SET LOCAL lock_timeout = '{int(wait * 1000)}ms'"))
                try:
                    yield from self._run(session, counted=not housekeeping)
                except OperationalError as error:
                    raise Busy(str(error)) from error
            return
        deadline = time.monotonic() + wait
        if not self._writer.acquire(timeout=wait):
            raise Busy("another transaction held the database for longer than it could wait")
        try:
            with self.engine.connect() as connection:
                # Another process may be writing: wait for it no longer than is left.
                _busy_timeout(connection, max(1, int((deadline - time.monotonic()) * 1000)))
                try:
                    with Session(bind=connection, expire_on_commit=False) as session:
                        try:
                            yield from self._run(session, counted=not housekeeping)
                        except OperationalError as error:
                            raise Busy(str(error)) from error
                finally:
                    _busy_timeout(connection, BUSY_TIMEOUT_MS)
        finally:
            self._writer.release()

    def with_next_change(self, write: Callable[[Session], object] | None) -> None:
        """Run ``write`` first in this thread's next transaction that is a user's change (not
        housekeeping), so that what it writes commits or rolls back with the change; None
        forgets a ``write`` not yet run."""
        self._local.with_next = write

    def waiting_for_change(self) -> bool:
        """Whether a ``with_next_change`` write has not run yet in this thread."""
        return getattr(self._local, "with_next", None) is not None

    def _run(self, session: Session, *, counted: bool = True) -> Iterator[Session]:
        try:
            write = getattr(self._local, "with_next", None) if counted else None
            if write is not None:
                self._local.with_next = None
                write(session)
            yield session
            session.commit()
            if counted:
                self._local.commits = self.commits() + 1
        except BaseException:
            session.rollback()
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    def upgrade(self) -> None:
        """Apply pending migrations (Alembic) to this database."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()
