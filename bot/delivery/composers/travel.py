"""The travelling team's messages: the kickoff meeting's checklist to the organisation's contact
(more are added by the later steps)."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import meetings
from bot.domain.outbox import Composer, Outgoing
from bot.domain.travel import kickoff, messages
from bot.domain.travel.views import CHECKLIST, KICKOFF_MINUTES
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        CHECKLIST: Composer(_checklist(composing)),
        KICKOFF_MINUTES: Composer(_kickoff_minutes(composing)),
    }


def _checklist(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        meeting = meetings.get(session, subject_id(row))
        if meeting is None or meeting.status != meetings.PLANNED:
            return None
        head = messages.head_of_kickoff(session, meeting_id=meeting.id)
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("travel/checklist", row, tr=tr, meeting=meeting, head=head)

    return compose


def _kickoff_minutes(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        minutes = kickoff.recorded(session, meeting_id=subject_id(row))
        if minutes is None:
            return None
        return composing.message("travel/kickoff_minutes", row, minutes=minutes)

    return compose
