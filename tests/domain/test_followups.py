"""What follows a meeting when it moves or is cancelled, and the guards around confirming,
moving and voting (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.domain import homework, meetings, outbox, revisions, votes
from bot.domain.errors import Conflict, InvalidInput
from storage.tables import OutboxMessage
from tests.support.factories import (
    GROUP_CHANNEL,
    NOW,
    STEERING_CHANNEL,
    actor,
    audit_log,
    load_roster,
    start_revision,
)

ZONE = ZoneInfo("Europe/Copenhagen")
REMINDERS = (timedelta(days=1),)


def _meeting(db, text: str, channel: str = GROUP_CHANNEL) -> meetings.MeetingView:  # type: ignore[no-untyped-def]
    proposal = meetings.propose(
        db, actor=actor(db, "USEK"), channel_id=channel, text=text, now=NOW, zone=ZONE
    )
    return _confirm(db, proposal)


def _confirm(db, proposal: meetings.Proposal) -> meetings.MeetingView:  # type: ignore[no-untyped-def]
    return meetings.confirm(
        db,
        actor=actor(db, "USEK"),
        channel_id=proposal.channel_id,
        starts_at=proposal.starts_at,
        ends_at=proposal.ends_at,
        title=proposal.title,
        nonce=proposal.nonce,
        now=NOW,
        reminders=REMINDERS,
    )


def _steering(db) -> None:  # type: ignore[no-untyped-def]
    load_roster(db)
    revisions.set_steering_channel(
        db, actor=actor(db, "USEK"), channel_id=STEERING_CHANNEL, now=NOW
    )


def test_a_vote_follows_its_moved_meeting_and_closes_undecided_when_it_is_cancelled(any_db):
    _steering(any_db)
    meeting = _meeting(any_db, "torsdag kl. 13-15", STEERING_CHANNEL)
    opened = votes.open_vote(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=STEERING_CHANNEL,
        subject="aktivitetsplan 2027",
        now=NOW,
        override_reason="Budget",
    )
    assert opened.closes_at == meeting.ends_at

    _, moved = meetings.move(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=STEERING_CHANNEL,
        number=1,
        text="3/12 kl. 13-15",
        now=NOW,
        zone=ZONE,
        reminders=REMINDERS,
    )
    with any_db.reading() as session:
        shown = votes.get(session, opened.id)
    assert (shown.opens_at, shown.closes_at) == (moved.starts_at, moved.ends_at)

    # no other meeting planned: the vote is closed without a decision, and never counted
    meetings.cancel(
        any_db, actor=actor(any_db, "USEK"), channel_id=STEERING_CHANNEL, number=1, now=NOW
    )
    with any_db.reading() as session:
        after = votes.get(session, opened.id)
    assert (after.status, after.closed_at, after.result) == ("cancelled", NOW, None)
    assert votes.close_due(any_db, now=NOW + timedelta(days=30)) == []


def test_homework_until_a_cancelled_meeting_moves_to_the_next_meeting(any_db):
    load_roster(any_db)
    start_revision(any_db)
    first = _meeting(any_db, "torsdag kl. 13-15")
    second = _meeting(any_db, "fredag kl. 10-12")
    [task] = homework.assign(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        assignee_ids=["UEMIL"],
        text="Læs rapporten til næste møde",
        now=NOW,
        zone=ZONE,
        reminders=REMINDERS,
    )
    assert task.due_at == first.starts_at

    meetings.cancel(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL, number=1, now=NOW
    )
    [after] = homework.open_by_person(any_db, channel_id=GROUP_CHANNEL)["Emil Dahl"]
    assert (after.due_at, after.meeting_number) == (second.starts_at, second.number)


def test_homework_until_a_moved_meeting_moves_with_it_and_so_do_its_reminders(any_db):
    load_roster(any_db)
    start_revision(any_db)
    _meeting(any_db, "torsdag kl. 13-15")
    [task] = homework.assign(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        assignee_ids=["UEMIL"],
        text="Læs rapporten til næste møde",
        now=NOW,
        zone=ZONE,
        reminders=REMINDERS,
    )

    _, moved = meetings.move(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        number=1,
        text="fredag kl. 10-12",
        now=NOW,
        zone=ZONE,
        reminders=REMINDERS,
    )
    [after] = homework.open_by_person(any_db, channel_id=GROUP_CHANNEL)["Emil Dahl"]
    assert (after.due_at, after.meeting_number) == (moved.starts_at, moved.number)
    with any_db.reading() as session:
        [reminder] = [
            row
            for row in outbox.pending(session, subject=task.subject)
            if row.kind == homework.REMINDER
        ]
    assert (reminder.due_at, reminder.data) == (moved.starts_at - REMINDERS[0], {"offset": 86400})


def test_a_second_click_on_a_used_proposal_books_nothing_even_after_a_cancel(any_db):
    load_roster(any_db)
    start_revision(any_db)
    proposal = meetings.propose(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        text="torsdag kl. 13-15",
        now=NOW,
        zone=ZONE,
    )
    _confirm(any_db, proposal)
    with pytest.raises(Conflict):
        _confirm(any_db, proposal)
    meetings.cancel(
        any_db, actor=actor(any_db, "USEK"), channel_id=GROUP_CHANNEL, number=1, now=NOW
    )
    with pytest.raises(Conflict):
        _confirm(any_db, proposal)
    assert meetings.coming(any_db, channel_id=GROUP_CHANNEL, now=NOW) == []


def test_moving_a_meeting_to_its_own_time_changes_nothing(any_db):
    load_roster(any_db)
    start_revision(any_db)
    meeting = _meeting(any_db, "torsdag kl. 13-15")
    with pytest.raises(InvalidInput):
        meetings.move(
            any_db,
            actor=actor(any_db, "USEK"),
            channel_id=GROUP_CHANNEL,
            number=1,
            text="torsdag kl. 13-15",
            now=NOW,
            zone=ZONE,
            reminders=REMINDERS,
        )
    [still] = meetings.coming(any_db, channel_id=GROUP_CHANNEL, now=NOW)
    assert still.sequence == meeting.sequence == 0


def test_a_goal_vote_waits_for_the_approval_phase(any_db):
    _steering(any_db)
    start_revision(any_db)
    with pytest.raises(InvalidInput):
        votes.open_vote(
            any_db,
            actor=actor(any_db, "USEK"),
            channel_id=STEERING_CHANNEL,
            subject="Rengøring",
            now=NOW,
            override_reason="Haster",
        )
    with any_db.reading() as session:
        assert votes.closed_votes(session) == []


def test_homework_marked_done_by_several_clicks_at_once_is_done_and_told_once(any_db):
    load_roster(any_db)
    start_revision(any_db)
    [task] = homework.assign(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id=GROUP_CHANNEL,
        assignee_ids=["UEMIL"],
        text="Læs rapporten til fredag",
        now=NOW,
        zone=ZONE,
        reminders=REMINDERS,
    )
    with any_db.transaction() as session:  # the task's message is in the channel
        homework.remember_message(session, homework_id=task.id, ts="1700000000.000100")
    start = threading.Barrier(4)

    def click(user: str) -> homework.Completion:
        start.wait()
        return homework.complete(any_db, actor=actor(any_db, user), homework_id=task.id, now=NOW)

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(click, ["UEMIL", "UEMIL", "USEK", "UEMIL"]))

    assert sorted(c.already_done for c in done) == [False, True, True, True]
    with any_db.reading() as session:
        told = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == homework.COMPLETED)
        ).all()
    assert len(told) == 1
    assert [e["action"] for e in audit_log(any_db)].count("homework.done") == 1
