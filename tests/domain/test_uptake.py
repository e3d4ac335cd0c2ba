"""The organisations' answers on a launched goal, stored and counted the same on SQLite and on
PostgreSQL: the latest answer counts, an answer drops its organisation's reminders, and erasing
the person who wrote a note erases the note and keeps the answer."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.domain import personal_data, revisions, uptake
from bot.domain.errors import InvalidInput, NotAllowed
from bot.timephrase.workdays import WorkingHours
from storage import queries
from storage.database import Database
from storage.tables import AuditEntry, OutboxMessage, Revision
from tests.handlers.test_uptake import approve
from tests.support.factories import NOW, actor, load_roster


def _pending_reminders(db: Database) -> set[str]:
    with db.reading() as session:
        rows = session.exec(select(OutboxMessage)).all()
        return {r.destination for r in rows if r.kind == uptake.REMINDER and r.status == "pending"}


def test_answers_count_per_organisation_and_notes_go_with_their_writer(any_db: Database):
    load_roster(any_db)
    approve(any_db, NOW)
    with any_db.reading() as session:
        [vote_id] = [e.entity for e in queries.audit_entries(session) if e.action == "vote.open"]
    revisions.confirm_launch(
        any_db,
        actor=actor(any_db, "UGUSTAV"),
        vote_id=int(vote_id.split(":")[1]),
        now=NOW,
        working=WorkingHours.parse("8-17"),
    )
    with any_db.reading() as session:
        [revision] = session.exec(select(Revision)).all()
    assert "UCARL" in _pending_reminders(any_db)

    with pytest.raises(NotAllowed):
        uptake.answer(
            any_db,
            actor=actor(any_db, "USEK"),
            revision_id=revision.id,
            status=uptake.IMPLEMENTED,
            note="",
            now=NOW,
        )
    with pytest.raises(InvalidInput):
        uptake.answer(
            any_db,
            actor=actor(any_db, "UANNE"),
            revision_id=revision.id,
            status="done",
            note="",
            now=NOW,
        )
    uptake.answer(
        any_db,
        actor=actor(any_db, "UANNE"),
        revision_id=revision.id,
        status=uptake.IN_PROGRESS,
        note="Udbud i foråret",
        now=NOW,
    )
    uptake.answer(
        any_db,
        actor=actor(any_db, "UCARL"),
        revision_id=revision.id,
        status=uptake.IMPLEMENTED,
        note="",
        now=NOW,
    )
    assert not {"UANNE", "UCARL"} & _pending_reminders(any_db)  # Aarhus answered: none for either

    with any_db.reading() as session:
        shown = uptake.uptake_of(session, session.get(Revision, revision.id))
    assert (shown.implemented, shown.relevant, shown.share, shown.count(None)) == (1, 7, 14, 6)
    [aarhus] = [o for o in shown.organisations if o.organisation == "Aarhus Kommune"]
    assert (aarhus.status, aarhus.note, aarhus.answered_by) == (uptake.IMPLEMENTED, None, "UCARL")

    personal_data.erase_person(any_db, actor="USEK", slack_user_id="UANNE", now=NOW)
    with any_db.reading() as session:
        audit = [str(e.before) + str(e.after) for e in session.exec(select(AuditEntry)).all()]
    assert not any("Udbud i foråret" in entry for entry in audit)
    assert any("in_progress" in entry for entry in audit)  # the answer itself stays
