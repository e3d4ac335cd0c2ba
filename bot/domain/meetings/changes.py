"""Changing a confirmed meeting: moving it and cancelling it, with its reminders, notices and
what follows it in other features (``bot.domain.followups``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import audit, followups, outbox
from bot.domain.errors import InvalidInput
from bot.domain.meetings.place import place_for_caller
from bot.domain.meetings.planning import meeting_times, planned, refuse_overlap, schedule_reminders
from bot.domain.meetings.views import (
    CANCELLED_NOTICE,
    MINUTES_PROMPT,
    MOVED,
    REMINDER,
    MeetingView,
    id_of,
    snapshot,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from bot.timephrase import (
    parse_time,
)
from bot.timephrase.workdays import WorkingHours
from storage.database import Database
from storage.queries.meetings import CANCELLED


def move(
    db: Database,
    *,
    actor: Actor,
    channel_id: str,
    number: int,
    text: str,
    now: datetime,
    zone: ZoneInfo,
    reminders: tuple[timedelta, ...],
    language: str | None = None,
    working: WorkingHours | None = None,
) -> tuple[MeetingView, MeetingView]:
    """Move a meeting; a time without an end keeps the meeting's length. Returns before, after."""
    with db.transaction() as session:
        place_for_caller(session, actor, channel_id)
        meeting = planned(session, channel_id=channel_id, number=number)
        before = view_of(session, meeting)
        when = parse_time(text, now=now, zone=zone, language=language)
        start, end, assumed = meeting_times(when, now=now)
        if assumed:
            end = start + (meeting.ends_at - meeting.starts_at)
        if (start, end) == (meeting.starts_at, meeting.ends_at):
            raise InvalidInput(N_("Mødet ligger allerede på det tidspunkt, så intet er ændret."))
        refuse_overlap(session, channel_id=channel_id, start=start, end=end, other_than=before.id)
        was = snapshot(meeting)
        meeting.starts_at, meeting.ends_at = start, end
        meeting.sequence += 1
        session.add(meeting)
        outbox.cancel(session, subject=before.subject, kinds=[REMINDER, MINUTES_PROMPT])
        schedule_reminders(
            session,
            meeting,
            reminders=reminders,
            now=now,
            working=working or WorkingHours(zone=zone),
        )
        outbox.schedule(
            session,
            kind=MOVED,
            subject=before.subject,
            destination=channel_id,
            due_at=now,
            data={
                "from_start": before.starts_at.isoformat(),
                "from_end": before.ends_at.isoformat(),
                "sequence": meeting.sequence,
            },
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="meeting.move",
            entity=before.subject,
            before=was,
            after=snapshot(meeting),
            at=now,
        )
        followups.meeting_moved(session, meeting, now=now)
        return before, view_of(session, meeting)


def cancel(
    db: Database, *, actor: Actor, channel_id: str, number: int, now: datetime
) -> MeetingView:
    """Cancel a meeting (it is kept, cancelled) and tell the channel; its homework and votes
    follow (``followups.meeting_cancelled``)."""
    with db.transaction() as session:
        place_for_caller(session, actor, channel_id)
        meeting = planned(session, channel_id=channel_id, number=number)
        was = snapshot(meeting)
        meeting.status = CANCELLED
        meeting.sequence += 1
        session.add(meeting)
        subject = subject_of(id_of(meeting))
        outbox.cancel(session, subject=subject)
        followed = followups.meeting_cancelled(session, meeting, now=now)
        outbox.schedule(
            session,
            kind=CANCELLED_NOTICE,
            subject=subject,
            destination=channel_id,
            due_at=now,
            data={"sequence": meeting.sequence, "votes": followed},
            now=now,
        )
        audit.record(
            session,
            actor=actor,
            action="meeting.cancel",
            entity=subject,
            before=was,
            after=snapshot(meeting),
            at=now,
        )
        return view_of(session, meeting)
