"""Closing: by the secretariat before the deadline, or by pogi at it. A hearing closes once,
however many processes try at the same time; the reminders still to come are dropped and the
channel is told."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.domain import audit, outbox, permissions
from bot.domain.errors import Conflict, NotFound
from bot.domain.hearings.views import (
    CLOSED,
    CLOSED_NOTICE,
    NOT_HERE,
    OPEN,
    REMINDER,
    HearingView,
    id_of,
    subject_of,
    view_of,
)
from bot.domain.people import Actor
from bot.presentation.i18n import N_
from storage.database import Database
from storage.queries import hearings as stored
from storage.tables import Organisation


def close_here(db: Database, *, actor: Actor, channel_id: str, now: datetime) -> HearingView:
    actor.require_secretariat(N_("Kun sekretariatet kan lukke en høring."))
    with db.reading() as session:
        revision = permissions.revision_here(session, channel_id, NOT_HERE)
        open_now = stored.still_open(session, revision_id=id_of(revision))
    if not open_now:
        raise NotFound(N_("Der er ingen åben høring for revisionen."))
    closed = close(db, hearing_id=id_of(open_now[0]), by=actor.user_id, now=now)
    if closed is None:
        raise Conflict(N_("Høringen er allerede lukket."))
    return closed


def close(db: Database, *, hearing_id: int, by: str, now: datetime) -> HearingView | None:
    """Close and say so in the channel with the count of answers; None if already closed."""
    with db.transaction() as session:
        hearing = stored.locked(session, hearing_id=hearing_id)
        if hearing is None or hearing.status != OPEN:
            return None
        hearing.status, hearing.closed_by, hearing.closed_at = CLOSED, by, now
        session.add(hearing)
        subject = subject_of(hearing_id)
        outbox.cancel(session, subject=subject, kinds=[REMINDER])
        outbox.schedule(
            session,
            kind=CLOSED_NOTICE,
            subject=subject,
            destination=hearing.channel_id,
            due_at=now,
            now=now,
        )
        audit.record(
            session,
            actor=by,
            action="hearing.close",
            entity=subject,
            before={"status": OPEN},
            after={"status": CLOSED},
            at=now,
        )
        return view_of(session, hearing)


def close_due(db: Database, *, now: datetime) -> list[HearingView]:
    """Close every hearing whose deadline has come."""
    with db.reading() as session:
        due = stored.due(session, now=now)
    closed = [close(db, hearing_id=hearing_id, by="pogi", now=now) for hearing_id in due]
    return [hearing for hearing in closed if hearing is not None]


def organisation_has_answered(session: Session, *, hearing_id: int, organisation_id: int) -> bool:
    """For a reminder: has the recipient's organisation answered already?"""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        return False
    return stored.has_answered(session, hearing_id=hearing_id, organisation=organisation.name)
