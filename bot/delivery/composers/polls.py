"""A time poll's message (posted, then refreshed in place as people answer) and the reminders
to those asked who have not answered."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain.meetings import poll_views
from bot.domain.outbox import Composer, Outgoing, Sent
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        poll_views.POSTED: Composer(_message(composing, update=False), _remember_message),
        poll_views.REFRESH: Composer(_message(composing, update=True)),
        poll_views.REMINDER: Composer(_reminder(composing)),
    }


def _message(composing: Composing, *, update: bool) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        poll = poll_views.get(session, subject_id(row))
        if poll is None or (update and not poll.message_ts):
            return None  # not posted yet: the post itself will show the current state
        message = composing.message("poll_message", row, poll=poll)
        return replace(message, update_ts=poll.message_ts if update else None)

    return compose


def _remember_message(session: Session, row: OutboxMessage, sent: Sent) -> None:
    poll_views.remember_message(session, poll_id=subject_id(row), ts=sent.ts)


def _reminder(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        poll = poll_views.waiting_for(
            session, poll_id=subject_id(row), slack_user_id=row.destination
        )
        if poll is None:
            return None
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("poll_reminder", row, tr=tr, poll=poll)

    return compose
