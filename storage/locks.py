"""Row locks that hold on both databases: a unit of work that reads a row to decide whether to
change it (close a vote or a hearing) takes the row first, so that of several such units, in one
process or several, one decides and the others then see what it decided."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import update
from sqlmodel import Session, SQLModel, select

from storage.tables import table_of

_Row = TypeVar("_Row", bound=SQLModel)


def locked(session: Session, model: type[_Row], row_id: int) -> _Row | None:
    """The row of ``model`` with id ``row_id``, locked until the transaction ends.

    PostgreSQL locks it as it is read (``SELECT … FOR UPDATE``). SQLite has no row locks: the
    row is written to itself first, which takes the database's write lock up front and keeps it
    to the end of the transaction."""
    table = table_of(model)
    key: Any = table.c.id
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(table).where(key == row_id).values(id=key))
        return session.exec(select(model).where(key == row_id)).first()
    return session.exec(select(model).where(key == row_id).with_for_update()).first()
