"""Steering-group votes (``bot.domain.votes``) on SQLite and on the real PostgreSQL: counting and
the quorum, opening (meeting, spring, override), ballots, closing and deciding, and the orderings
that concurrent clicks can produce."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import select

from bot.domain import meetings, revisions, roster, votes
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, NotInRoster
from bot.domain.votes import ballots
from handlers.parsing import trailing_link
from storage import outbox as outbox_queries
from storage.database import Database
from storage.queries import votes as stored_votes
from storage.tables import Ballot, OutboxMessage
from tests.support.factories import (
    DEPUTY,
    NOW,
    SEC,
    STEER,
    STEERING_CHANNEL,
    actor,
    audit_log,
    load_roster,
    move_on,
    person,
    start_revision,
)

SPRING_START = datetime(2027, 3, 16, 12, 0, tzinfo=UTC)  # 13.00 in Copenhagen
SPRING_END = datetime(2027, 3, 16, 14, 0, tzinfo=UTC)
WINTER_START = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
VOTING = SPRING_START


# -- set-up ------------------------------------------------------------------------------------


def _steering(db: Database) -> None:
    load_roster(db)
    revisions.set_steering_channel(
        db, actor=actor(db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW
    )


def _meeting(db: Database, start: datetime, end: datetime, *, now: datetime = NOW) -> int:
    return meetings.confirm(
        db,
        actor=actor(db, "USEK"),
        channel_id=STEERING_CHANNEL,
        starts_at=start,
        ends_at=end,
        title="Møde",
        now=now,
        reminders=(),
    ).id


def _open(db: Database, text: str = "Rengøring", *, now: datetime = NOW, **kwargs: Any):  # type: ignore[no-untyped-def]
    """As ``/pogi afstemning TEXT`` opens it: a link at the end is the proposal."""
    subject, proposal = trailing_link(text)
    return votes.open_vote(
        db,
        actor=actor(db, "USEK"),
        channel_id=STEERING_CHANNEL,
        subject=subject,
        proposal=proposal,
        now=now,
        **kwargs,
    )


def _goal_vote(db: Database) -> votes.VoteView:
    """Rengøring's revision and an open vote on it at the spring meeting."""
    _steering(db)
    start_revision(db, deciding=True)
    _meeting(db, SPRING_START, SPRING_END)
    opened = _open(db)
    assert isinstance(opened, votes.VoteView)
    return opened


def _cast(db: Database, user: str, vote_id: int, choice: str, **kwargs: Any) -> votes.Receipt:
    """A ballot once the spring meeting has begun: ballots are taken from the meeting's start."""
    return votes.cast(db, voter=user, vote_id=vote_id, choice=choice, now=VOTING, **kwargs)


def _ballots(db: Database, vote_id: int) -> dict[str, tuple[str, str]]:
    with db.reading() as session:
        view = votes.get(session, vote_id)
        assert view is not None
        return {s.organisation: (s.choice, s.voter) for s in view.tally.seats if s.choice}


def _outbox(db: Database, vote_id: int) -> list[tuple[str, str, str]]:
    with db.reading() as session:
        rows = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.subject == votes.subject_of(vote_id))
            .order_by(OutboxMessage.id)
        ).all()
        return [(row.kind, row.destination, row.status) for row in rows]


# -- counting ----------------------------------------------------------------------------------


def _tally(*choices: str | None, quorum: float = 0.5) -> votes.Tally:
    seats = [
        votes.Seat(f"Organisation {n:02d}", choice, f"U{n:03d}" if choice else None, None)
        for n, choice in enumerate(choices)
    ]
    return votes.Tally(seats, quorum)


@pytest.mark.parametrize(
    ("seats", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (49, 25), (50, 26)]
)
def test_the_quorum_is_more_than_half_of_the_seats(seats, needed):
    just_short = _tally(*(["for"] * (needed - 1) + [None] * (seats - needed + 1)))
    enough = _tally(*(["for"] * needed + [None] * (seats - needed)))

    assert enough.quorum_needed == needed
    assert (just_short.quorum, enough.quorum) == (False, True)
    assert (just_short.passed, enough.passed) == (False, True)


