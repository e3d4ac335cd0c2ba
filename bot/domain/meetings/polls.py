"""Finding a meeting time: a poll of a few times in a group's (or the steering group's)
channel, each person marking those that suit them, until the coordinator picks one (an ordinary
proposal, confirmed as any other; see ``poll_views.settle``) or closes the poll. Who may start,
pick and close is who may call meetings there (``place``); everyone in the roster may answer.
Those asked who have not answered are reminded before the earliest time on offer."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain import audit, outbox
from bot.domain.errors import Conflict, DomainError, InvalidInput, NotFound, TimeNotAccepted
from bot.domain.meetings.place import place_for_caller, place_of, require_caller
from bot.domain.meetings.planning import meeting_times, proposal_at
from bot.domain.meetings.poll_views import (
    CLOSED,
    GONE,
    NOT_OPEN,
    OPEN,
    POSTED,
    REMINDER,
    PollView,
    open_poll,
    people_asked,
    refresh_soon,
    snapshot,
    subject_of,
    times_of,
    view_of,
)
from bot.domain.meetings.poll_views import finish as finish_poll
from bot.domain.meetings.views import TITLE_LIMIT, Proposal
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from bot.timephrase import Rejection, leading_time_readings, parse_time
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.queries import polls as poll_queries
from storage.tables import MeetingPoll, PollAnswer

MOST_OPTIONS = 8
REMINDER_OFFSETS = (timedelta(days=3), timedelta(days=1))
"""Before the earliest time on offer: the poll must be answered while it can still be met."""
USAGE = N_(
    "Skriv mindst to tidspunkter adskilt af semikolon og eventuelt en titel til sidst, fx "
    "`/pogi møde forslag tirsdag kl. 10-12; onsdag kl. 13-15; torsdag kl. 9-11 Opstartsmøde`."
)


@dataclass(frozen=True)
class AnswerReceipt:
    """What the person answering is told: the poll and the times they have marked."""

    poll: PollView
    marked: tuple[int, ...]


def start_poll(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    language: str | None = None,
    working: WorkingHours | None = None,
) -> PollView:
    """``tirsdag kl. 10-12; onsdag kl. 13-15 Opstartsmøde``: post the times for everyone to
    mark, and remind those asked who have not answered."""
    with db.transaction() as session:
        place = place_for_caller(session, actor, channel_id)
        times, title = _read_times(text, now=now, zone=zone, language=language)
        poll = MeetingPoll(
            channel_id=channel_id,
            revision_id=place.revision.id if place.revision else None,
            kind=place.kind,
            title=title,
            options=[{"s": start.isoformat(), "e": end.isoformat()} for start, end in times],
            created_by=actor.user_id,
            created_at=now,
        )
        session.add(poll)
        session.flush()
        subject = subject_of(poll.id)
        outbox.schedule(
            session, kind=POSTED, subject=subject, destination=channel_id, due_at=now, now=now
        )
        outbox.schedule_at_offsets(
            session,
            kind=REMINDER,
            subject=subject,
            destinations=[(user, None) for user in people_asked(session, poll)],
            event_at=min(start for start, _ in times),
            offsets=REMINDER_OFFSETS,
            now=now,
            working=working or WorkingHours(zone=zone),
        )
        audit.record(
            session,
            actor=actor,
            action="meeting_poll.start",
            entity=subject,
            before=None,
            after=snapshot(poll),
            at=now,
        )
        return view_of(session, poll)


def _read_times(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None
) -> tuple[list[tuple[datetime, datetime]], str]:
    """The times, in the order given, and the title after the last one."""
    phrases = [part.strip() for part in text.split(";") if part.strip()]
    if len(phrases) < 2:
        raise InvalidInput(USAGE)
    if len(phrases) > MOST_OPTIONS:
        raise InvalidInput(
            N_("Et forslag kan have højst %(most)s tidspunkter; der er %(count)s."),
            most=MOST_OPTIONS,
            count=len(phrases),
        )
    times: list[tuple[datetime, datetime]] = []
    title = ""
    for number, phrase in enumerate(phrases, start=1):
        try:
            if number < len(phrases):
                when = parse_time(phrase, now=now, zone=zone, language=language)
            else:
                readings = leading_time_readings(phrase, now=now, zone=zone, language=language)
                if isinstance(readings, Rejection):
                    raise TimeNotAccepted(readings)
                when, title = readings[0]
            start, end, _ = meeting_times(when, now=now)
        except DomainError as error:
            raise InvalidInput(
                N_("Tidspunkt %(number)s, »%(phrase)s«: %(why)s"),
                number=number,
                phrase=phrase,
                why=error.text,
            ) from None
        if (start, end) in times:
            raise InvalidInput(
                N_("Tidspunkt %(number)s er det samme som et af de tidligere."), number=number
            )
        times.append((start, end))
    return times, " ".join(title.split())[:TITLE_LIMIT]


def answer(
    db: Database, *, actor: Actor, poll_id: int, option: int, now: datetime
) -> AnswerReceipt:
    """Mark the option as suiting the person, or unmark it if it was marked."""
    actor.in_roster()
    with db.transaction() as session:
        poll = open_poll(session, poll_id)
        if not 1 <= option <= len(poll.options or []):
            raise NotFound(GONE)
        row = poll_queries.answer_of(session, poll_id=poll_id, slack_user_id=actor.user_id)
        before = sorted(row.options or []) if row is not None else None
        marked = set(before or [])
        marked ^= {option}
        if row is None:
            row = PollAnswer(poll_id=poll_id, slack_user_id=actor.user_id, answered_at=now)
        row.options, row.answered_at = sorted(marked), now
        session.add(row)
        refresh_soon(session, poll, now=now)
        audit.record(
            session,
            actor=actor,
            action="meeting_poll.answer",
            entity=subject_of(poll_id),
            before={"options": before},
            after={"options": sorted(marked)},
            at=now,
        )
        session.flush()
        return AnswerReceipt(view_of(session, poll), tuple(sorted(marked)))


def pick(db: Database, *, actor: Actor, poll_id: int, option: int, now: datetime) -> Proposal:
    """The picked time as a meeting proposal, to confirm as any other; confirming it decides
    the poll."""
    with db.reading() as session:
        poll = _poll(session, actor, poll_id)
        if poll.status != OPEN:
            raise Conflict(NOT_OPEN)
        times = times_of(poll)
        if not 1 <= option <= len(times):
            raise NotFound(GONE)
        start, end = times[option - 1]
        place = place_of(session, poll.channel_id)
        proposal = proposal_at(session, place, poll.channel_id, start, end, poll.title, now=now)
        return replace(proposal, poll_id=poll_id)


def close(db: Database, *, actor: Actor, poll_id: int, now: datetime) -> PollView:
    """Close the poll without a meeting: no more answers or reminders."""
    with db.transaction() as session:
        _poll(session, actor, poll_id)
        poll = open_poll(session, poll_id)
        finish_poll(session, poll, status=CLOSED, by=actor.user_id, now=now)
        return view_of(session, poll)


def _poll(session: Session, actor: Actor, poll_id: int) -> MeetingPoll:
    """The poll, once the actor may call meetings where it is."""
    poll = session.get(MeetingPoll, poll_id)
    if poll is None:
        raise NotFound(GONE)
    require_caller(session, actor, place_of(session, poll.channel_id))
    return poll
