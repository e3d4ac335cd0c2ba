"""Reading meetings: the coming ones here or everywhere, a group's next, a person's."""

from __future__ import annotations

from datetime import datetime

from bot.domain.meetings.views import MeetingView, view_of
from bot.domain.roles import Role
from storage import queries
from storage.database import Database
from storage.queries import meetings as meeting_queries
from storage.queries import revisions as revision_queries

_STEERING_SEATS = {Role.STEERING.value, Role.STEERING_DEPUTY.value, Role.SECRETARIAT.value}


def coming(
    db: Database, *, channel_id: str | None, now: datetime, limit: int = 30
) -> list[MeetingView]:
    """Planned meetings that have not ended, in this channel or everywhere."""
    with db.reading() as session:
        rows = meeting_queries.coming(
            session,
            now=now,
            channel_ids=None if channel_id is None else [channel_id],
            limit=limit,
        )
        return [view_of(session, row) for row in rows]


def next_meeting(db: Database, *, channel_id: str, now: datetime) -> MeetingView | None:
    """The channel's next meeting that has not begun."""
    with db.reading() as session:
        meeting = meeting_queries.next_in_channel(session, channel_id=channel_id, now=now)
        return None if meeting is None else view_of(session, meeting)


def for_person(
    db: Database, *, slack_user_id: str, now: datetime, limit: int = 10
) -> list[MeetingView]:
    """Coming meetings of the person's working groups, and of the steering group if they sit on
    it or are in the secretariat."""
    with db.reading() as session:
        person = queries.person_by_slack_id(session, slack_user_id=slack_user_id)
        if person is None or person.id is None:
            return []
        channels = {
            revision.channel_id
            for revision in revision_queries.revisions_with_member(session, person_id=person.id)
            if revision.channel_id
        }
        steering = queries.steering_channel(session)
        if steering and set(person.roles.split(";")) & _STEERING_SEATS:
            channels.add(steering.channel_id)
        if not channels:
            return []
        rows = meeting_queries.coming(session, now=now, channel_ids=channels, limit=limit)
        return [view_of(session, row) for row in rows]
