"""Fixtures: databases (SQLite and the real PostgreSQL), the Slack stand-in, the app over HTTP."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.app.factory import create_app
from bot.app.settings import Settings
from bot.console.standin import SlackStandIn
from bot.domain import roster
from storage.database import Database
from tests.support.clock import Clock
from tests.support.databases import (
    POSTGRES_ENV,
    PostgresSchema,
    filled_sqlite,
    migrated_sqlite,
    postgres_url,
    sqlite_copy,
)
from tests.support.factories import ROSTER
from tests.support.server import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, AppServer, Slack


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once per test process (its own under each xdist worker)."""
    return migrated_sqlite(tmp_path_factory.mktemp("template") / "pogi.db")


@pytest.fixture(scope="session")
def rostered_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migrated template with the test roster imported (what every app test starts from)."""
    path = tmp_path_factory.mktemp("rostered") / "pogi.db"
    return filled_sqlite(sqlite_template, path, load_roster)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresSchema | None]:
    url = postgres_url()
    if url is None:
        yield None
        return
    schema = PostgresSchema(url)
    yield schema
    schema.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    postgres: PostgresSchema | None,
) -> Iterator[Database]:
    """The same test on SQLite and on the real PostgreSQL."""
    if request.param == "sqlite":
        db = sqlite_copy(sqlite_template, tmp_path / "pogi.db")
        yield db
        db.dispose()
        return
    if postgres is None:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must test on PostgreSQL")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    postgres.empty()
    yield postgres.db


@pytest.fixture
def sqlite_db(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    rostered_template: Path,
) -> Iterator[Database]:
    """A SQLite database of its own: empty, or holding the test roster as ``load_roster``
    leaves it when the test is served an app (copied, rather than imported for every test)."""
    served = "app_server" in request.fixturenames
    db = sqlite_copy(rostered_template if served else sqlite_template, tmp_path / "pogi.db")
    yield db
    db.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(tokens=[BOT_TOKEN, APP_TOKEN]) as server:
        for entry in ROSTER:
            locale = "en-GB" if entry.slack_user_id == "UJOHN" else "da-DK"
            server.add_user(entry.slack_user_id, name=entry.name, locale=locale)
        server.add_user("UOUTSIDER", name="Ulla Udenfor")
        yield server


def load_roster(db: Database) -> None:
    roster.import_roster(db, entries=ROSTER, actor="test", now=datetime(2026, 11, 1, tzinfo=UTC))


def make_settings(standin: SlackStandIn, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_app_token": None,
        "slack_api_url": standin.url,
        "database_url": "sqlite://",
        "pogi_timezone": "Europe/Copenhagen",
        "pogi_language": "da",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def serve(db: Database, standin: SlackStandIn, clock: Clock) -> AppServer:
    """The app over HTTP, without the dispatcher's pause of about a second between two messages
    to one channel (``tests/delivery/test_dispatcher.py`` tests it): here it would only wait."""
    settings = make_settings(standin)
    client = WebClient(token=BOT_TOKEN, base_url=standin.url, timeout=5)
    return AppServer(create_app(settings, client=client, database=db, clock=clock, pacing=0))


@pytest.fixture
def app_server(sqlite_db: Database, standin: SlackStandIn, clock: Clock) -> Iterator[AppServer]:
    server = serve(sqlite_db, standin, clock)
    yield server
    server.stop()


@pytest.fixture
def slack(app_server: AppServer, standin: SlackStandIn) -> Slack:
    return Slack(app_server.url, standin)
