"""Homework posted in the channel, assigned, reminded, overdue, and marked done in place."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import homework
from bot.domain.outbox import Composer, Outgoing, Sent
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {
        homework.POSTED: Composer(
            _message(composing, "homework_posted", to_channel=True), _remember_message
        ),
        homework.ASSIGNED: Composer(_message(composing, "homework_assigned")),
        homework.REMINDER: Composer(_message(composing, "homework_reminder", before_due=True)),
        homework.OVERDUE: Composer(_message(composing, "homework_overdue")),
        homework.COMPLETED: Composer(_done(composing)),
    }


def _message(
    composing: Composing, template: str, *, to_channel: bool = False, before_due: bool = False
) -> Compose:
    """While the homework is open; in the channel's language, or in the assignee's."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        task = homework.get(session, subject_id(row))
        if task is None or task.status != homework.OPEN:
            return None
        if before_due and task.due_at <= composing.clock():
            return None
        tr = None if to_channel else composing.recipient_tr(session, task.assignee.slack_user_id)
        return composing.message(template, row, tr=tr, homework=task)

    return compose


def _remember_message(session: Session, row: OutboxMessage, sent: Sent) -> None:
    homework.remember_message(session, homework_id=subject_id(row), ts=sent.ts)


def _done(composing: Composing) -> Compose:
    """The posted message, edited to show the homework done."""

    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        task = homework.get(session, subject_id(row))
        if task is None or task.status != homework.DONE or not task.message_ts:
            return None
        message = composing.message("homework_done", row, homework=task)
        return replace(message, update_ts=task.message_ts)

    return compose