def test_no_seats_is_no_quorum():
    assert _tally().quorum is False and _tally().passed is False


@pytest.mark.parametrize(
    ("choices", "passed"),
    [
        (("for", "against", None), False),  # a tie does not pass
        (("for", "for", "against", "against", "abstain"), False),
        (("for", "abstain", "abstain"), True),  # more For than Imod among the votes cast
        (("abstain", "abstain", None), False),  # no For at all
        (("against", "against", "for"), False),
        (("for", "for", "against", None, None), True),
    ],
)
def test_more_for_than_imod_passes_and_a_tie_does_not(choices, passed):
    tally = _tally(*choices)
    assert tally.quorum is True
    assert tally.passed is passed


def test_counts_who_is_waiting_and_whose_approval_is_pending():
    tally = votes.Tally(
        [
            votes.Seat("A", "for", "U1", "given"),
            votes.Seat("B", None, None, "pending"),
            votes.Seat("C", "against", "U3", "pending"),
            votes.Seat("D", "abstain", "U4", None),
        ],
        0.5,
    )
    assert tally.counts == {"for": 1, "against": 1, "abstain": 1}
    assert tally.voted == 3
    assert tally.waiting == ["B"]
    assert tally.approvals_pending == ["B", "C"]


@pytest.mark.parametrize(
    ("fraction", "seats", "needed"),
    [
        (0.6, 10, 7),
        (0.75, 4, 4),
        (0.0, 4, 1),
        # 50 * 0.58 is 28.999999999999996 in floating point; counted exactly it is 29
        (0.58, 50, 30),
        (0.57, 100, 58),
        (0.29, 100, 30),
    ],
)
def test_a_configured_quorum_is_more_than_that_share_of_the_seats(fraction, seats, needed):
    assert _tally(*([None] * seats), quorum=fraction).quorum_needed == needed


# -- opening -----------------------------------------------------------------------------------


def test_a_vote_at_the_spring_meeting_closes_when_it_ends_and_reminds_before(any_db):
    _steering(any_db)
    start_revision(any_db, deciding=True)
    number = _meeting(any_db, SPRING_START, SPRING_END)

    opened = _open(any_db, "Rengøring <https://pogi.dk/forslag.pdf>")

    assert isinstance(opened, votes.VoteView)
    assert (opened.kind, opened.title, opened.proposal) == (
        "goal",
        "Rengøring",
        "https://pogi.dk/forslag.pdf",
    )
    assert opened.meeting_span == (SPRING_START, SPRING_END) and opened.closes_at == SPRING_END
    assert opened.override_reason is None and number
    assert [s.organisation for s in opened.tally.seats] == ["Aalborg Kommune", "Aarhus Kommune"]
    rows = _outbox(any_db, opened.id)
    assert rows[0] == ("vote.posted", STEERING_CHANNEL, "pending")
    # a day and an hour before the end, to everyone who may cast a seat's vote
    reminders = sorted(destination for kind, destination, _ in rows if kind == "vote.reminder")
    assert reminders == sorted(["UANNE", "UCARL", "UJOHN"] * 2)
    [entry] = [e for e in audit_log(any_db) if e["action"] == "vote.open"]
    assert entry["actor"] == "USEK" and entry["after"]["override_reason"] is None


def test_the_vote_is_tied_to_the_meeting_going_on_now_before_the_next_one(any_db):
    _steering(any_db)
    start_revision(any_db, deciding=True)
    _meeting(any_db, SPRING_START, SPRING_END)
    later = _meeting(any_db, SPRING_START + timedelta(days=30), SPRING_END + timedelta(days=30))
    during = SPRING_START + timedelta(minutes=30)

    opened = _open(any_db, now=during)

    assert opened.closes_at == SPRING_END and opened.meeting_number == 1
    # a meeting that has ended does not hold the vote either
    plan = _open(any_db, "aktivitetsplan 2027", now=SPRING_END)
    assert plan.meeting_number == 2 and plan.closes_at == SPRING_END + timedelta(days=30)
    assert later


