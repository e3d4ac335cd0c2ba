"""When homework is due: read from the end of the task (a time phrase or ``til næste møde``)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain.errors import InvalidInput, TimeNotAccepted
from bot.presentation.i18n import N_
from bot.timephrase import (
    Day,
    Moment,
    Rejection,
    Span,
    TimeResult,
    parse_time,
    split_trailing_time,
)
from storage.queries import meetings as meeting_queries

NEXT_MEETING = "next meeting"
"""Stands for ``til næste møde``: before the group's next meeting."""


def end_of_day(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(23, 59), tzinfo=zone)


def deadline_from(
    text: str,
    *,
    now: datetime,
    zone: ZoneInfo,
    language: str | None,
    missing: str,
    in_the_past: str,
) -> datetime:
    """A deadline as typed (``15. januar kl. 12``); a day means the end of that day. ``missing``
    answers an empty text, ``in_the_past`` (with ``%(when)s``) a time already gone."""
    if not text.strip():
        raise InvalidInput(missing)
    when = parse_time(text, now=now, zone=zone, language=language)
    if isinstance(when, Rejection):
        raise TimeNotAccepted(when)
    if isinstance(when, Day):
        deadline = end_of_day(when.day, zone)
    elif isinstance(when, Span):
        deadline = when.end
    else:
        assert isinstance(when, Moment)
        deadline = when.at
    if deadline <= now:
        raise InvalidInput(in_the_past, when=deadline)
    return deadline


_NEXT_MEETING = re.compile(
    r"\s+(?:til|inden|før|senest|by|before)\s+(?:det\s+|the\s+)?(?:næste|kommende|next)\s+"
    r"(?:møde|meeting)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def read_task(
    text: str, *, now: datetime, zone: ZoneInfo, language: str | None = None
) -> tuple[str, TimeResult | Rejection | str]:
    """``Send udkast til Anne til fredag kl. 12`` → the task and its deadline; ``… til næste
    møde`` → the task and :data:`NEXT_MEETING`."""
    found = _NEXT_MEETING.search(text)
    if found:
        return text[: found.start()], NEXT_MEETING
    split = split_trailing_time(text, now=now, zone=zone, language=language)
    if isinstance(split, Rejection):
        return text, split
    return split


def deadline_of(
    session: Session,
    due: TimeResult | Rejection | str,
    channel_id: str,
    *,
    now: datetime,
    zone: ZoneInfo,
) -> tuple[datetime, bool, int | None]:
    """When the task is due, whether that is a whole day, and the meeting it is due at."""
    meeting_id = None
    due_is_day = False
    if due == NEXT_MEETING:
        meeting = meeting_queries.next_in_channel(session, channel_id=channel_id, now=now)
        if meeting is None:
            raise InvalidInput(
                N_("Gruppen har intet kommende møde. Skriv en frist, fx »til fredag kl. 12«.")
            )
        due_at, meeting_id = meeting.starts_at, meeting.id
    elif isinstance(due, Rejection):
        raise TimeNotAccepted(due)
    elif isinstance(due, Day):
        due_at, due_is_day = end_of_day(due.day, zone), True
    elif isinstance(due, Span):
        due_at = due.start
    else:
        assert isinstance(due, Moment)
        due_at = due.at
    if due_at <= now:
        raise InvalidInput(N_("Fristen ligger i fortiden (%(when)s)."), when=due_at)
    return due_at, due_is_day, meeting_id
