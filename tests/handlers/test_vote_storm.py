"""1,000 clicks from 50 steering seats fired at once through the signed HTTP endpoint, on SQLite
and on the real PostgreSQL: every click acknowledged and receipted, one ballot per seat equal to
the seat's last recorded ballot, and the vote message updated a handful of times, not 1,000."""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlmodel import select

from bot.app.factory import create_app
from bot.console import payloads
from bot.console.standin import SlackStandIn
from bot.domain import meetings, revisions, roster, votes
from bot.domain.people import Actor
from bot.domain.roles import Role
from bot.domain.roster import RosterEntry
from bot.ids import Action
from storage import queries
from storage.database import Database
from storage.tables import Ballot, OutboxMessage
from tests.conftest import make_settings
from tests.support.clock import Clock
from tests.support.server import BOT_TOKEN, SIGNING_SECRET, AppServer, Slack, everything_said

SEATS = 50
CLICKS = 1000
SENDERS = 32
STEERING = "CSTYRE"
NOW = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
ACTIONS = {
    votes.FOR: Action.VOTE_FOR.value,
    votes.AGAINST: Action.VOTE_AGAINST.value,
    votes.ABSTAIN: Action.VOTE_ABSTAIN.value,
}
LABELS = {votes.FOR: "For", votes.AGAINST: "Imod", votes.ABSTAIN: "Undlad"}
# What a receipt records for each button: abstaining is recorded as what was done.
RECORDED = {**LABELS, votes.ABSTAIN: "Undlod at stemme"}


def organisation(seat: int) -> str:
    return f"Kommune {seat:02d}"


def steering_roster() -> list[RosterEntry]:
    """The secretariat, and 50 organisations each with a steering member and a deputy."""
    entries = [RosterEntry("USEK", "Sofie Holm", "Miljøstyrelsen", frozenset({Role.SECRETARIAT}))]
    for seat in range(1, SEATS + 1):
        entries.append(
            RosterEntry(
                f"UM{seat:03d}", f"Medlem {seat}", organisation(seat), frozenset({Role.STEERING})
            )
        )
        entries.append(
            RosterEntry(
                f"UD{seat:03d}",
                f"Suppleant {seat}",
                organisation(seat),
                frozenset({Role.STEERING_DEPUTY}),
            )
        )
    return entries


