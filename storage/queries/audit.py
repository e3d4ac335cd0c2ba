"""The audit log: rows are added, never changed. Keyword-only, take a session, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from storage.tables import AuditEntry, table_of

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
