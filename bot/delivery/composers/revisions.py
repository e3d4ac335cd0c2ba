"""A revision's move to its next phase, announced in its channel."""

from __future__ import annotations

from sqlmodel import Session

from bot.delivery.composers.context import Compose, Composing, subject_id
from bot.domain import revisions
from bot.domain.outbox import Composer, Outgoing
from storage.tables import OutboxMessage


def composers(composing: Composing) -> dict[str, Composer]:
    return {revisions.MOVED: Composer(_moved(composing))}


def _moved(composing: Composing) -> Compose:
    def compose(session: Session, row: OutboxMessage) -> Outgoing | None:
        data = row.data or {}
        move = revisions.moved(
            session, revision_id=subject_id(row), phase=data["phase"], by=data["by"]
        )
        if move is None:
            return None
        return composing.message("phase_moved", row, move=move)

    return compose
