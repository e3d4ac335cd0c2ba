"""What follows a round's meeting that moves: the evaluations asked for at the closing
workshop's end are asked for at its new end (``bot.domain.followups`` calls this)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import outbox
from bot.domain.travel.views import CLOSING, EVALUATION_INVITE
from storage.tables import Meeting


def meeting_moved(session: Session, meeting: Meeting, *, subject: str, now: datetime) -> None:
    if meeting.kind != CLOSING:
        return
    for row in outbox.pending(session, subject=subject):
        if row.kind == EVALUATION_INVITE:
            row.due_at = max(meeting.ends_at, now)
            session.add(row)
