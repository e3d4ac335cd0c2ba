"""What a time poll looks like from outside, and how the meeting confirmed from it decides it.

A poll offers a few times for a meeting; each person marks those that suit them; the
coordinator (or the secretariat) picks one, which becomes an ordinary meeting proposal
(``planning.propose``'s, to confirm with ``Bekræft``); the confirmed meeting decides the poll
(:func:`settle`), in the meeting's own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, NotFound
from bot.domain.roles import Role
from bot.presentation.i18n import N_
from storage import queries
from storage.queries import polls as poll_queries
from storage.queries import revisions as revision_queries
from storage.queries import votes as vote_queries
from storage.tables import Meeting, MeetingPoll, Revision

OPEN, DECIDED, CLOSED = "open", "decided", "closed"
POSTED, REFRESH, REMINDER = "poll.posted", "poll.refresh", "poll.reminder"
GONE = N_("Forslaget til mødetidspunkter findes ikke længere.")
NOT_OPEN = N_("Der er allerede taget stilling til forslaget til mødetidspunkter.")


@dataclass(frozen=True)
class OptionView:
    number: int
    starts_at: datetime
    ends_at: datetime
    who: tuple[str, ...]
    """The Slack ids of those it suits, in the order they answered."""


@dataclass(frozen=True)
class PollView:
    id: int
    channel_id: str
    kind: str
    goal: str | None
    title: str
    options: tuple[OptionView, ...]
    status: str
    created_by: str
    answered: tuple[str, ...]
    message_ts: str | None = None
    meeting_number: int | None = None

    @property
    def subject(self) -> str:
        return subject_of(self.id)


def subject_of(poll_id: int) -> str:
    return f"poll:{poll_id}"


def times_of(poll: MeetingPoll) -> list[tuple[datetime, datetime]]:
    return [
        (datetime.fromisoformat(o["s"]), datetime.fromisoformat(o["e"])) for o in poll.options or []
    ]


def view_of(session: Session, poll: MeetingPoll) -> PollView:
    assert poll.id is not None, "a stored poll has an id"
    answers = poll_queries.answers_of(session, poll_id=poll.id)
    revision = session.get(Revision, poll.revision_id) if poll.revision_id else None
    meeting = session.get(Meeting, poll.meeting_id) if poll.meeting_id else None
    options = tuple(
        OptionView(
            number,
            start,
            end,
            tuple(a.slack_user_id for a in answers if number in (a.options or [])),
        )
        for number, (start, end) in enumerate(times_of(poll), start=1)
    )
    return PollView(
        id=poll.id,
        channel_id=poll.channel_id,
        kind=poll.kind,
        goal=revision.goal if revision else None,
        title=poll.title,
        options=options,
        status=poll.status,
        created_by=poll.created_by,
        answered=tuple(a.slack_user_id for a in answers),
        message_ts=poll.message_ts,
        meeting_number=meeting.number if meeting else None,
    )


def get(session: Session, poll_id: int) -> PollView | None:
    poll = session.get(MeetingPoll, poll_id)
    return None if poll is None else view_of(session, poll)


def open_poll(session: Session, poll_id: int) -> MeetingPoll:
    """The poll, locked, while it is still open."""
    poll = poll_queries.locked_poll(session, poll_id=poll_id)
    if poll is None:
        raise NotFound(GONE)
    if poll.status != OPEN:
        raise Conflict(NOT_OPEN)
    return poll


def snapshot(poll: MeetingPoll) -> dict[str, Any]:
    return {"status": poll.status, "title": poll.title, "options": poll.options}


def refresh_soon(session: Session, poll: MeetingPoll, *, now: datetime) -> None:
    """One update of the poll message for a burst of answers (as a vote message's)."""
    subject = subject_of(poll.id)
    if not vote_queries.hasten_waiting(session, subject=subject, kind=REFRESH, due=now):
        outbox.schedule(
            session, kind=REFRESH, subject=subject, destination=poll.channel_id, due_at=now, now=now
        )


def finish(session: Session, poll: MeetingPoll, *, status: str, by: str, now: datetime) -> None:
    """Decided or closed: no more answers, no more reminders; the message says so."""
    before = snapshot(poll)
    poll.status, poll.decided_by, poll.decided_at = status, by, now
    session.add(poll)
    outbox.cancel(session, subject=subject_of(poll.id), kinds=[REMINDER])
    refresh_soon(session, poll, now=now)
    audit.record(
        session,
        actor=by,
        action="meeting_poll.decide" if status == DECIDED else "meeting_poll.close",
        entity=subject_of(poll.id),
        before=before,
        after={**snapshot(poll), "meeting_id": poll.meeting_id},
        at=now,
    )


def settle(session: Session, *, poll_id: int, meeting: Meeting, by: str, now: datetime) -> None:
    """The meeting confirmed from the poll's pick decides it; a poll decided already (another
    of its times was confirmed) refuses a second meeting."""
    poll = open_poll(session, poll_id)
    poll.meeting_id = meeting.id
    finish(session, poll, status=DECIDED, by=by, now=now)


def people_asked(session: Session, poll: MeetingPoll) -> list[str]:
    """Who is asked: the working group, or in the steering group's channel its members and
    deputies."""
    if poll.revision_id is not None:
        group = revision_queries.group_people(session, revision_id=poll.revision_id)
        return [person.slack_user_id for person in group]
    seats = {Role.STEERING.value, Role.STEERING_DEPUTY.value}
    return [
        person.slack_user_id
        for person in queries.all_people(session)
        if seats & set(person.roles.split(";"))
    ]


def remember_message(session: Session, *, poll_id: int, ts: str | None) -> None:
    """The poll message's timestamp, so that later refreshes update it."""
    poll = session.get(MeetingPoll, poll_id)
    if poll is not None and ts and poll.message_ts is None:
        poll.message_ts = ts
        session.add(poll)


def waiting_for(session: Session, *, poll_id: int, slack_user_id: str) -> PollView | None:
    """The open poll, if the person has not answered it yet and is still in the roster."""
    poll = session.get(MeetingPoll, poll_id)
    if poll is None or poll.status != OPEN:
        return None
    if poll_queries.answer_of(session, poll_id=poll_id, slack_user_id=slack_user_id):
        return None
    if queries.person_by_slack_id(session, slack_user_id=slack_user_id) is None:
        return None
    return view_of(session, poll)
