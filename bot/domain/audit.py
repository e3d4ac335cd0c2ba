"""The audit log (SPEC §4): who, what, when, before and after, written in the same transaction as
the change itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.domain.people import Actor
from storage import queries


def record(
    session: Session,
    *,
    actor: Actor | str,
    action: str,
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: datetime,
) -> None:
    """One audit row for a change made in ``session``'s transaction; ``actor`` is the person
    acting (or a Slack user id, or a name such as ``pogi`` for the bot's own work)."""
    queries.add_audit(
        session,
        actor=actor.user_id if isinstance(actor, Actor) else actor,
        action=action,
        entity=entity,
        before=before,
        after=after,
        at=at,
    )
