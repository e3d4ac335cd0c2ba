"""A meeting's announcement, move and cancellation notices (each with its calendar file),
reminders, the prompt for minutes and the minutes themselves."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import announcements, meetings
from bot.domain.outbox import Attachment, Composer, Outgoing, Sent
from bot.presentation.calendar import CalendarEntry, meeting_ics
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        meetings.ANNOUNCE: Composer(_announce(composing), _remember_announcement),
        meetings.MOVED: Composer(_moved(composing)),
        meetings.CANCELLED_NOTICE: Composer(_cancelled(composing)),
        meetings.REMINDER: Composer(_reminder(composing)),
        meetings.MINUTES_PROMPT: Composer(_minutes_prompt(composing)),
        meetings.MINUTES: Composer(_minutes(composing)),
    }


def _calendar_file(
    composing: Composing, meeting: meetings.MeetingView, *, cancelled: bool
) -> Attachment:
    text = json.loads(
        composing.renderer.document(
            "meeting_calendar",
            translator=composing.public_tr,
            zone=composing.zone,
            meeting=meeting,
        )
    )
    entry = CalendarEntry(
        uid=meeting.uid,
        sequence=meeting.sequence,
        summary=text["summary"],
        description=text["description"],
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        stamp=composing.clock(),
        cancelled=cancelled,
    )
    return Attachment(
        filename=f"mode-{meeting.number}.ics",
        title=text["summary"],
        content=meeting_ics(entry, zone=composing.zone),
    )


def _planned(session: Session, row: OutboxMessage) -> meetings.MeetingView | None:
    meeting = meetings.get(session, subject_id(row))
    return meeting if meeting is not None and meeting.status == meetings.PLANNED else None


def _announce(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        if meeting is None:
            return None
        message = composing.message("meeting_announced", row, meeting=meeting)
        return replace(message, attachment=_calendar_file(composing, meeting, cancelled=False))

    return compose


def _remember_announcement(session: Session, row: OutboxMessage, sent: Sent) -> None:
    announcements.remember_announcement(session, meeting_id=subject_id(row), ts=sent.ts)


def _moved(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        moved = announcements.meeting_moved(session, meeting_id=subject_id(row), notice=row.data)
        if moved is None:
            return None  # cancelled or moved again since: the later notice says what holds
        message = composing.message(
            "meeting_moved",
            row,
            meeting=moved.meeting,
            before_start=moved.before_start,
            before_end=moved.before_end,
        )
        attachment = _calendar_file(composing, moved.meeting, cancelled=False)
        return replace(message, attachment=attachment)

    return compose


def _cancelled(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = meetings.get(session, subject_id(row))
        if meeting is None or meeting.status != meetings.CANCELLED:
            return None
        message = composing.message(
            "meeting_cancelled", row, meeting=meeting, votes=_followed_votes(row)
        )
        return replace(message, attachment=_calendar_file(composing, meeting, cancelled=True))

    return compose


def _followed_votes(row: OutboxMessage) -> list[dict[str, object]]:
    """What became of the votes tied to a cancelled meeting: moved (with the new meeting's
    number and times) or closed without a decision."""
    return [
        {
            **vote,
            "span": (
                datetime.fromisoformat(vote["starts_at"]),
                datetime.fromisoformat(vote["ends_at"]),
            )
            if vote.get("moved_to")
            else None,
        }
        for vote in (row.data or {}).get("votes") or []
    ]


def _reminder(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        if meeting is None or meeting.starts_at <= composing.clock():
            return None
        return composing.message("meeting_reminder", row, meeting=meeting)

    return compose


def _minutes_prompt(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = _planned(session, row)
        if meeting is None or meeting.has_minutes:
            return None
        return composing.message("meeting_minutes_prompt", row, meeting=meeting)

    return compose


def _minutes(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        minutes = announcements.recorded_minutes(session, meeting_id=subject_id(row))
        if minutes is None:
            return None
        return composing.message("meeting_minutes", row, minutes=minutes)

    return compose
