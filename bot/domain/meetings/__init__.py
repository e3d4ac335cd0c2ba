"""Meetings of working groups and the steering group: propose, confirm, move, cancel, minutes.

- ``views``: the views, kinds, statuses and outbox kinds;
- ``place``: where meetings are called and who may call them;
- ``planning``: propose, confirm, move and cancel, with their reminders;
- ``minutes``: the minutes form and recording;
- ``reading``: the coming meetings, a channel's next, a person's;
- ``polls`` and ``poll_views``: finding a time (a poll of a few times, whose pick becomes an
  ordinary proposal and whose confirmed meeting decides it).

What follows a moved or cancelled meeting in homework and votes is ``bot.domain.followups``.
"""

from __future__ import annotations

from bot.domain.meetings.changes import cancel, move
from bot.domain.meetings.minutes import minutes_form, record_minutes
from bot.domain.meetings.planning import book, confirm, meeting_times, propose
from bot.domain.meetings.reading import coming, for_person, next_meeting
from bot.domain.meetings.views import (
    ANNOUNCE,
    CANCELLED_NOTICE,
    DEFAULT_LENGTH,
    GROUP,
    MINUTES,
    MINUTES_PROMPT,
    MOVED,
    REMINDER,
    STEERING,
    TITLE_LIMIT,
    TRAVEL,
    TRAVEL_KINDS,
    MeetingView,
    Minutes,
    Proposal,
    get,
    minutes_of,
    subject_of,
)
from storage.queries.meetings import CANCELLED, PLANNED

__all__ = [
    "ANNOUNCE",
    "CANCELLED",
    "CANCELLED_NOTICE",
    "DEFAULT_LENGTH",
    "GROUP",
    "MINUTES",
    "MINUTES_PROMPT",
    "MOVED",
    "PLANNED",
    "REMINDER",
    "STEERING",
    "TITLE_LIMIT",
    "TRAVEL",
    "TRAVEL_KINDS",
    "MeetingView",
    "Minutes",
    "Proposal",
    "book",
    "cancel",
    "coming",
    "confirm",
    "for_person",
    "get",
    "meeting_times",
    "minutes_form",
    "minutes_of",
    "move",
    "next_meeting",
    "propose",
    "record_minutes",
    "subject_of",
]