def clicks(seed: int = 2026) -> list[tuple[str, int, str]]:
    """(user, seat, choice): 20 clicks a seat, member and deputy mixed, in a shuffled order."""
    rng = random.Random(seed)
    planned = [
        (f"{rng.choice('MD')}{seat:03d}", seat, rng.choice(votes.CHOICES))
        for seat in range(1, SEATS + 1)
        for _ in range(CLICKS // SEATS)
    ]
    rng.shuffle(planned)
    return [(f"U{user}", seat, choice) for user, seat, choice in planned]


@pytest.fixture
def storm(any_db: Database, standin: SlackStandIn, clock: Clock) -> Iterator[dict[str, Any]]:
    """The app served over HTTP on ``any_db``, with an open vote whose message is posted."""
    roster.import_roster(any_db, entries=steering_roster(), actor="test", now=NOW)
    for entry in steering_roster():
        standin.add_user(entry.slack_user_id, name=entry.name)
    secretariat = Actor("USEK", roster.find_person(any_db, slack_user_id="USEK"))
    revisions.set_steering_channel(any_db, actor=secretariat, channel_id=STEERING, now=NOW)
    meeting = meetings.confirm(
        any_db,
        actor=secretariat,
        channel_id=STEERING,
        title="Forårsmøde",
        starts_at=datetime(2027, 3, 16, 12, tzinfo=UTC),
        ends_at=datetime(2027, 3, 16, 14, tzinfo=UTC),
        now=NOW,
        reminders=(),
    )
    vote = votes.open_vote(
        any_db, actor=secretariat, channel_id=STEERING, subject="aktivitetsplan 2027", now=NOW
    )
    assert isinstance(vote, votes.VoteView) and vote.meeting_number == meeting.number

    client = WebClient(token=BOT_TOKEN, base_url=standin.url, timeout=5)
    server = AppServer(
        create_app(make_settings(standin), client=client, database=any_db, clock=clock)
    )
    try:
        while server.app.dispatcher.run_once().claimed:  # the announcement and the vote message
            pass
        clock.now = meeting.starts_at  # ballots are taken from the meeting's start
        [posted] = [
            c
            for c in standin.calls_to("chat.postMessage")
            if c.ok and c.args["text"].startswith("Afstemning:")
        ]
        message = standin.message(STEERING, posted.response["ts"])
        yield {"db": any_db, "server": server, "vote": vote, "message": message}
    finally:
        server.stop()


def _fire(url: str, requests: list[dict[str, Any]]) -> list[tuple[int | str, float]]:
    """Send every payload, signed as it goes out, from ``SENDERS`` keep-alive connections at
    once; the HTTP status of each (or the exception's name) and how long its answer took, in
    the order given."""
    host, port = url.removeprefix("http://").split(":")
    local = threading.local()

    def send(payload: dict[str, Any]) -> tuple[int | str, float]:
        connection = getattr(local, "connection", None)
        if connection is None:
            connection = local.connection = http.client.HTTPConnection(host, int(port), timeout=30)
        body, headers = payloads.signed_request(payload, signing_secret=SIGNING_SECRET)
        began = time.perf_counter()
        try:
            connection.request("POST", "/slack/events", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status, time.perf_counter() - began
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            local.connection = None
            return type(error).__name__, time.perf_counter() - began

    with ThreadPoolExecutor(max_workers=SENDERS, thread_name_prefix="sender") as pool:
        return list(pool.map(send, requests))


class NotAcknowledged(AssertionError):
    """Slack did not get its acknowledgement (HTTP 200 within 3 s) for every click."""


@pytest.mark.slow
def test_a_storm_of_clicks_leaves_one_ballot_per_seat_equal_to_its_last(storm, standin):
    db, server, vote, message = storm["db"], storm["server"], storm["vote"], storm["message"]
    planned = clicks()
    requests = [
        payloads.block_actions(
            user_id=user,
            action_id=ACTIONS[choice],
            block_id="vote",
            value=str(vote.id),
            channel_id=STEERING,
            message=message,
            response_url=standin.response_url(f"storm{index}"),
        )
        for index, (user, _seat, choice) in enumerate(planned)
    ]

    # the dispatcher runs meanwhile, as it does when each click kicks it
    stop = threading.Event()

    def dispatch() -> None:
        while not stop.is_set():
            server.app.dispatcher.run_once()
            stop.wait(0.25)

    dispatcher = threading.Thread(target=dispatch, daemon=True)
    dispatcher.start()
    began = time.monotonic()
    try:
        answers = _fire(server.url, requests)
    finally:
        stop.set()
        dispatcher.join(30)
    took = time.monotonic() - began
    while server.app.dispatcher.run_once().claimed:
        pass

    # every click got an answer, and every click is in the database
    assert len(answers) == CLICKS
    with db.reading() as session:
        names = {o.id: o.name for o in queries.organisations_by_id(session).values()}
        stored = session.exec(select(Ballot).where(Ballot.vote_id == vote.id)).all()
        entries = [
            e
            for e in queries.audit_entries(session, entity=votes.subject_of(vote.id))
            if e.action == "vote.ballot"
        ]
        tally = votes.get(session, vote.id).tally
    assert len(entries) == CLICKS

    # exactly one ballot per seat, and it is the seat's last recorded ballot (by audit id)
    assert sorted(names[b.organisation_id] for b in stored) == [
        organisation(seat) for seat in range(1, SEATS + 1)
    ]
    last: dict[str, tuple[str, str]] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        last[entry.after["organisation"]] = (entry.after["choice"], entry.actor)
    assert {names[b.organisation_id]: (b.choice, b.voter) for b in stored} == last
    assert sum(b.changes for b in stored) == CLICKS - SEATS
    assert tally.counts == Counter(choice for choice, _ in last.values())
    assert tally.voted == SEATS and tally.waiting == []

    # each voter got a receipt of what was recorded for their seat
    deadline = time.monotonic() + 30
    receipts: dict[str, str] = {}
    while len(receipts) < CLICKS and time.monotonic() < deadline:
        time.sleep(0.1)
        receipts = {
            c.args["_key"]: everything_said(c.args)
            for c in standin.calls_to("response_url")
            if c.args.get("_key", "").startswith("storm")
        }
    assert len(receipts) == CLICKS
    for index, (_user, seat, choice) in enumerate(planned):
        assert (
            f"Registreret for {organisation(seat)}: *{RECORDED[choice]}*"
            in (receipts[f"storm{index}"])
        )

    # the vote message followed in a handful of updates, not one per click, and shows every seat
    updates = [
        c for c in standin.calls_to("chat.update") if c.ok and c.args.get("ts") == message["ts"]
    ]
    with db.reading() as session:
        refreshes = session.exec(
            select(OutboxMessage).where(
                OutboxMessage.subject == votes.subject_of(vote.id),
                OutboxMessage.kind == votes.REFRESH,
            )
        ).all()
    assert 1 <= len(updates) <= 50, f"{len(updates)} updates for {CLICKS} clicks in {took:.1f} s"
    assert len(refreshes) <= 2 * len(updates) + 2
    assert {row.status for row in refreshes} <= {"sent", "cancelled"}
    shown = everything_said(standin.message(STEERING, message["ts"]))
    assert f"*Har stemt ({SEATS} af {SEATS})*" in shown

    # closing counts the stored ballots
    closed = Slack(server.url, standin).command("USEK", "afstemning luk", channel=STEERING)
    assert "er lukket" in closed.text
    with db.reading() as session:
        result = votes.get(session, vote.id).result
    assert result["counts"] == dict(tally.counts)
    assert {s["organisation"]: (s["choice"], s["voter"]) for s in result["seats"]} == last
    assert result["quorum"] is True

    # last, because the rest must hold either way: Slack got every acknowledgement in time
    statuses = Counter(status for status, _ in answers)
    seconds = sorted(took for _, took in answers)
    if statuses != {200: CLICKS}:
        raise NotAcknowledged(
            f"{dict(statuses)}; answers p50 {seconds[CLICKS // 2]:.2f} s, p99 "
            f"{seconds[CLICKS * 99 // 100 - 1]:.2f} s, max {seconds[-1]:.2f} s; storm {took:.1f} s"
        )