def test_without_a_meeting_or_outside_the_spring_an_override_is_needed(any_db):
    _steering(any_db)
    start_revision(any_db, deciding=True)

    needed = _open(any_db)
    assert needed == votes.OverrideNeeded("no_meeting", None, "Rengøring")

    _meeting(any_db, WINTER_START, WINTER_START + timedelta(hours=2))
    needed = _open(any_db, "Rengøring <https://pogi.dk/forslag.pdf>")
    assert isinstance(needed, votes.OverrideNeeded) and needed.reason == "not_spring"
    assert needed.meeting_span == (WINTER_START, WINTER_START + timedelta(hours=2))
    assert needed.request == "Rengøring https://pogi.dk/forslag.pdf"
    assert votes.open_in_channel(any_db, channel_id=STEERING_CHANNEL) is None
    assert [e for e in audit_log(any_db) if e["action"] == "vote.open"] == []

    blank = _open(any_db, override_reason="  \n ")
    assert isinstance(blank, votes.OverrideNeeded)  # a reason of only spaces is none

    opened = _open(any_db, override_reason="  Haster af hensyn til SKI.  ")
    assert isinstance(opened, votes.VoteView)
    assert opened.override_reason == "Haster af hensyn til SKI."
    assert opened.closes_at == WINTER_START + timedelta(hours=2)
    [entry] = [e for e in audit_log(any_db) if e["action"] == "vote.open"]
    assert entry["after"]["override_reason"] == "Haster af hensyn til SKI."


def test_the_spring_is_judged_in_danish_time(any_db):
    _steering(any_db)
    start_revision(any_db, deciding=True)
    start = datetime(2027, 2, 28, 23, 30, tzinfo=UTC)  # Monday 1 March 2027, 00.30 CET
    _meeting(any_db, start, start + timedelta(hours=2))
    assert isinstance(_open(any_db), votes.VoteView)

    # and 1 July at 00.30 in Copenhagen (still 30 June in UTC) is past the spring
    start = datetime(2027, 6, 30, 22, 30, tzinfo=UTC)
    _meeting(any_db, start, start + timedelta(hours=1))
    needed = _open(any_db, "aktivitetsplan 2027", now=datetime(2027, 3, 2, tzinfo=UTC))
    assert isinstance(needed, votes.OverrideNeeded) and needed.reason == "not_spring"


