"""Outbox queries on SQLite and the real PostgreSQL: claiming, marking, what failed."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.domain import outbox
from storage import outbox as queries
from storage.database import Database, make_engine
from storage.tables import OutboxMessage

NOW = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


def add(db: Database, *due_in_minutes: float, destination: str = "CGROUP") -> list[int]:
    with db.transaction() as session:
        rows = [
            outbox.schedule(
                session,
                kind="test.message",
                subject=f"test:{index}",
                destination=destination,
                due_at=NOW + timedelta(minutes=minutes),
                now=NOW,
            )
            for index, minutes in enumerate(due_in_minutes)
        ]
        session.flush()
        return [row.id for row in rows if row.id is not None]


def claim(
    db: Database, *, worker: str = "w1", now: datetime = NOW, limit: int = 100
) -> list[OutboxMessage]:
    with db.transaction() as session:
        return queries.claim_due(session, now=now, worker=worker, lease=LEASE, limit=limit)


def get(db: Database, row_id: int) -> OutboxMessage:
    with db.reading() as session:
        found = session.get(OutboxMessage, row_id)
        assert found is not None
        return found


def aware(moment: datetime | None) -> datetime | None:
    # SQLite gives timestamps back without their zone; they are UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def test_claim_takes_due_rows_oldest_first_up_to_the_limit(any_db: Database) -> None:
    late, early, future, middle = add(any_db, 0, -10, 5, -5)

    claimed = claim(any_db, limit=2)
    rest = claim(any_db, worker="w2")

    assert [row.id for row in claimed] == [late, early]
    assert rest == []  # the channel's older rows are being sent: the newer one waits
    first = get(any_db, early)
    assert (first.status, first.claimed_by, first.attempts) == ("sending", "w1", 1)
    assert aware(first.lease_until) == NOW + LEASE
    untouched = get(any_db, future)
    assert (untouched.status, untouched.attempts, untouched.lease_until) == ("pending", 0, None)
    with any_db.transaction() as session:
        for row in claimed:
            queries.mark_sent(session, id=row.id, worker="w1", now=NOW, result={})
    assert [row.id for row in claim(any_db, worker="w2")] == [middle]


def test_a_claimed_row_is_nobody_elses_until_its_lease_runs_out(any_db: Database) -> None:
    [row_id] = add(any_db, 0)
    claim(any_db, worker="dead")

    during = claim(any_db, worker="w2", now=NOW + LEASE)
    after = claim(any_db, worker="w2", now=NOW + LEASE + timedelta(seconds=1))

    assert during == []
    assert [(row.id, row.claimed_by, row.attempts) for row in after] == [(row_id, "w2", 2)]


def test_only_the_claiming_worker_can_mark_a_row(any_db: Database) -> None:
    [row_id] = add(any_db, 0)
    claim(any_db, worker="w1")

    with any_db.transaction() as session:
        by_other = queries.mark_sent(session, id=row_id, worker="w2", now=NOW, result={"ts": "1.1"})
        by_owner = queries.mark_sent(
            session, id=row_id, worker="w1", now=NOW, result={"channel": "C", "ts": "1.2"}
        )
        twice = queries.mark_sent(session, id=row_id, worker="w1", now=NOW, result={})

    assert (by_other, by_owner, twice) == (False, True, False)
    sent = get(any_db, row_id)
    assert (sent.status, sent.result, sent.lease_until) == (
        "sent",
        {"channel": "C", "ts": "1.2"},
        None,
    )
    assert aware(sent.sent_at) == NOW


def test_a_worker_that_lost_its_lease_cannot_mark_the_row(any_db: Database) -> None:
    [row_id] = add(any_db, 0)
    claim(any_db, worker="slow")
    claim(any_db, worker="fast", now=NOW + LEASE + timedelta(seconds=1))

    with any_db.transaction() as session:
        marked = queries.mark_sent_many(
            session, worker="slow", now=NOW, results={row_id: {"ts": "1.1"}}
        )

    assert marked == 0
    assert get(any_db, row_id).claimed_by == "fast"


def test_release_puts_a_row_back_for_later_and_remembers_why(any_db: Database) -> None:
    retried, untried = add(any_db, 0, 0)
    claim(any_db)
    later = NOW + timedelta(seconds=30)

    with any_db.transaction() as session:
        queries.release(
            session, id=retried, worker="w1", due_at=later, error="ratelimited (HTTP 429)"
        )
        queries.release(session, id=untried, worker="w1", due_at=NOW, error=None, attempted=False)

    first, second = get(any_db, retried), get(any_db, untried)
    assert (first.status, first.attempts, first.claimed_by) == ("pending", 1, None)
    assert (aware(first.due_at), first.last_error) == (later, "ratelimited (HTTP 429)")
    assert (second.status, second.attempts, second.last_error) == ("pending", 0, None)
    # the untried row waits for the older one to its channel, then both go, in order
    assert claim(any_db, worker="w2") == []
    assert [row.id for row in claim(any_db, worker="w2", now=later)] == [retried, untried]


def test_a_destination_waits_for_its_retried_row_others_do_not(any_db: Database) -> None:
    retried, waiting = add(any_db, 0, 0)
    [elsewhere] = add(any_db, 0, destination="CANDEN")
    claim(any_db, limit=1)
    with any_db.transaction() as session:
        queries.release(session, id=retried, worker="w1", due_at=NOW + LEASE, error="429")

    assert [row.id for row in claim(any_db, worker="w2")] == [elsewhere]
    assert waiting not in [row.id for row in claim(any_db, worker="w2")]


def test_failed_deliveries_are_listed_newest_first(any_db: Database) -> None:
    ids = add(any_db, -3, -2, -1, 0)
    claim(any_db)
    with any_db.transaction() as session:
        for row_id, error in zip(
            ids[:3], ["channel_not_found", "is_archived", "x" * 400], strict=True
        ):
            queries.mark_failed(session, id=row_id, worker="w1", error=error)
        queries.mark_cancelled(session, id=ids[3], worker="w1")

    with any_db.reading() as session:
        shown = queries.failed_deliveries(session, limit=2)
        counts = queries.counts_by_status(session)

    assert [row.id for row in shown] == [ids[2], ids[1]]
    assert len(shown[0].last_error or "") == queries.ERROR_LENGTH
    assert counts == {"pending": 0, "sending": 0, "sent": 0, "cancelled": 1, "failed": 3}


def test_times_must_carry_their_zone(any_db: Database) -> None:
    with any_db.transaction() as session, pytest.raises(ValueError, match="timezone"):
        queries.claim_due(session, now=NOW.replace(tzinfo=None), worker="w", lease=LEASE, limit=1)


def test_concurrent_claimers_never_get_the_same_row_and_keep_each_channels_order(
    any_db: Database,
) -> None:
    ids: set[int] = set()
    for channel in range(6):
        ids |= set(add(any_db, *([0] * 50), destination=f"C{channel}"))
    # Each claimer has an engine (a connection pool) of its own, like separate processes.
    engines: list[Engine] = []
    url = any_db.engine.url.render_as_string(hide_password=False)
    schema = _schema_of(any_db)
    for _ in range(4):
        engines.append(make_engine(url, schema=schema))
    claimed: dict[int, list[int]] = {index: [] for index in range(len(engines))}
    start = threading.Barrier(len(engines))

    sent: list[tuple[str, int]] = []
    lock = threading.Lock()

    def drain(index: int) -> None:
        db = Database(engines[index])
        start.wait()
        idle = 0
        while idle < 20:  # the others may hold the rest for a moment
            rows = claim(db, worker=f"w{index}", limit=7)
            idle = 0 if rows else idle + 1
            claimed[index].extend(row.id for row in rows if row.id is not None)
            with lock, db.transaction() as session:  # sent in claim order, as a dispatcher does
                for row in rows:
                    sent.append((row.destination, row.id or 0))
                    queries.mark_sent(
                        session, id=row.id or 0, worker=f"w{index}", now=NOW, result={}
                    )

    threads = [threading.Thread(target=drain, args=(index,)) for index in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for engine in engines:
        engine.dispose()

    everything = [row_id for rows in claimed.values() for row_id in rows]
    assert sorted(everything) == sorted(ids)  # each row claimed once, none left out
    with any_db.reading() as session:
        assert queries.counts_by_status(session)["sent"] == len(ids)
    for channel in {destination for destination, _ in sent}:
        order = [row_id for destination, row_id in sent if destination == channel]
        assert order == sorted(order), channel


def _schema_of(db: Database) -> str | None:
    if db.engine.dialect.name != "postgresql":
        return None
    with db.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT current_schema()").scalar()
