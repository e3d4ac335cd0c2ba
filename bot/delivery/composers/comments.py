"""A comment round on the goal text: the channel asked to comment, reminders to group members
who have not commented, and the summary to the coordinator when it closes."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain.goals import comments
from bot.domain.outbox import Composer, Outgoing
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        comments.ANNOUNCED: Composer(_announced(composing)),
        comments.REMINDER: Composer(_reminder(composing)),
        comments.SUMMARY: Composer(_summary(composing)),
    }


def _announced(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        found = comments.get(session, subject_id(row))
        if found is None or found.status != comments.OPEN:
            return None
        return composing.message("comments_announced", row, round=found)

    return compose


def _reminder(composing: Composing) -> Compose:
    """Only to members who have not commented, while the round is open."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        found = comments.get(session, subject_id(row))
        if found is None or found.status != comments.OPEN:
            return None
        if found.deadline <= composing.clock() or row.destination not in found.missing:
            return None
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("comments_reminder", row, tr=tr, round=found)

    return compose


def _summary(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        found = comments.get(session, subject_id(row))
        if found is None:
            return None
        tr = composing.recipient_tr(session, row.destination)
        return composing.message("comments_summary", row, tr=tr, round=found)

    return compose
