"""``pogi run --http``: the health check, unknown paths, and the real process end to end."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.console.standin import SlackStandIn
from storage.database import make_engine
from tests.support.server import BOT_TOKEN, SIGNING_SECRET, Slack

POGI = Path(sys.executable).with_name("pogi")


def test_healthz_answers_ok_with_a_small_json_body(slack):
    reply = slack.get("/healthz")

    assert reply.status == 200
    assert reply.json["status"] == "ok"
    assert reply.json["database"] == "ok"


def test_healthz_says_unavailable_when_the_database_does_not_answer(slack, sqlite_db, tmp_path):
    original = sqlite_db.engine
    sqlite_db.engine = make_engine(f"sqlite:///{tmp_path / 'no such dir' / 'pogi.db'}")
    try:
        reply = slack.get("/healthz")
    finally:
        sqlite_db.engine.dispose()
        sqlite_db.engine = original

    assert reply.status == 503
    assert reply.json["status"] != "ok"


@pytest.mark.parametrize("path", ["/", "/nope", "/slack/event", "/healthz/extra"])
def test_unknown_paths_are_not_found(slack, path):
    assert slack.get(path).status == 404


def test_posting_to_healthz_is_not_a_health_check(slack):
    assert slack.post(b"{}", {"Content-Type": "application/json"}, path="/healthz").status == 404


# -- the real process ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(
    url: str, process: subprocess.Popen[bytes], log: Path, seconds: float
) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"pogi run exited early with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"pogi run did not answer /healthz within {seconds}s")


@pytest.fixture
def running_pogi(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, Path, Slack]]:
    standin = SlackStandIn(tokens=[BOT_TOKEN]).start()
    standin.add_user("UOUTSIDER", name="Ulla Udenfor")
    database = tmp_path / "served.db"
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "POGI_", "DATABASE_URL"))
    }
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=standin.url,
        DATABASE_URL=f"sqlite:///{database}",
    )
    # A file, not a pipe: nobody reads a pipe while the server runs, and a full one blocks it.
    log = (tmp_path / "pogi.log").open("wb")
    process = subprocess.Popen(
        [str(POGI), "run", "--http", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        yield process, url, database, Slack(url, standin)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        log.close()
        standin.stop()


def test_pogi_run_serves_slack_migrates_at_start_and_stops_cleanly_on_sigterm(running_pogi):
    process, url, database, slack = running_pogi

    log = database.parent / "pogi.log"
    health = _wait_until_healthy(url, process, log, seconds=20)

    assert health["status"] == "ok"
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"alembic_version", "person", "organisation", "revision", "audit_entry"} <= tables

    reply = slack.command("UOUTSIDER", "hjælp", channel="CGENERAL")
    assert reply.status == 200
    assert "Det kan du gøre med pogi" in reply.text
    assert "Du er ikke registreret i pogi endnu" in reply.text

    forged = Slack(url, slack.standin, secret="wrong").command("UOUTSIDER", "hjælp")
    assert forged.status == 401

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


# -- Slack refusing the token, or not answering ----------------------------------------------


def _pogi_run(
    tmp_path: Path, api_url: str, *, token: str = BOT_TOKEN, app_token: str | None = None
) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "POGI_", "DATABASE_URL"))
    }
    env.update(
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'served.db'}",
    )
    if app_token:
        env["SLACK_APP_TOKEN"] = app_token
    log = tmp_path / "pogi.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(POGI),
                "run",
                *([] if app_token else ["--http"]),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
            ],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}", log


def _health(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize(
    ("token", "app_token", "named"),
    [("xoxb-wrong", None, "SLACK_BOT_TOKEN"), (BOT_TOKEN, "xapp-1-wrong", "SLACK_APP_TOKEN")],
)
def test_a_token_slack_refuses_is_named_in_one_line_and_exits_2(tmp_path, token, app_token, named):
    with SlackStandIn(tokens=[BOT_TOKEN, "xapp-1-right"]) as standin:
        process, _, log = _pogi_run(tmp_path, standin.url, token=token, app_token=app_token)
        assert process.wait(timeout=20) == 2
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in said
    [line] = [line for line in said.splitlines() if named in line]
    assert "refused by Slack (invalid_auth)" in line


def test_while_slack_does_not_answer_pogi_says_so_keeps_trying_and_is_unhealthy(tmp_path):
    closed = f"http://127.0.0.1:{_free_port()}/api/"
    process, url, log = _pogi_run(tmp_path, closed)
    try:
        deadline = time.monotonic() + 20
        health: tuple[int, dict] | None = None
        while time.monotonic() < deadline and health is None:
            assert process.poll() is None, log.read_text()
            try:
                health = _health(url)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        assert health == (
            503,
            {"status": "unavailable", "database": "ok", "slack": "unreachable"},
        )
        time.sleep(3.5)  # tries at 0, 1 and 3 seconds
        assert process.poll() is None
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in said
    assert " ERROR " not in said
    tries = [line for line in said.splitlines() if "Slack does not answer" in line]
    assert len(tries) >= 2
    assert "trying again in 1 s" in tries[0] and "trying again in 2 s" in tries[1]


def test_when_slack_answers_again_pogi_becomes_healthy(tmp_path):
    with SlackStandIn(tokens=[BOT_TOKEN]) as standin:
        standin.server_error("auth.test", times=2, status=503)
        process, url, log = _pogi_run(tmp_path, standin.url)
        try:
            health = _wait_until_healthy(url, process, log, seconds=20)
            assert health["slack"] == "ok"
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=5)
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in said
    assert "Slack does not answer" in said
