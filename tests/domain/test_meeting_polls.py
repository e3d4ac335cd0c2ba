"""Time polls in the domain, on SQLite and PostgreSQL: answers toggle, the pick is an ordinary
proposal, and the meeting confirmed from it decides the poll, once."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.domain import meetings, revisions
from bot.domain.errors import Conflict, NotAllowed
from bot.domain.meetings import polls
from storage.tables import Meeting, MeetingPoll, OutboxMessage
from tests.support.factories import NOW, actor, load_roster, start_revision

ZONE = ZoneInfo("Europe/Copenhagen")


def test_answers_toggle_and_the_confirmed_pick_decides_the_poll_once(any_db):
    load_roster(any_db)
    start_revision(any_db, coordinator="UANNE", members=["UDITTE", "UEMIL"])
    anne, ditte = actor(any_db, "UANNE"), actor(any_db, "UDITTE")
    poll = polls.start_poll(
        any_db,
        actor=anne,
        channel_id="CGROUP",
        text="torsdag kl. 13-15; fredag kl. 9-11 Opstartsmøde",
        now=NOW,
        zone=ZONE,
    )
    assert [o.number for o in poll.options] == [1, 2] and poll.title == "Opstartsmøde"

    assert polls.answer(any_db, actor=ditte, poll_id=poll.id, option=2, now=NOW).marked == (2,)
    assert polls.answer(any_db, actor=ditte, poll_id=poll.id, option=1, now=NOW).marked == (1, 2)
    toggled = polls.answer(any_db, actor=ditte, poll_id=poll.id, option=2, now=NOW)
    assert toggled.marked == (1,)
    assert [o.who for o in toggled.poll.options] == [("UDITTE",), ()]

    first = polls.pick(any_db, actor=anne, poll_id=poll.id, option=1, now=NOW)
    second = polls.pick(any_db, actor=anne, poll_id=poll.id, option=2, now=NOW)
    assert first.poll_id == poll.id and first.title == "Opstartsmøde"

    def confirm(proposal: meetings.Proposal) -> meetings.MeetingView:
        return meetings.confirm(
            any_db,
            actor=anne,
            channel_id="CGROUP",
            starts_at=proposal.starts_at,
            ends_at=proposal.ends_at,
            title=proposal.title,
            nonce=proposal.nonce,
            now=NOW,
            reminders=(timedelta(days=1),),
            poll_id=proposal.poll_id,
        )

    booked = confirm(first)
    with pytest.raises(Conflict):
        confirm(second)  # the poll is decided: its other time books nothing
    with any_db.reading() as session:
        assert [m.id for m in session.exec(select(Meeting)).all()] == [booked.id]
        stored = session.exec(select(MeetingPoll)).one()
    assert (stored.status, stored.meeting_id) == ("decided", booked.id)
    with pytest.raises(Conflict):
        polls.answer(any_db, actor=ditte, poll_id=poll.id, option=1, now=NOW)


def test_in_the_steering_channel_the_secretariat_asks_the_seats(any_db):
    load_roster(any_db)
    revisions.set_steering_channel(
        any_db, actor=actor(any_db, "USEK"), channel_id="CSTYRE", now=NOW
    )
    with pytest.raises(NotAllowed):
        polls.start_poll(
            any_db,
            actor=actor(any_db, "UANNE"),
            channel_id="CSTYRE",
            text="15/3-2027 kl. 13-15; 16/3-2027 kl. 13-15",
            now=NOW,
            zone=ZONE,
        )
    poll = polls.start_poll(
        any_db,
        actor=actor(any_db, "USEK"),
        channel_id="CSTYRE",
        text="15/3-2027 kl. 13-15; 16/3-2027 kl. 13-15 Forårsmøde",
        now=NOW,
        zone=ZONE,
    )
    assert poll.kind == "steering" and poll.goal is None
    with any_db.reading() as session:
        reminded = {
            row.destination
            for row in session.exec(
                select(OutboxMessage).where(OutboxMessage.kind == "poll.reminder")
            ).all()
        }
    assert reminded == {"UANNE", "UCARL", "UJOHN"}  # the steering members and the deputy
