"""The steering group's channel: where its meetings and votes are."""

from __future__ import annotations

from datetime import datetime

from bot.domain import audit
from bot.domain.errors import Conflict
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage import queries
from storage.database import Database
from storage.tables import SteeringChannel


def set_steering_channel(
    db: Database, *, actor: Actor, channel_id: str, now: datetime
) -> str | None:
    """Make ``channel_id`` the steering group's channel; returns the previous one."""
    actor.require_secretariat(N_("Kun sekretariatet kan vælge styregruppens kanal."))
    with db.transaction() as session:
        if queries.revision_in_channel(session, channel_id=channel_id) is not None:
            raise Conflict(
                N_("Denne kanal er en arbejdsgruppes kanal og kan ikke også være styregruppens.")
            )
        current = queries.steering_channel(session)
        previous = current.channel_id if current else None
        if current is None:
            session.add(SteeringChannel(id=1, channel_id=channel_id, set_at=now))
        else:
            current.channel_id = channel_id
            current.set_at = now
            session.add(current)
        audit.record(
            session,
            actor=actor,
            action="steering.channel",
            entity="steering",
            before={"channel_id": previous},
            after={"channel_id": channel_id},
            at=now,
        )
        return previous


def steering_channel(db: Database) -> str | None:
    with db.reading() as session:
        current = queries.steering_channel(session)
        return current.channel_id if current else None
