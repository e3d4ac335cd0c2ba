"""The outbox dispatcher against the Slack stand-in over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from sqlmodel import select

from bot.app.factory import web_client
from bot.console.standin import SlackStandIn
from bot.delivery.dispatcher import Dispatcher, Pacer
from bot.domain import outbox
from bot.domain.outbox import Composer
from storage import outbox as queries
from storage.database import Database, make_engine
from storage.tables import AuditEntry, OutboxMessage
from tests.conftest import make_settings
from tests.delivery.dispatch_worker import KIND, compose, posted_row_ids, sample_composers
from tests.support.clock import Clock
from tests.support.databases import POSTGRES_ENV, PostgresSchema
from tests.support.server import BOT_TOKEN

ROOT = Path(__file__).resolve().parents[2]
CHANNEL = "CGROUP"


# -- helpers -------------------------------------------------------------------------------


def add_rows(
    db: Database,
    clock: Clock,
    *,
    count: int = 1,
    destination: str = CHANNEL,
    due_in: timedelta = timedelta(0),
    data: dict[str, Any] | None = None,
    kind: str = KIND,
) -> list[int]:
    """Rows written the way a service writes them; returns their ids."""
    with db.transaction() as session:
        rows = [
            outbox.schedule(
                session,
                kind=kind,
                subject=f"test:{index}",
                destination=destination,
                due_at=clock() + due_in,
                data=data,
                now=clock(),
            )
            for index in range(count)
        ]
        session.flush()
        return [row.id for row in rows if row.id is not None]


def row(db: Database, row_id: int) -> OutboxMessage:
    with db.reading() as session:
        found = session.get(OutboxMessage, row_id)
        assert found is not None
        return found


def counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return queries.counts_by_status(session)


def dispatcher(db: Database, client: WebClient, clock: Clock, **options: Any) -> Dispatcher:
    options.setdefault("pacing", 0)
    return Dispatcher(db, client, sample_composers(), clock=clock, **options)


def fast_retrying_client(standin: SlackStandIn) -> WebClient:
    """The production handlers, waiting 10 ms instead of seconds between their retries."""
    quick = FixedValueRetryIntervalCalculator(0.01)
    return WebClient(
        token=BOT_TOKEN,
        base_url=standin.url,
        timeout=5,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2, interval_calculator=quick),
            ConnectionErrorRetryHandler(max_retry_count=1, interval_calculator=quick),
        ],
    )


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    """The client ``pogi run`` builds, with slack-sdk's retry handlers."""
    return web_client(make_settings(standin))


# -- sending -------------------------------------------------------------------------------


