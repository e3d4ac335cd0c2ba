"""Test databases: a SQLite file per test, and one PostgreSQL schema per test process.

Both are migrated once per test process (each pytest-xdist worker is one): SQLite into a template
file that every test gets a copy of, PostgreSQL into a schema of its own whose tables are emptied
between tests. ``tests/storage/test_migrations.py`` runs the migrations on empty databases.

PostgreSQL's URL comes from ``POGI_TEST_POSTGRES_URL`` (``.ci/run`` sets it). The schema's name
holds the worker and the process id, so runs and workers never collide; it is dropped at the end.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy import text
from sqlmodel import SQLModel

from storage.database import Database, make_engine

POSTGRES_ENV = "POGI_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def migrated_sqlite(path: Path) -> Path:
    """A SQLite file at ``path`` with every migration applied: the template of ``sqlite_copy``."""
    db = Database(make_engine(f"sqlite:///{path}"))
    db.upgrade()
    db.dispose()
    _self_contained(path)
    return path


def filled_sqlite(template: Path, path: Path, fill: Callable[[Database], None]) -> Path:
    """A copy of ``template`` at ``path`` with ``fill`` applied once: a template of its own, for
    rows most tests start from (the roster), which would otherwise be written again per test."""
    db = sqlite_copy(template, path)
    fill(db)
    db.dispose()
    _self_contained(path)
    return path


def _self_contained(path: Path) -> None:
    """One file: no write-ahead log beside it (each copy turns WAL on again)."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")


def sqlite_copy(template: Path, path: Path) -> Database:
    """A database of its own at ``path``, migrated: a copy of ``template``."""
    shutil.copyfile(template, path)
    return Database(make_engine(f"sqlite:///{path}"))


class PostgresSchema:
    """A schema of its own on the real PostgreSQL, migrated with the project's migrations."""

    def __init__(self, url: str) -> None:
        self.url = url
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.schema = f"pogi_test_{worker}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        admin = make_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        admin.dispose()
        self.db = Database(make_engine(url, schema=self.schema))
        self.db.upgrade()
        with self.db.engine.connect() as connection:
            sequences = connection.execute(
                text(
                    "SELECT sequence_name FROM information_schema.sequences"
                    " WHERE sequence_schema = current_schema()"
                )
            ).scalars()
            self._emptying = "; ".join(
                [f'DELETE FROM "{t.name}"' for t in reversed(SQLModel.metadata.sorted_tables)]
                + [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
            )

    def empty(self) -> None:
        """No rows in any table, and every id counts from 1 again. DELETE rather than TRUNCATE:
        for the few rows a test leaves it is several times faster (TRUNCATE makes new files for
        every table and index)."""
        with self.db.engine.begin() as connection:
            connection.exec_driver_sql(self._emptying)

    def drop(self) -> None:
        self.db.dispose()
        admin = make_engine(self.url)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        admin.dispose()
