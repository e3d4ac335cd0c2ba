"""Migrations (``storage/migrations``) build exactly the models, on SQLite and PostgreSQL.

Other tests get a copy of a database migrated once per test process (``tests/conftest.py``); the
tests here also run Alembic on empty databases, up to the newest migration and back down."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (the models on SQLModel.metadata)
from bot.app.cli import main as pogi
from storage.database import MIGRATIONS, Database, make_engine
from tests.support.databases import POSTGRES_ENV, postgres_url


def head() -> list[str]:
    """The newest migration, read from the migration scripts themselves."""
    return list(ScriptDirectory(str(MIGRATIONS)).get_heads())


def tables_in(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def migrated_to(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT version_num FROM alembic_version"))
        return [row[0] for row in rows]


def differences(db: Database) -> list[object]:
    """What ``alembic revision --autogenerate`` would write: nothing, when models match."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, SQLModel.metadata))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all: a new SQLite file, or a new schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = postgres_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must test on PostgreSQL")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    schema = f"pogi_test_empty_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def test_migrations_create_exactly_the_tables_of_the_models(any_db):
    assert tables_in(any_db) == set(SQLModel.metadata.tables)
    assert migrated_to(any_db) == head()


def test_models_and_migrations_do_not_differ(any_db):
    assert differences(any_db) == []


def test_upgrading_an_upgraded_database_changes_nothing(any_db):
    any_db.upgrade()

    assert migrated_to(any_db) == head()
    assert differences(any_db) == []


def test_pogi_db_upgrade_builds_an_empty_database_and_may_run_twice(
    empty_database_url, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    db = Database(make_engine(empty_database_url))
    try:
        assert tables_in(db) == set()

        assert pogi(["db", "upgrade"]) == 0
        assert pogi(["db", "upgrade"]) == 0

        assert capsys.readouterr().out.count("pogi: the database is up to date.") == 2
        assert tables_in(db) == set(SQLModel.metadata.tables)
        assert migrated_to(db) == head()
        assert differences(db) == []
    finally:
        db.dispose()


def test_every_migration_downgrades_to_an_empty_database_and_upgrades_again(empty_database_url):
    db = Database(make_engine(empty_database_url))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        db.upgrade()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")

        assert tables_in(db) == set()
        assert migrated_to(db) == []

        db.upgrade()

        assert migrated_to(db) == head()
        assert differences(db) == []
    finally:
        db.dispose()
