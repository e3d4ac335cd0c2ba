"""The database (``storage.database``, ``storage.tables``) on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from storage import queries
from storage.database import Database, make_engine
from storage.tables import GroupMember, Organisation, Person, Revision

NOW = datetime(2026, 11, 22, 11, 0, tzinfo=UTC)


def organisation(db: Database, name: str = "Aarhus Kommune") -> int:
    with db.transaction() as session:
        row = Organisation(name=name)
        session.add(row)
        session.flush()
        return row.id


def person(db: Database, slack_user_id: str, organisation_id: int, name: str = "Anne Lund") -> int:
    with db.transaction() as session:
        row = Person(
            slack_user_id=slack_user_id,
            name=name,
            organisation_id=organisation_id,
            roles="member",
            created_at=NOW,
        )
        session.add(row)
        session.flush()
        return row.id


def revision(db: Database, channel_id: str = "CGROUP") -> int:
    with db.transaction() as session:
        row = Revision(
            goal="Rengøring",
            phase="forberedelse",
            channel_id=channel_id,
            started_at=NOW,
            started_by="USEK",
        )
        session.add(row)
        session.flush()
        return row.id


def names_of_organisations(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(o.name for o in session.exec(select(Organisation)).all())


def slack_ids(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(p.slack_user_id for p in session.exec(select(Person)).all())


# -- transactions --------------------------------------------------------------------------


def test_a_transaction_commits_what_it_did(any_db):
    organisation_id = organisation(any_db)
    person(any_db, "UANNE", organisation_id)

    assert names_of_organisations(any_db) == ["Aarhus Kommune"]
    assert slack_ids(any_db) == ["UANNE"]


def test_a_transaction_that_fails_stores_nothing(any_db):
    with pytest.raises(RuntimeError, match="Slack answered 500"), any_db.transaction() as session:
        org = Organisation(name="Odense Kommune")
        session.add(org)
        session.flush()
        session.add(
            Person(
                slack_user_id="UDITTE", name="Ditte Krogh", organisation_id=org.id, created_at=NOW
            )
        )
        session.flush()
        raise RuntimeError("Slack answered 500")

    assert names_of_organisations(any_db) == []
    assert slack_ids(any_db) == []


def test_a_failed_transaction_leaves_earlier_ones_alone(any_db):
    organisation(any_db, "Aarhus Kommune")

    with pytest.raises(KeyboardInterrupt), any_db.transaction() as session:
        session.add(Organisation(name="Vejle Kommune"))
        session.flush()
        raise KeyboardInterrupt

    assert names_of_organisations(any_db) == ["Aarhus Kommune"]


# -- constraints ---------------------------------------------------------------------------


def test_a_slack_user_is_in_the_roster_once(any_db):
    organisation_id = organisation(any_db)
    person(any_db, "UANNE", organisation_id)

    with pytest.raises(IntegrityError):
        person(any_db, "UANNE", organisation_id, name="Anne Anden")

    with any_db.reading() as session:
        assert [p.name for p in session.exec(select(Person)).all()] == ["Anne Lund"]


def test_a_duplicate_in_one_transaction_undoes_the_whole_transaction(any_db):
    with pytest.raises(IntegrityError), any_db.transaction() as session:
        org = Organisation(name="Vejle Kommune")
        session.add(org)
        session.flush()
        session.add(
            Person(slack_user_id="UEMIL", name="Emil", organisation_id=org.id, created_at=NOW)
        )
        session.add(
            Person(slack_user_id="UEMIL", name="Emil igen", organisation_id=org.id, created_at=NOW)
        )

    assert names_of_organisations(any_db) == []
    assert slack_ids(any_db) == []


def test_a_person_is_in_a_working_group_once(any_db):
    person_id = person(any_db, "UANNE", organisation(any_db))
    revision_id = revision(any_db)
    with any_db.transaction() as session:
        session.add(GroupMember(revision_id=revision_id, person_id=person_id, added_at=NOW))

    with pytest.raises(IntegrityError), any_db.transaction() as session:
        session.add(GroupMember(revision_id=revision_id, person_id=person_id, added_at=NOW))

    with any_db.reading() as session:
        assert queries.group_sizes(session) == {revision_id: 1}


def test_the_same_person_may_be_in_two_working_groups(any_db):
    person_id = person(any_db, "UANNE", organisation(any_db))
    first, second = revision(any_db, "CGROUP"), revision(any_db, "COTHER")

    with any_db.transaction() as session:
        session.add(GroupMember(revision_id=first, person_id=person_id, added_at=NOW))
        session.add(GroupMember(revision_id=second, person_id=person_id, added_at=NOW))

    with any_db.reading() as session:
        assert queries.group_sizes(session) == {first: 1, second: 1}


def test_an_organisation_name_and_a_revision_channel_are_unique(any_db):
    organisation(any_db, "Aarhus Kommune")
    revision(any_db, "CGROUP")

    with pytest.raises(IntegrityError):
        organisation(any_db, "Aarhus Kommune")
    with pytest.raises(IntegrityError):
        revision(any_db, "CGROUP")


def test_a_person_needs_an_existing_organisation(any_db):
    with pytest.raises(IntegrityError):
        person(any_db, "UANNE", organisation_id=999)

    assert slack_ids(any_db) == []


# -- what comes back -----------------------------------------------------------------------


def test_times_come_back_aware_and_in_utc(any_db):
    person(any_db, "UANNE", organisation(any_db))

    with any_db.reading() as session:
        created = queries.person_by_slack_id(session, slack_user_id="UANNE").created_at

    assert created.tzinfo is not None
    assert created.utcoffset() == timedelta(0)
    assert created == NOW


def test_a_time_stored_in_another_zone_comes_back_as_the_same_instant(any_db):
    copenhagen_noon = datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with any_db.transaction() as session:
        queries.add_audit(
            session,
            actor="USEK",
            action="test",
            entity="test",
            before=None,
            after=None,
            at=copenhagen_noon,
        )

    with any_db.reading() as session:
        (entry,) = queries.audit_entries(session)

    assert entry.at.utcoffset() == timedelta(0)
    assert entry.at == datetime(2026, 11, 22, 11, 0, tzinfo=UTC)


def test_audit_before_and_after_come_back_as_stored(any_db):
    before = {"name": "Ditte Krogh", "roles": "member", "groups": ["Rengøring", "Møbler"]}
    after = {"name": "Ditte Ærø Østergaard", "roles": None, "groups": []}
    with any_db.transaction() as session:
        queries.add_audit(
            session,
            actor="USEK",
            action="person.update",
            entity="person:UDITTE",
            before=before,
            after=after,
            at=NOW,
        )
        queries.add_audit(
            session,
            actor="USEK",
            action="steering.channel",
            entity="steering",
            before=None,
            after={"channel_id": "CSTEER"},
            at=NOW,
        )

    with any_db.reading() as session:
        rows = [
            (e.actor, e.action, e.entity, e.before, e.after) for e in queries.audit_entries(session)
        ]
        only_steering = [e.action for e in queries.audit_entries(session, entity="steering")]

    assert rows == [
        ("USEK", "person.update", "person:UDITTE", before, after),
        ("USEK", "steering.channel", "steering", None, {"channel_id": "CSTEER"}),
    ]
    assert only_steering == ["steering.channel"]


# -- ping ----------------------------------------------------------------------------------


def test_a_working_database_answers_a_ping(any_db):
    assert any_db.ping() is True


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-directory/pogi.db",
        "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2",
    ],
    ids=["sqlite", "postgresql"],
)
def test_an_unreachable_database_does_not_answer_a_ping(url):
    db = Database(make_engine(url))
    try:
        assert db.ping() is False
    finally:
        db.dispose()
