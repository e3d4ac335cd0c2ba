"""Statements compiled once and run on the driver's cursor (``storage.prepared``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import bindparam, event, insert, update
from sqlalchemy import select as core_select
from sqlmodel import col, select

from storage.prepared import Prepared
from storage.tables import AuditEntry

COLUMNS = ("at", "actor", "action", "entity", "before", "after")
SUMMER = timezone(timedelta(hours=2))  # Danish summer time


def _audit_insert(db) -> Prepared:  # type: ignore[no-untyped-def]
    table = AuditEntry.__table__
    statement = insert(table).values({name: bindparam(name) for name in COLUMNS})
    return Prepared(statement, db.engine.dialect)


def test_values_are_stored_as_sqlalchemy_stores_them(any_db):
    entries = [
        {
            "at": datetime(2027, 6, 1, 12, 30, 15, 123456, tzinfo=SUMMER),
            "actor": "UANNE",
            "action": "vote.ballot",
            "entity": "vote:1",
            "before": {"choice": None},
            "after": {"organisation": "Aarhus Kommune", "choice": "for", "note": "æ ø å 🗳"},
        },
        {
            "at": datetime(2027, 1, 2, 8, 0, tzinfo=UTC),
            "actor": "UJOHN",
            "action": "vote.ballot",
            "entity": "vote:1",
            "before": None,
            "after": None,
        },
    ]

    with any_db.transaction() as session:
        _audit_insert(any_db).run_many(session, entries)
    with any_db.transaction() as session:  # the same through SQLAlchemy, to compare with
        session.execute(insert(AuditEntry.__table__), [{**entries[0], "actor": "UORM"}])

    with any_db.reading() as session:
        stored = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
    assert [(e.at, e.actor, e.before, e.after) for e in stored] == [
        (datetime(2027, 6, 1, 10, 30, 15, 123456, tzinfo=UTC), "UANNE", *_json(entries[0])),
        (datetime(2027, 1, 2, 8, 0, tzinfo=UTC), "UJOHN", None, None),
        (datetime(2027, 6, 1, 10, 30, 15, 123456, tzinfo=UTC), "UORM", *_json(entries[0])),
    ]


def _json(entry: dict) -> tuple:
    return entry["before"], entry["after"]


def test_rows_and_counts_come_back_from_the_driver(any_db):
    table = AuditEntry.__table__
    with any_db.transaction() as session:
        _audit_insert(any_db).run_many(
            session,
            [
                {"at": datetime(2027, 1, 1, tzinfo=UTC), "actor": actor, "action": "a",
                 "entity": "e", "before": None, "after": None}
                for actor in ("UANNE", "UCARL", "UJOHN")
            ],
        )  # fmt: skip
    rename = Prepared(
        update(table).where(table.c.actor == bindparam("old")).values(actor=bindparam("new")),
        any_db.engine.dialect,
    )
    actors = Prepared(
        core_select(table.c.actor).where(table.c.action == "a").order_by(table.c.actor),
        any_db.engine.dialect,
    )

    with any_db.transaction() as session:
        changed = rename.run(session, {"old": "UCARL", "new": "UBO"})
        unchanged = rename.run(session, {"old": "UNOBODY", "new": "UX"})
        rows = actors.rows(session)

    assert (changed, unchanged) == (1, 0)
    assert [tuple(row) for row in rows] == [("UANNE",), ("UBO",), ("UJOHN",)]


def test_a_prepared_statement_is_part_of_the_transaction_and_its_events(any_db):
    seen: list[str] = []

    def before(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        seen.append(statement.split()[0].upper())

    event.listen(any_db.engine, "before_cursor_execute", before)
    try:
        try:
            with any_db.transaction() as session:
                _audit_insert(any_db).run_many(
                    session,
                    [{"at": datetime(2027, 1, 1, tzinfo=UTC), "actor": "UANNE", "action": "a",
                      "entity": "e", "before": None, "after": None}],
                )  # fmt: skip
                raise RuntimeError("the rest of the change failed")
        except RuntimeError:
            pass
    finally:
        event.remove(any_db.engine, "before_cursor_execute", before)

    assert "INSERT" in seen
    with any_db.reading() as session:
        assert session.exec(select(AuditEntry)).all() == []  # rolled back with the rest


def test_a_missing_value_is_refused_before_the_database_is_asked(any_db):
    with pytest.raises(ValueError, match="no value for after, before"), any_db.transaction() as s:
        _audit_insert(any_db).run_many(
            s,
            [{"at": datetime(2027, 1, 1, tzinfo=UTC), "actor": "UANNE", "action": "a",
              "entity": "e"}],
        )  # fmt: skip
