"""Erasing a person (GDPR): their name and Slack id replaced wherever pogi stored them, in every
table's text and JSON columns, the audit log included. Keyword-only, never commits."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, String, Table, TypeDecorator, or_, select, update
from sqlmodel import Session, SQLModel, col
from sqlmodel import select as select_rows

from storage.tables import OutboxMessage


def _pattern(replacements: Mapping[str, str]) -> re.Pattern[str]:
    """Whole words only: erasing »Ida« leaves »Idag« alone."""
    words = sorted(replacements, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _replaced(value: Any, pattern: re.Pattern[str], replacements: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(lambda m: replacements[m.group(1)], value)
    if isinstance(value, list):
        return [_replaced(v, pattern, replacements) for v in value]
    if isinstance(value, dict):
        return {
            _replaced(k, pattern, replacements): _replaced(v, pattern, replacements)
            for k, v in value.items()
        }
    return value


def replace_everywhere(session: Session, *, replacements: Mapping[str, str]) -> int:
    """Every whole-word occurrence of each key, in every text and JSON column of every table,
    becomes its value; returns how many cells changed."""
    pattern = _pattern(replacements)
    changed = 0
    for table in SQLModel.metadata.sorted_tables:
        [key] = table.primary_key.columns  # every table has a key of one column
        for column in table.columns:
            if isinstance(column.type, JSON):
                found = select(key, column).where(column.is_not(None))
            elif _holds_text(column):
                found = select(key, column).where(
                    or_(*[column.contains(old, autoescape=True) for old in replacements])
                )
            else:
                continue
            changed += _rewrite(session, table, column.name, found, pattern, replacements)
    return changed


def _holds_text(column: Any) -> bool:
    """A text column (SQLModel's own string type is not an SQLAlchemy ``String``)."""
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    return isinstance(kind, String)


def _rewrite(
    session: Session,
    table: Table,
    name: str,
    found: Any,
    pattern: re.Pattern[str],
    replacements: Mapping[str, str],
) -> int:
    changed = 0
    [key] = table.primary_key.columns
    for row_id, value in session.connection().execute(found).all():
        new = _replaced(value, pattern, replacements)
        if new != value:
            session.connection().execute(update(table).where(key == row_id).values({name: new}))
            changed += 1
    return changed


def cancel_messages_to(session: Session, *, destination: str, statuses: Sequence[str]) -> int:
    """Messages not sent yet to a person being erased are not sent."""
    rows = session.exec(
        select_rows(OutboxMessage).where(
            OutboxMessage.destination == destination, col(OutboxMessage.status).in_(list(statuses))
        )
    ).all()
    for row in rows:
        row.status = "cancelled"
        session.add(row)
    return len(rows)