def test_due_rows_are_sent_once_and_marked(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    due = add_rows(any_db, clock, count=3, data={"n": 1})
    later = add_rows(any_db, clock, due_in=timedelta(minutes=5))

    report = dispatcher(any_db, client, clock).run_once()
    again = dispatcher(any_db, client, clock).run_once()

    assert (report.claimed, report.sent, again.claimed) == (3, 3, 0)
    assert posted_row_ids(standin.calls) == dict.fromkeys(due, 1)
    for row_id in due:
        sent = row(any_db, row_id)
        assert sent.status == "sent"
        assert sent.attempts == 1
        assert sent.result is not None
        assert standin.message(CHANNEL, sent.result["ts"])["text"].startswith(f"{KIND} #{row_id}")
    untouched = row(any_db, later[0])
    assert (untouched.status, untouched.attempts, untouched.claimed_by) == ("pending", 0, None)


def test_a_row_whose_subject_is_gone_is_cancelled_and_not_sent(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [gone] = add_rows(any_db, clock, data={"gone": True})

    report = dispatcher(any_db, client, clock).run_once()

    assert (report.cancelled, report.sent) == (1, 0)
    assert standin.calls_to("chat.postMessage") == []
    assert row(any_db, gone).status == "cancelled"


def test_update_ts_edits_the_earlier_message(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    earlier = client.chat_postMessage(channel=CHANNEL, text="Møde 3 er flyttet")["ts"]
    standin.clear()
    [edit] = add_rows(any_db, clock, data={"update_ts": earlier})

    dispatcher(any_db, client, clock).run_once()

    assert [call.method for call in standin.calls] == ["chat.update"]
    assert standin.message(CHANNEL, earlier)["text"].startswith(f"{KIND} #{edit}")
    assert row(any_db, edit).result == {"channel": CHANNEL, "ts": earlier}


def test_an_attachment_is_shared_where_the_message_landed(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [with_file] = add_rows(
        any_db, clock, destination="UDITTE", data={"attachment": "BEGIN:VCALENDAR æøå"}
    )

    report = dispatcher(any_db, client, clock).run_once()

    assert report.sent == 1
    [post] = standin.calls_to("chat.postMessage")
    [complete] = standin.calls_to("files.completeUploadExternal")
    shared = complete.response["files"][0]
    assert complete.args["channel_id"] == post.response["channel"] == "DDITTE"
    assert shared["title"] == f"Bilag til række {with_file}"
    assert standin.uploaded_file(shared["id"]) == "BEGIN:VCALENDAR æøå".encode()


def test_a_failed_upload_is_retried_without_posting_the_text_again(
    any_db: Database, standin: SlackStandIn, clock: Clock
) -> None:
    client = fast_retrying_client(standin)
    [with_file] = add_rows(any_db, clock, data={"attachment": "dagsorden"})
    standin.fail("files.completeUploadExternal", "internal_error")

    first = dispatcher(any_db, client, clock).run_once()
    clock.advance(minutes=1)
    second = dispatcher(any_db, client, clock).run_once()

    assert (first.retried, second.sent) == (1, 1)
    assert posted_row_ids(standin.calls) == {with_file: 1}
    assert len([c for c in standin.calls_to("files.completeUploadExternal") if c.ok]) == 1


def test_after_sent_commits_together_with_the_mark(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock)

    dispatcher(any_db, client, clock).run_once()

    with any_db.reading() as session:
        [entry] = session.exec(select(AuditEntry)).all()
    sent = row(any_db, row_id)
    assert entry.entity == f"outbox:{row_id}"
    assert entry.after == sent.result
    assert sent.status == "sent"


def test_a_failing_after_sent_still_marks_the_row_sent(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock, data={"after_sent_raises": True})

    report = dispatcher(any_db, client, clock).run_once()
    clock.advance(hours=1)
    dispatcher(any_db, client, clock).run_once()

    assert report.sent == 1
    assert row(any_db, row_id).status == "sent"
    assert posted_row_ids(standin.calls) == {row_id: 1}


def test_a_composer_that_raises_fails_its_row_and_the_batch_goes_on(
    any_db: Database,
    standin: SlackStandIn,
    client: WebClient,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    [broken] = add_rows(any_db, clock, data={"raise": "no such meeting"})
    fine = add_rows(any_db, clock, count=2)

    report = dispatcher(any_db, client, clock).run_once()

    assert (report.failed, report.sent) == (1, 2)
    assert set(posted_row_ids(standin.calls)) == set(fine)
    assert "no such meeting" in (row(any_db, broken).last_error or "")
    [logged] = [r for r in caplog.records if r.exc_info and str(broken) in r.getMessage()]
    assert KIND in logged.getMessage() and CHANNEL in logged.getMessage()


def test_an_unknown_kind_fails(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [orphan] = add_rows(any_db, clock, kind="meeting.gone")

    assert dispatcher(any_db, client, clock).run_once().failed == 1
    assert "no composer" in (row(any_db, orphan).last_error or "")
    assert standin.calls == []


# -- crashes and concurrency ----------------------------------------------------------------


def test_a_row_claimed_by_a_worker_that_died_is_sent_once_after_its_lease(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock)
    with any_db.transaction() as session:  # worker A claims, then dies before sending
        [claimed] = queries.claim_due(
            session, now=clock(), worker="A", lease=timedelta(minutes=2), limit=10
        )
    restarted = dispatcher(any_db, client, clock, worker="B", lease=timedelta(minutes=2))

    during_lease = restarted.run_once()
    clock.advance(minutes=2, seconds=1)
    after_lease = restarted.run_once()

    assert claimed.id == row_id
    assert (during_lease.claimed, after_lease.sent) == (0, 1)
    assert posted_row_ids(standin.calls) == {row_id: 1}
    sent = row(any_db, row_id)
    assert (sent.status, sent.claimed_by, sent.attempts) == ("sent", "B", 2)


def test_a_row_that_keeps_killing_its_worker_fails_after_max_attempts(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock)
    for attempt in range(3):
        with any_db.transaction() as session:
            queries.claim_due(
                session, now=clock(), worker=f"dead-{attempt}", lease=timedelta(minutes=2), limit=1
            )
        clock.advance(minutes=3)

    report = dispatcher(any_db, client, clock, max_attempts=3).run_once()

    assert report.failed == 1
    assert standin.calls == []
    assert "gave up after 3 attempts" in (row(any_db, row_id).last_error or "")


@pytest.mark.slow
def test_two_threads_on_sqlite_send_each_row_once(
    sqlite_db: Database, standin: SlackStandIn, clock: Clock, tmp_path: Path
) -> None:
    ids = set(add_rows(sqlite_db, clock, count=500, destination="CA"))
    ids |= set(add_rows(sqlite_db, clock, count=500, destination="CB"))
    url = str(sqlite_db.engine.url)
    workers = [
        Dispatcher(
            Database(make_engine(url)),
            web_client(make_settings(standin)),
            sample_composers(),
            clock=clock,
            worker=name,
            pacing=0,
        )
        for name in ("one", "two")
    ]
    start = threading.Barrier(len(workers))
    claimed: dict[str, int] = {}

    def drain(worker: Dispatcher) -> None:
        start.wait()
        total = 0
        while (claim := worker.run_once().claimed) > 0:
            total += claim
        claimed[worker.worker] = total

    threads = [threading.Thread(target=drain, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert posted_row_ids(standin.calls) == dict.fromkeys(ids, 1)
    assert counts(sqlite_db)["sent"] == len(ids)
    assert sum(claimed.values()) == len(ids)
    for worker in workers:
        worker.db.dispose()


@pytest.fixture
def pg(postgres: PostgresSchema | None) -> Iterator[PostgresSchema]:
    if postgres is None:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must test on PostgreSQL")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    postgres.empty()
    yield postgres


@pytest.mark.slow
def test_two_processes_on_postgres_send_each_row_once(
    pg: PostgresSchema, standin: SlackStandIn, clock: Clock
) -> None:
    real_now = Clock(start=datetime.now(UTC))  # the workers run on the real clock
    ids: set[int] = set()
    for destination in ("CA", "CB", "CC", "UDITTE"):
        ids |= set(add_rows(pg.db, real_now, count=250, destination=destination))
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.delivery.dispatch_worker",
                f"--url={pg.url}",
                f"--schema={pg.schema}",
                f"--api={standin.url}",
                f"--worker={name}",
                "--concurrency=2",  # 4 connections in all: the stand-in's listen queue holds 5
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None and worker.stdout.readline().strip() == "READY"
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        reports = [json.loads(worker.communicate(timeout=60)[0]) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()

    assert [worker.returncode for worker in workers] == [0, 0]
    assert posted_row_ids(standin.calls) == dict.fromkeys(ids, 1)
    assert counts(pg.db)["sent"] == len(ids)
    assert sum(report["sent"] for report in reports) == len(ids)


# -- Slack's errors ------------------------------------------------------------------------


def test_rate_limits_are_waited_out_and_nothing_is_sent_twice(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    ids: set[int] = set()
    for destination in ("CA", "CB", "CC", "CD", "CE"):
        ids |= set(add_rows(any_db, clock, count=3, destination=destination))
    standin.rate_limit("chat.postMessage", every=5, retry_after=0)
    worker = dispatcher(any_db, client, clock)

    for _ in range(5):  # a row whose retries all met a 429 comes back after its backoff
        worker.run_once()
        if counts(any_db)["sent"] == len(ids):
            break
        clock.advance(minutes=16)

    assert [c for c in standin.calls_to("chat.postMessage") if c.status == 429]
    assert posted_row_ids(standin.calls) == dict.fromkeys(ids, 1)
    assert counts(any_db)["sent"] == len(ids)


def test_server_errors_beyond_the_client_retries_come_back_after_a_backoff(
    any_db: Database, standin: SlackStandIn, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock)
    standin.server_error("chat.postMessage", times=3)  # the first try and both retries
    worker = dispatcher(any_db, fast_retrying_client(standin), clock)

    first = worker.run_once()
    released = row(any_db, row_id)
    too_early = worker.run_once()
    clock.advance(seconds=30)
    later = worker.run_once()

    assert first.retried == 1
    assert len(standin.calls_to("chat.postMessage")) == 3 + 1
    assert (released.status, released.attempts) == ("pending", 1)
    assert released.last_error == "internal_error (HTTP 500)"
    assert (too_early.claimed, later.sent) == (0, 1)
    assert posted_row_ids(standin.calls) == {row_id: 1}


def test_a_row_that_never_gets_through_fails_after_max_attempts(
    any_db: Database, standin: SlackStandIn, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock)
    standin.server_error("chat.postMessage", times=1000)
    worker = dispatcher(any_db, fast_retrying_client(standin), clock, max_attempts=3)

    reports = []
    for _ in range(4):
        reports.append(worker.run_once())
        clock.advance(minutes=15)

    assert [(r.retried, r.failed) for r in reports] == [(1, 0), (1, 0), (0, 1), (0, 0)]
    failed = row(any_db, row_id)
    assert failed.status == "failed"
    assert failed.last_error == "gave up after 3 attempts: internal_error (HTTP 500)"


def test_backoff_doubles_and_stops_at_fifteen_minutes(
    any_db: Database, standin: SlackStandIn, clock: Clock
) -> None:
    [row_id] = add_rows(any_db, clock)
    standin.server_error("chat.postMessage", times=1000)
    worker = dispatcher(any_db, fast_retrying_client(standin), clock, max_attempts=20)

    waits = []
    for _ in range(7):
        started = clock()
        worker.run_once()
        waits.append(row(any_db, row_id).due_at.replace(tzinfo=None) - started.replace(tzinfo=None))
        clock.advance(minutes=15)

    assert [w.total_seconds() for w in waits] == [30, 60, 120, 240, 480, 900, 900]


def test_permanent_errors_fail_at_once_and_are_shown_to_the_secretariat(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    standin.add_channel("CARCHIVED", name="gammel-gruppe", is_archived=True)
    [not_found] = add_rows(any_db, clock, destination="CGONE")
    standin.fail("chat.postMessage", "channel_not_found")
    first = dispatcher(any_db, client, clock).run_once()
    clock.advance(minutes=1)
    [archived] = add_rows(any_db, clock, destination="CARCHIVED")
    second = dispatcher(any_db, client, clock).run_once()
    clock.advance(days=1)
    attempts_before = len(standin.calls)

    afterwards = dispatcher(any_db, client, clock).run_once()

    assert (first.failed, second.failed, afterwards.claimed) == (1, 1, 0)
    assert len(standin.calls) == attempts_before
    with any_db.reading() as session:
        shown = queries.failed_deliveries(session)
    assert [(r.id, r.destination, r.last_error) for r in shown] == [
        (archived, "CARCHIVED", "is_archived"),
        (not_found, "CGONE", "channel_not_found"),
    ]


def test_not_in_a_public_channel_joins_it_and_sends(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    standin.add_channel("CPUBLIC", name="rengoering", bot_is_member=False)
    [row_id] = add_rows(any_db, clock, destination="CPUBLIC")

    report = dispatcher(any_db, client, clock).run_once()

    assert report.sent == 1
    assert [c.method for c in standin.calls] == [
        "chat.postMessage",
        "conversations.join",
        "chat.postMessage",
    ]
    assert posted_row_ids(standin.calls) == {row_id: 1}


def test_not_in_a_private_channel_fails(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    standin.add_channel("CPRIVATE", name="styregruppe", is_private=True, bot_is_member=False)
    [row_id] = add_rows(any_db, clock, destination="CPRIVATE")

    report = dispatcher(any_db, client, clock).run_once()

    assert report.failed == 1
    assert posted_row_ids(standin.calls) == {}
    failed = row(any_db, row_id)
    assert failed.status == "failed"
    assert (failed.last_error or "").startswith("not_in_channel")
    assert "method_not_supported_for_channel_type" in (failed.last_error or "")


# -- pacing and leases ----------------------------------------------------------------------


class FakeTime:
    """A monotonic clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_the_pacer_spaces_one_destination_and_not_the_others() -> None:
    time_ = FakeTime()
    pacer = Pacer(1.0, monotonic=time_.monotonic, sleep=time_.sleep)

    slots = [pacer.reserve("CA", not_after=10) for _ in range(3)]
    other = pacer.reserve("CB", not_after=10)
    too_late = pacer.reserve("CA", not_after=2.5)

    assert (slots, other, too_late) == ([0.0, 1.0, 2.0], 0.0, None)


def test_sends_to_one_channel_are_paced(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    add_rows(any_db, clock, count=3, destination="CA")
    add_rows(any_db, clock, count=1, destination="CB")
    time_ = FakeTime()
    sent_at: dict[str, list[float]] = {"CA": [], "CB": []}
    standin.subscribe(lambda call: sent_at[call.args["channel"]].append(time_.now))
    worker = dispatcher(
        any_db,
        client,
        clock,
        pacing=1.0,
        concurrency=1,
        monotonic=time_.monotonic,
        sleep=time_.sleep,
    )

    report = worker.run_once()

    assert report.sent == 4
    assert sent_at["CA"] == [0.0, 1.0, 2.0]
    assert time_.sleeps == [1.0, 1.0]  # CB, sent after CA's rows, did not wait for pacing


def test_channels_do_not_wait_for_each_other(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    pacing = 1.0
    add_rows(any_db, clock, count=2, destination="CA")
    for destination in ("CB", "CC", "CD"):
        add_rows(any_db, clock, destination=destination)

    dispatcher(any_db, client, clock, pacing=pacing).run_once()

    posts = standin.calls_to("chat.postMessage")
    first_to_a, second_to_a = sorted(call.at for call in posts if call.args["channel"] == "CA")
    to_others = [call.at for call in posts if call.args["channel"] != "CA"]
    assert len(to_others) == 3
    assert second_to_a - first_to_a >= pacing - 0.02
    assert max(to_others) < second_to_a  # none of them waited for CA's turn


def test_rows_the_lease_has_no_time_for_go_back_untried(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    ids = add_rows(any_db, clock, count=5, destination="CA")
    time_ = FakeTime()
    worker = dispatcher(
        any_db,
        client,
        clock,
        lease=timedelta(seconds=4),  # no send starts after 2 s
        pacing=1.0,
        monotonic=time_.monotonic,
        sleep=time_.sleep,
    )

    report = worker.run_once()

    assert (report.sent, report.deferred) == (3, 2)
    assert set(posted_row_ids(standin.calls)) == set(ids[:3])
    for row_id in ids[3:]:
        given_back = row(any_db, row_id)
        assert (given_back.status, given_back.attempts, given_back.claimed_by) == (
            "pending",
            0,
            None,
        )


# -- on a schedule ---------------------------------------------------------------------------


def test_kick_sends_at_once_and_stop_returns(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    worker = dispatcher(any_db, client, clock)
    worker.start(tick=60)
    try:
        time.sleep(0.2)  # the first run, at start, finds nothing
        [row_id] = add_rows(any_db, clock)
        kicked = time.monotonic()
        worker.kick()
        standin.wait_for("chat.postMessage", timeout=1.0)
        assert time.monotonic() - kicked < 1.0
    finally:
        stopping = time.monotonic()
        worker.stop()
    assert time.monotonic() - stopping < 5
    assert posted_row_ids(standin.calls) == {row_id: 1}


def test_a_kick_during_a_run_runs_again_when_it_ends(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    inside, release = threading.Event(), threading.Event()

    def slow(session: Any, message: OutboxMessage) -> Any:
        if (message.data or {}).get("slow"):
            inside.set()
            release.wait(5)
        return compose(session, message)

    composers = sample_composers()
    composers.register(KIND, Composer(compose=slow))
    worker = Dispatcher(any_db, client, composers, clock=clock, pacing=0)
    [first] = add_rows(any_db, clock, data={"slow": True})
    worker.start(tick=60)
    try:
        assert inside.wait(2)
        [second] = add_rows(any_db, clock)
        worker.kick()  # the running batch claimed before this row existed
        release.set()
        standin.wait_for("chat.postMessage", count=2, timeout=3.0)  # the tick is 60 s
    finally:
        worker.stop()
    assert posted_row_ids(standin.calls) == {first: 1, second: 1}


def test_stop_gives_back_the_rows_still_waiting_for_their_turn(
    any_db: Database, standin: SlackStandIn, client: WebClient, clock: Clock
) -> None:
    ids = add_rows(any_db, clock, count=3, destination="CA")
    worker = dispatcher(any_db, client, clock, pacing=30.0)
    worker.start(tick=60)
    standin.wait_for("chat.postMessage", timeout=2.0)

    stopping = time.monotonic()
    worker.stop()

    assert time.monotonic() - stopping < 2.0
    assert posted_row_ids(standin.calls) == {ids[0]: 1}
    for row_id in ids[1:]:
        given_back = row(any_db, row_id)
        assert (given_back.status, given_back.attempts, given_back.claimed_by) == (
            "pending",
            0,
            None,
        )
