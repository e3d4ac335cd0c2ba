"""Column types the tables share: aware UTC times on every database, JSON, and the Core table
behind a table model."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Dialect, Table, TypeDecorator, inspect
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every database.

    PostgreSQL keeps the zone itself; SQLite has no zone, so UTC is stored without one and put
    back on reading. A naive datetime is refused: it would be an hour or two off.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def table_of(model: type[SQLModel]) -> Table:
    """The Core ``Table`` behind a table model, for statements built from columns (``.c``).

    SQLModel sets ``__table__`` on a table model but does not declare it; the mapper's table is
    the same object, typed.
    """
    table = inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


def timestamp_field(**kwargs: Any) -> Any:
    """An aware UTC time column (``UTCDateTime``)."""
    return Field(sa_column=Column(UTCDateTime(), **kwargs))


def json_field() -> Any:
    """A JSON column; None is stored as SQL NULL."""
    return Field(default=None, sa_column=Column(JSON(none_as_null=True)))
