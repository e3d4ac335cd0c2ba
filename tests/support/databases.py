"""Test databases: a SQLite file per test, and one PostgreSQL schema per test run.

PostgreSQL's URL comes from ``POGI_TEST_POSTGRES_URL`` (``.ci/run`` sets it). Each run makes its
own schema, migrates it once and empties its tables between tests, so runs never collide.
"""

from __future__ import annotations

import os
import uuid

from sqlalchemy import text
from sqlmodel import SQLModel

from storage.database import Database, make_engine

POSTGRES_ENV = "POGI_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


class PostgresSchema:
    """A schema of its own on the real PostgreSQL, migrated with the project's migrations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.schema = f"pogi_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        admin = make_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        admin.dispose()
        self.db = Database(make_engine(url, schema=self.schema))
        self.db.upgrade()

    def empty(self) -> None:
        tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
        with self.db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))

    def drop(self) -> None:
        self.db.dispose()
        admin = make_engine(self.url)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        admin.dispose()
