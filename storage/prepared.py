"""Core statements compiled once and run on the driver's own cursor.

A vote click's transaction runs a handful of small statements, and SQLAlchemy's work for each
execution (the statement's cache key, the parameters, the result object) cost several times
what the database spent on it. A ``Prepared`` statement is compiled once for the dialect and
then runs the same SQL with the same conversion of values SQLAlchemy would apply (each column
type's bind processing: timestamps to UTC, JSON to text), on the cursor of the transaction's
own connection. Rows come back as the driver gives them, so it is for statements that read
plain columns (text and numbers); an ORM read stays an ORM read. The engine's cursor events
fire as for any statement; SQLAlchemy's own statement log does not show these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql.expression import ClauseElement
from sqlmodel import Session


class Prepared:
    """One statement, compiled for one dialect."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self._order: tuple[str, ...] | None = (
            tuple(compiled.positiontup or ()) if compiled.positional else None
        )
        self._required = frozenset(name for name, bind in compiled.binds.items() if bind.required)
        self._literals = {  # values the statement carries itself (a LIKE pattern, a status…)
            name: bind.effective_value for name, bind in compiled.binds.items() if not bind.required
        }
        self._convert: dict[str, Callable[[Any], Any]] = {}
        for name, bind in compiled.binds.items():
            convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if convert is not None:
                self._convert[name] = convert

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """``values`` (and the statement's own literals) as the driver takes them."""
        missing = self._required.difference(values)
        if missing:
            raise ValueError(f"no value for {', '.join(sorted(missing))} in {self.sql!r}")
        given = {**self._literals, **values}
        for name, convert in self._convert.items():
            if name in given:
                given[name] = convert(given[name])
        if self._order is None:
            return given
        return tuple(given[name] for name in self._order)

    def rows(self, session: Session, values: Mapping[str, Any] | None = None) -> list[Any]:
        """The rows it reads, in the session's transaction, as the driver gives them."""
        with self._cursor(session, values or {}, many=False) as cursor:
            return cursor.fetchall()

    def run(self, session: Session, values: Mapping[str, Any] | None = None) -> int:
        """Execute in the session's transaction; how many rows it changed."""
        with self._cursor(session, values or {}, many=False) as cursor:
            return cursor.rowcount

    def run_many(self, session: Session, rows: Iterable[Mapping[str, Any]]) -> None:
        """Execute once for each of ``rows``, in one call to the driver."""
        with self._cursor(session, rows, many=True):
            pass

    @contextmanager
    def _cursor(self, session: Session, values: Any, *, many: bool) -> Iterator[Any]:
        """Run on the transaction's connection. The engine's cursor events are fired around
        it, as for any statement (tests hold a thread at a chosen statement with them)."""
        connection = session.connection()
        cursor = connection.connection.cursor()
        parameters = [self.parameters(row) for row in values] if many else self.parameters(values)
        events = connection.dispatch
        try:
            if events.before_cursor_execute:
                events.before_cursor_execute(connection, cursor, self.sql, parameters, None, many)
            if many:
                cursor.executemany(self.sql, parameters)
            else:
                cursor.execute(self.sql, parameters)
            if events.after_cursor_execute:
                events.after_cursor_execute(connection, cursor, self.sql, parameters, None, many)
            yield cursor
        finally:
            cursor.close()
