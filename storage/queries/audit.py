"""The audit log: rows are added, never changed. Keyword-only, take a session, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from storage.tables import AuditEntry, Hearing, Homework, Meeting, MeetingPoll, Vote, table_of

_ADD = insert(table_of(AuditEntry))


def add_audit(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: datetime,
) -> None:
    """One row, written at once in the session's transaction (a plain insert: every change
    writes one, and a vote click is one of them)."""
    session.connection().execute(
        _ADD,
        {
            "actor": actor,
            "action": action,
            "entity": entity,
            "before": before,
            "after": after,
            "at": at,
        },
    )


def audit_entries(session: Session, *, entity: str | None = None) -> Sequence[AuditEntry]:
    statement = select(AuditEntry).order_by(col(AuditEntry.id))
    if entity is not None:
        statement = statement.where(AuditEntry.entity == entity)
    return session.exec(statement).all()


def audit_page(
    session: Session,
    *,
    entities: Sequence[str] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[Sequence[AuditEntry], int]:
    """Entries about ``entities`` (all when None) from ``since`` on, newest first, and how many
    there are in all."""
    statement = select(AuditEntry)
    counting = select(func.count()).select_from(AuditEntry)
    if entities is not None:
        statement = statement.where(col(AuditEntry.entity).in_(list(entities)))
        counting = counting.where(col(AuditEntry.entity).in_(list(entities)))
    if since is not None:
        statement = statement.where(col(AuditEntry.at) >= since)
        counting = counting.where(col(AuditEntry.at) >= since)
    statement = statement.order_by(col(AuditEntry.id).desc()).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return session.exec(statement).all(), session.exec(counting).one()


def revision_entities(session: Session, *, revision_ids: Sequence[int]) -> list[str]:
    """The audit log's names for the revisions and everything of theirs: their meetings,
    homework, hearings, votes and time polls."""
    ids = list(revision_ids)
    entities = [f"revision:{n}" for n in ids]
    for prefix, table in (
        ("meeting", Meeting),
        ("homework", Homework),
        ("hearing", Hearing),
        ("vote", Vote),
        ("poll", MeetingPoll),
    ):
        found = session.exec(select(table.id).where(col(table.revision_id).in_(ids))).all()
        entities.extend(f"{prefix}:{n}" for n in found)
    return entities