def test_only_the_secretariat_opens_and_only_in_the_steering_channel(any_db):
    _steering(any_db)
    start_revision(any_db, deciding=True)
    _meeting(any_db, SPRING_START, SPRING_END)

    with pytest.raises(NotAllowed):
        votes.open_vote(
            any_db,
            actor=actor(any_db, "UANNE"),
            channel_id=STEERING_CHANNEL,
            subject="Rengøring",
            now=NOW,
        )
    with pytest.raises(NotInRoster):
        votes.open_vote(
            any_db,
            actor=actor(any_db, "UNOBODY"),
            channel_id=STEERING_CHANNEL,
            subject="Rengøring",
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        votes.open_vote(
            any_db, actor=actor(any_db, "USEK"), channel_id="CGROUP", subject="Rengøring", now=NOW
        )
    with pytest.raises(NotFound):
        _open(any_db, "Møbler")
    with pytest.raises(InvalidInput):
        _open(any_db, "aktivitetsplan")
    with pytest.raises(InvalidInput):
        _open(any_db, "<https://pogi.dk/forslag.pdf>")
    assert isinstance(_open(any_db, "RENGØRING"), votes.VoteView)
    with pytest.raises(Conflict):
        _open(any_db, "Rengøring")
    # the activity plan may be voted on beside it
    plan = _open(any_db, "Activity plan 2027")
    assert isinstance(plan, votes.VoteView)
    assert (plan.kind, plan.title) == ("activity_plan", "2027")
    assert [e["action"] for e in audit_log(any_db) if e["action"].startswith("vote.")] == [
        "vote.open",
        "vote.open",
    ]


def test_no_one_on_the_steering_group_means_no_vote(any_db):
    load_roster(any_db, [person("USEK", "Sofie Holm", "Miljøstyrelsen", SEC)])
    revisions.set_steering_channel(
        any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW
    )
    with pytest.raises(InvalidInput):
        _open(any_db, "aktivitetsplan 2027", override_reason="Test")


# -- ballots -----------------------------------------------------------------------------------


def test_the_latest_ballot_of_a_seat_counts_whoever_of_the_seat_casts_it(any_db):
    vote = _goal_vote(any_db)

    first = _cast(any_db, "UANNE", vote.id, "for")
    assert (first.organisation, first.choice, first.previous) == ("Aarhus Kommune", "for", None)
    replaced = _cast(any_db, "UCARL", vote.id, "against")
    assert (replaced.organisation, replaced.previous) == ("Aarhus Kommune", "for")
    _cast(any_db, "UJOHN", vote.id, "abstain")

    assert _ballots(any_db, vote.id) == {
        "Aarhus Kommune": ("against", "UCARL"),
        "Aalborg Kommune": ("abstain", "UJOHN"),
    }
    with any_db.reading() as session:
        counted = votes.get(session, vote.id)
        stored = session.exec(select(Ballot).order_by(Ballot.id)).all()
    assert counted.tally.counts == {"for": 0, "against": 1, "abstain": 1}
    assert [(b.voter, b.choice, b.changes) for b in stored] == [
        ("UCARL", "against", 1),
        ("UJOHN", "abstain", 0),
    ]
    ballots = [e for e in audit_log(any_db) if e["action"] == "vote.ballot"]
    assert [(e["actor"], e["before"], e["after"]) for e in ballots] == [
        ("UANNE", {"choice": None}, {"organisation": "Aarhus Kommune", "choice": "for"}),
        ("UCARL", {"choice": "for"}, {"organisation": "Aarhus Kommune", "choice": "against"}),
        ("UJOHN", {"choice": None}, {"organisation": "Aalborg Kommune", "choice": "abstain"}),
    ]


def test_a_burst_of_ballots_leaves_one_refresh_of_the_message_waiting(any_db):
    vote = _goal_vote(any_db)
    for user, choice in [("UANNE", "for"), ("UCARL", "against"), ("UJOHN", "for")] * 5:
        _cast(any_db, user, vote.id, choice)
    votes.set_approval(any_db, voter="UJOHN", vote_id=vote.id, state="pending", now=VOTING)

    refreshes = [row for row in _outbox(any_db, vote.id) if row[0] == "vote.refresh"]
    assert refreshes == [("vote.refresh", STEERING_CHANNEL, "pending")]


@pytest.mark.parametrize(
    ("user", "error"),
    [
        ("UDITTE", NotAllowed),
        ("USEK", NotAllowed),
        ("UGUSTAV", NotAllowed),
        ("UNOBODY", NotInRoster),
    ],
)
def test_someone_without_a_seat_cannot_vote_or_mark_approval(any_db, user, error):
    vote = _goal_vote(any_db)

    with pytest.raises(error):
        _cast(any_db, user, vote.id, "for")
    with pytest.raises(error):
        votes.set_approval(any_db, voter=user, vote_id=vote.id, state="given", now=VOTING)

    assert _ballots(any_db, vote.id) == {}
    assert [e["action"] for e in audit_log(any_db) if e["action"].startswith("vote.")] == [
        "vote.open"
    ]


def test_unknown_choices_and_votes_are_refused(any_db):
    vote = _goal_vote(any_db)
    with pytest.raises(InvalidInput):
        _cast(any_db, "UANNE", vote.id, "maybe")
    with pytest.raises(InvalidInput):
        votes.set_approval(any_db, voter="UANNE", vote_id=vote.id, state="soon", now=VOTING)
    with pytest.raises(NotFound):
        _cast(any_db, "UANNE", vote.id + 100, "for")
    assert _ballots(any_db, vote.id) == {}


def test_a_deputy_of_an_organisation_without_a_seat_cannot_vote(any_db):
    vote = _goal_vote(any_db)
    roster.import_roster(
        any_db,
        entries=[person("UPER", "Per Vad", "Odense Kommune", DEPUTY)],
        actor="setup",
        now=NOW,
    )

    with pytest.raises(NotAllowed):
        _cast(any_db, "UPER", vote.id, "against")
    with pytest.raises(NotAllowed):
        votes.set_approval(any_db, voter="UPER", vote_id=vote.id, state="given", now=VOTING)
    with any_db.reading() as session:
        seats = [s.organisation for s in votes.get(session, vote.id).tally.seats]
    assert seats == ["Aalborg Kommune", "Aarhus Kommune"]


# -- closing -----------------------------------------------------------------------------------


def test_a_passed_vote_approves_the_goal_and_tells_the_ambassadors(any_db):
    vote = _goal_vote(any_db)
    _cast(any_db, "UANNE", vote.id, "for")
    _cast(any_db, "UJOHN", vote.id, "abstain")
    votes.set_approval(any_db, voter="UCARL", vote_id=vote.id, state="given", now=VOTING)

    closed = votes.close_here(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=STEERING_CHANNEL,
        now=VOTING + timedelta(hours=1),
    )

    assert isinstance(closed, votes.VoteView)
    assert closed.status == "closed" and closed.closed_at == VOTING + timedelta(hours=1)
    assert closed.result["passed"] is True and closed.result["quorum"] is True
    assert closed.result["counts"] == {"for": 1, "against": 0, "abstain": 1}
    assert closed.result["seats"] == [
        {
            "organisation": "Aalborg Kommune",
            "choice": "abstain",
            "voter": "UJOHN",
            "approval": None,
            "reason": None,
            "cast_as": "member",
        },
        {
            "organisation": "Aarhus Kommune",
            "choice": "for",
            "voter": "UANNE",
            "approval": "given",
            "reason": None,
            "cast_as": "member",  # the seat's member, not its deputy (Carl Berg)
        },
    ]
    # passed: the revision waits in the approval phase for the secretariat, its condition met
    assert revisions.revision_here(any_db, channel_id="CGROUP").phase.key == "godkendelse"
    assert move_on(any_db).revision.phase.key == "lancering"
    rows = _outbox(any_db, vote.id)
    assert ("vote.ambassador", "UGUSTAV", "pending") in rows
    assert ("vote.result", STEERING_CHANNEL, "pending") in rows
    assert {status for kind, _, status in rows if kind == "vote.reminder"} == {"cancelled"}
    [entry] = [e for e in audit_log(any_db) if e["action"] == "vote.close"]
    assert entry["actor"] == "USEK" and entry["after"] == closed.result
    assert [
        e
        for e in audit_log(any_db)
        if e["action"] == "revision.phase" and (e["after"] or {}).get("vote")
    ] == []
    assert audit_log(any_db)[-1]["after"] == {"phase": "lancering"}

    # the result is kept as it was counted, whatever happens to the roster afterwards
    roster.import_roster(
        any_db,
        entries=[person("UNY", "Ny Person", "Vejle Kommune", STEER)],
        actor="setup",
        now=NOW,
    )
    with any_db.reading() as session:
        assert votes.get(session, vote.id).tally.counts == closed.result["counts"]
        assert len(votes.get(session, vote.id).tally.seats) == 2


def test_a_failed_vote_sends_the_goal_back_and_tells_no_ambassador(any_db):
    vote = _goal_vote(any_db)
    _cast(any_db, "UANNE", vote.id, "for")
    _cast(any_db, "UJOHN", vote.id, "against")

    closed = votes.close(any_db, vote_id=vote.id, by="USEK", now=NOW)

    assert closed.result["passed"] is False
    assert revisions.revision_here(any_db, channel_id="CGROUP").phase.key == "udvikling"
    assert not [row for row in _outbox(any_db, vote.id) if row[0] == "vote.ambassador"]
    assert votes.close(any_db, vote_id=vote.id, by="USEK", now=NOW) is None  # once only
    with pytest.raises(Conflict):
        _cast(any_db, "UANNE", vote.id, "against")
    with pytest.raises(Conflict):
        votes.set_approval(any_db, voter="UANNE", vote_id=vote.id, state="given", now=VOTING)
    with pytest.raises(NotFound):
        votes.close_here(any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW)
    assert _ballots(any_db, vote.id) == {
        "Aarhus Kommune": ("for", "UANNE"),
        "Aalborg Kommune": ("against", "UJOHN"),
    }


def test_votes_close_when_their_meeting_ends_and_not_before(any_db):
    vote = _goal_vote(any_db)
    plan = _open(any_db, "aktivitetsplan 2027", override_reason="Uden møde")
    assert plan.closes_at is not None  # tied to the same spring meeting
    _cast(any_db, "UANNE", vote.id, "for")

    assert votes.close_due(any_db, now=SPRING_END - timedelta(seconds=1)) == []
    closed = votes.close_due(any_db, now=SPRING_END)

    assert sorted(v.id for v in closed) == sorted([vote.id, plan.id])
    assert all(v.status == "closed" for v in closed)
    assert votes.close_due(any_db, now=SPRING_END + timedelta(hours=1)) == []
    closes = [e for e in audit_log(any_db) if e["action"] == "vote.close"]
    assert [e["actor"] for e in closes] == ["pogi", "pogi"]


def test_a_vote_without_a_meeting_stays_open_until_closed_by_hand(any_db):
    _steering(any_db)
    opened = _open(any_db, "aktivitetsplan 2027", override_reason="Ingen møder i år")
    assert opened.closes_at is None
    assert [row[0] for row in _outbox(any_db, opened.id)] == ["vote.posted"]  # no reminders

    assert votes.close_due(any_db, now=NOW + timedelta(days=400)) == []
    closed = votes.close_here(
        any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW
    )
    assert closed.result["quorum"] is False and closed.result["passed"] is False
    with pytest.raises(NotAllowed):
        votes.close_here(any_db, actor=actor(any_db, "UANNE"), channel_id=STEERING_CHANNEL, now=NOW)


def test_the_decision_record_is_asked_for_by_the_secretariat(any_db):
    vote = _goal_vote(any_db)
    assert (
        votes.protocol(any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW)
        == 0
    )
    votes.close(any_db, vote_id=vote.id, by="USEK", now=NOW)
    plan = _open(any_db, "aktivitetsplan 2027")
    votes.close(any_db, vote_id=plan.id, by="USEK", now=NOW + timedelta(minutes=5))

    assert (
        votes.protocol(any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW)
        == 2
    )
    with pytest.raises(NotAllowed):
        votes.protocol(any_db, actor=actor(any_db, "UANNE"), channel_id=STEERING_CHANNEL, now=NOW)
    with any_db.reading() as session:
        assert [v.id for v in votes.closed_votes(session)] == [vote.id, plan.id]
        pending = outbox_queries.claim_due(
            session, now=NOW, worker="test", lease=timedelta(minutes=1), limit=100
        )
    assert sum(row.kind == "vote.protocol" for row in pending) == 2


# -- concurrent clicks -------------------------------------------------------------------------


@contextmanager
def _held(
    db: Database, *, thread: str, when: str, matches: Callable[[str], bool]
) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Hold the thread called ``thread`` at its first SQL statement that ``matches`` (just
    ``before`` or ``after`` it runs) until released: a chosen interleaving, every time."""
    reached, release = threading.Event(), threading.Event()

    def hook(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        if (
            threading.current_thread().name == thread
            and not reached.is_set()
            and matches(statement)
        ):
            reached.set()
            release.wait(10)

    name = "before_cursor_execute" if when == "before" else "after_cursor_execute"
    event.listen(db.engine, name, hook)
    try:
        yield reached, release
    finally:
        release.set()
        event.remove(db.engine, name, hook)


def _in_thread(name: str, work: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread, outcome


def _wait_until(condition: Callable[[], bool], timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.01)


def _is_ballot_write(statement: str) -> bool:
    return statement.lstrip().upper().startswith("INSERT INTO BALLOT")


def test_many_clicks_at_once_leave_one_ballot_per_seat_equal_to_its_last(any_db):
    vote = _goal_vote(any_db)
    users = ["UANNE", "UCARL", "UJOHN"]
    plan = [
        (users[(i * 7 + j) % 3], votes.CHOICES[(i + j) % 3]) for i in range(8) for j in range(6)
    ]
    barrier = threading.Barrier(8)

    def sender(index: int) -> None:
        barrier.wait()
        for user, choice in plan[index * 6 : (index + 1) * 6]:
            _cast(any_db, user, vote.id, choice)

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    ballots = [e for e in audit_log(any_db) if e["action"] == "vote.ballot"]
    assert len(ballots) == len(plan)
    last = {}
    for entry in ballots:  # oldest first, by audit id
        last[entry["after"]["organisation"]] = (entry["after"]["choice"], entry["actor"])
    assert _ballots(any_db, vote.id) == last
    with any_db.reading() as session:
        stored = session.exec(select(Ballot).where(Ballot.vote_id == vote.id)).all()
    assert len(stored) == 2
    assert sum(b.changes for b in stored) == len(plan) - 2


def test_a_ballot_in_flight_while_the_vote_closes_is_counted_or_refused(any_db):
    vote = _goal_vote(any_db)
    _cast(any_db, "UANNE", vote.id, "for")

    with _held(any_db, thread="clicker", when="before", matches=_is_ballot_write) as (
        reached,
        release,
    ):
        clicker, clicked = _in_thread("clicker", lambda: _cast(any_db, "UJOHN", vote.id, "for"))
        assert reached.wait(5)
        closer, closed = _in_thread(
            "closer", lambda: votes.close(any_db, vote_id=vote.id, by="USEK", now=NOW)
        )
        closer.join(0.5)  # PostgreSQL: waits for the ballot; SQLite: closes meanwhile
        release.set()
        clicker.join(10)
        closer.join(10)

    result = closed["value"].result
    if "error" in clicked:  # refused: then it must not be stored either
        assert isinstance(clicked["error"], Conflict)
        assert "Aalborg Kommune" not in _ballots(any_db, vote.id)
    else:  # receipted: then it must be in the result
        voted = {s["organisation"]: s["choice"] for s in result["seats"]}
        assert voted == {"Aarhus Kommune": "for", "Aalborg Kommune": "for"}
        assert result["counts"]["for"] == 2


def test_the_audit_before_of_a_ballot_is_the_ballot_it_replaced(any_db):
    """The member and the deputy click at the same moment: whichever lands second names the
    first one's ballot as the one it replaced, in the audit log and in its receipt."""
    vote = _goal_vote(any_db)
    _cast(any_db, "UANNE", vote.id, "for")

    with _held(any_db, thread="deputy", when="before", matches=_is_ballot_write) as (
        reached,
        release,
    ):
        deputy, by_deputy = _in_thread("deputy", lambda: _cast(any_db, "UCARL", vote.id, "against"))
        assert reached.wait(5)
        member, by_member = _in_thread("member", lambda: _cast(any_db, "UANNE", vote.id, "abstain"))
        member.join(0.5)  # lands now, or waits for the deputy's click to finish
        release.set()
        deputy.join(10)
        member.join(10)

    chain = [
        (e["actor"], e["before"]["choice"], e["after"]["choice"])
        for e in audit_log(any_db)
        if e["action"] == "vote.ballot"
    ]
    assert chain[0] == ("UANNE", None, "for")
    for (_, _, replaced), (_, before, _) in pairwise(chain):
        assert before == replaced, chain
    receipts = {"UCARL": by_deputy["value"], "UANNE": by_member["value"]}
    for actor_id, before, _ in chain[1:]:
        assert receipts[actor_id].previous == before, chain
    assert _ballots(any_db, vote.id)["Aarhus Kommune"][0] == chain[-1][2]


def test_on_postgresql_clicks_of_two_seats_do_not_wait_for_each_other(any_db):
    """Ballots share the vote's lock (only closing takes it alone): a click held before it
    writes its ballot does not hold up another seat's click. SQLite has one writer, so there the
    second click waits its turn and lands once the first is done."""
    vote = _goal_vote(any_db)
    with _held(any_db, thread="first", when="before", matches=_is_ballot_write) as (
        reached,
        release,
    ):
        first, by_first = _in_thread("first", lambda: _cast(any_db, "UANNE", vote.id, "for"))
        assert reached.wait(5)
        second, by_second = _in_thread("second", lambda: _cast(any_db, "UJOHN", vote.id, "against"))
        second.join(1)  # within a click's wait for its turn (BALLOT_WAIT) on SQLite
        landed_meanwhile = not second.is_alive()
        release.set()
        first.join(10)
        second.join(10)

    assert "error" not in by_first and "error" not in by_second
    assert landed_meanwhile == (any_db.engine.dialect.name == "postgresql")
    assert _ballots(any_db, vote.id) == {
        "Aarhus Kommune": ("for", "UANNE"),
        "Aalborg Kommune": ("against", "UJOHN"),
    }


def test_a_ballot_racing_the_message_refresh_still_reaches_the_message(any_db):
    vote = _goal_vote(any_db)
    _cast(any_db, "UANNE", vote.id, "for")  # a refresh is pending now
    shown: dict[str, Any] = {}

    def claim_and_compose() -> None:
        """What the dispatcher does with the refresh: claim it, then read the vote."""
        with any_db.transaction() as session:
            shown["claimed"] = outbox_queries.claim_due(
                session, now=NOW, worker="test", lease=timedelta(minutes=1), limit=100
            )
        with any_db.reading() as session:
            shown["voted"] = {
                s.organisation for s in votes.get(session, vote.id).tally.seats if s.choice
            }

    def looked_for_a_refresh(statement: str) -> bool:
        return "outbox" in statement.lower()  # the click looks for a refresh on its way

    with _held(any_db, thread="clicker", when="after", matches=looked_for_a_refresh) as (
        reached,
        release,
    ):
        clicker, clicked = _in_thread("clicker", lambda: _cast(any_db, "UJOHN", vote.id, "for"))
        assert reached.wait(5)
        dispatcher, dispatched = _in_thread("dispatcher", claim_and_compose)
        dispatcher.join(0.5)  # PostgreSQL: composes now; SQLite: waits for the ballot
        release.set()
        clicker.join(10)
        dispatcher.join(35)

    assert "error" not in clicked and "error" not in dispatched
    waiting = [
        row for row in _outbox(any_db, vote.id) if row[0] == "vote.refresh" and row[2] == "pending"
    ]
    # either the refresh the dispatcher took showed the ballot, or another one is on its way
    took_refresh = any(row.kind == "vote.refresh" for row in shown["claimed"])
    assert (took_refresh and "Aalborg Kommune" in shown["voted"]) or waiting, shown


def test_a_click_that_cannot_get_its_turn_in_time_is_refused_and_the_next_one_is_not(
    any_db, monkeypatch
):
    vote = _goal_vote(any_db)
    monkeypatch.setattr(ballots, "BALLOT_WAIT", 0.3)
    holding, release = threading.Event(), threading.Event()

    def hold_the_vote() -> None:  # the vote is being closed, for longer than a click waits
        with any_db.transaction() as session:
            stored_votes.locked_vote(session, vote_id=vote.id)
            holding.set()
            release.wait(5)

    holder, _ = _in_thread("holder", hold_the_vote)
    assert holding.wait(5)
    refused, outcome = _in_thread("refused", lambda: _cast(any_db, "UANNE", vote.id, "for"))
    queued, behind = _in_thread("queued", lambda: _cast(any_db, "UJOHN", vote.id, "against"))
    refused.join(5)
    queued.join(5)
    release.set()
    holder.join(5)

    assert isinstance(outcome.get("error"), Conflict) and "Prøv igen" in str(outcome["error"])
    assert isinstance(behind.get("error"), Conflict)
    assert _ballots(any_db, vote.id) == {}
    assert [e for e in audit_log(any_db) if e["action"] == "vote.ballot"] == []
    _cast(any_db, "UJOHN", vote.id, "against")
    assert _ballots(any_db, vote.id) == {"Aalborg Kommune": ("against", "UJOHN")}
