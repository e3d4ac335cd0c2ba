"""The tables. Times are stored in UTC (aware); people see them in their own zone.

Primary keys are typed ``int``: the database assigns them, so a new row's ``id`` is None only
until the session first flushes it, and code reads ids from stored rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Dialect,
    Index,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    inspect,
)
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


def _timestamp(**kwargs: Any) -> Any:
    return Field(sa_column=Column(UTCDateTime(), **kwargs))


def _json() -> Any:
    return Field(default=None, sa_column=Column(JSON(none_as_null=True)))


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"

    id: int = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, index=True)


class Person(SQLModel, table=True):
    """A Slack user in the roster. Roles are a ``;``-joined set (see ``bot.domain.roles``)."""

    __tablename__ = "person"

    id: int = Field(default=None, primary_key=True)
    slack_user_id: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    roles: str = Field(default="", max_length=200)
    locale: str | None = Field(default=None, max_length=16)
    created_at: datetime = _timestamp(nullable=False, default=utcnow)


class Revision(SQLModel, table=True):
    """One revision of a procurement goal, bound to its working group's channel."""

    __tablename__ = "revision"

    id: int = Field(default=None, primary_key=True)
    goal: str = Field(max_length=200, index=True)
    process: str = Field(default="pogi-2023", max_length=32)
    phase: str = Field(max_length=32)
    channel_id: str | None = Field(default=None, max_length=32, unique=True)
    coordinator_id: int | None = Field(default=None, foreign_key="person.id")
    started_at: datetime = _timestamp(nullable=False, default=utcnow)
    started_by: str = Field(max_length=32)
    no_supplier_dialogue: str | None = Field(default=None, sa_column=Column(Text))
    """Why there was no early supplier dialogue, when the secretariat recorded one."""
    launched_by: str | None = Field(default=None, max_length=32)
    launched_at: datetime | None = _timestamp(nullable=True)


class RevisionDocument(SQLModel, table=True):
    """One version of a preparation document (background report, terms of reference, supplier
    dialogue, other). Versions of one document share ``name``; the highest counts, earlier ones
    are kept."""

    __tablename__ = "revision_document"
    __table_args__ = (
        UniqueConstraint("revision_id", "kind", "name", "version", name="uq_revision_document"),
    )

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    kind: str = Field(max_length=32)
    name: str = Field(max_length=200)
    """What makes versions one document: the kind for the one-of-a-kind documents, the lower-cased
    title for the others."""
    title: str = Field(default="", max_length=200)
    url: str = Field(max_length=1000)
    version: int = Field(default=1)
    added_by: str = Field(max_length=32)
    added_at: datetime = _timestamp(nullable=False, default=utcnow)


class PhaseOverride(SQLModel, table=True):
    """A revision moved on although conditions were unmet: which, why, by whom."""

    __tablename__ = "phase_override"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    from_phase: str = Field(max_length=32)
    to_phase: str = Field(max_length=32)
    unmet: list[str] | None = _json()
    reason: str = Field(sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = _timestamp(nullable=False)


class GroupMember(SQLModel, table=True):
    """A person in a revision's working group."""

    __tablename__ = "group_member"
    __table_args__ = (UniqueConstraint("revision_id", "person_id", name="uq_group_member"),)

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    added_at: datetime = _timestamp(nullable=False, default=utcnow)


class SteeringChannel(SQLModel, table=True):
    """The steering group's channel; at most one row (id 1)."""

    __tablename__ = "steering_channel"

    id: int = Field(default=1, primary_key=True)
    channel_id: str = Field(max_length=32)
    set_at: datetime = _timestamp(nullable=False, default=utcnow)


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, from what to what. Written in the change's own transaction."""

    __tablename__ = "audit_entry"

    id: int = Field(default=None, primary_key=True)
    at: datetime = _timestamp(nullable=False, default=utcnow, index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64, index=True)
    entity: str = Field(max_length=64, index=True)
    before: dict[str, Any] | None = _json()
    after: dict[str, Any] | None = _json()


class OutboxMessage(SQLModel, table=True):
    """Something pogi sends later, written in the same transaction as the change that caused
    it. The dispatcher claims due rows, composes them from the current state, sends and marks."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_due", "status", "due_at"),
        Index("ix_outbox_destination_id", "destination", "id"),
    )

    id: int = Field(default=None, primary_key=True)
    kind: str = Field(max_length=48)
    subject: str = Field(max_length=64, index=True)
    destination: str = Field(max_length=32)
    due_at: datetime = _timestamp(nullable=False)
    status: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    lease_until: datetime | None = _timestamp(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=64)
    sent_at: datetime | None = _timestamp(nullable=True)
    last_error: str | None = Field(default=None, max_length=300)
    data: dict[str, Any] | None = _json()
    result: dict[str, Any] | None = _json()
    created_at: datetime = _timestamp(nullable=False, default=utcnow)


class Meeting(SQLModel, table=True):
    """A working-group or steering-group meeting; cancelled meetings are kept."""

    __tablename__ = "meeting"

    id: int = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=32, index=True)
    revision_id: int | None = Field(default=None, foreign_key="revision.id")
    kind: str = Field(max_length=16)
    number: int
    title: str = Field(default="", max_length=200)
    starts_at: datetime = _timestamp(nullable=False, index=True)
    ends_at: datetime = _timestamp(nullable=False)
    status: str = Field(default="planned", max_length=16)
    sequence: int = Field(default=0)
    uid: str = Field(max_length=120, unique=True)
    created_by: str = Field(max_length=32)
    created_at: datetime = _timestamp(nullable=False, default=utcnow)
    announced_ts: str | None = Field(default=None, max_length=32)
    minutes_attendance: list[str] | None = _json()
    minutes_decisions: str | None = Field(default=None, sa_column=Column(Text))
    minutes_notes: str | None = Field(default=None, sa_column=Column(Text))
    minutes_by: str | None = Field(default=None, max_length=32)
    minutes_at: datetime | None = _timestamp(nullable=True)


class Homework(SQLModel, table=True):
    """A task for one person before a deadline, with a ``Færdig`` button in the channel."""

    __tablename__ = "homework"

    id: int = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=32, index=True)
    revision_id: int | None = Field(default=None, foreign_key="revision.id")
    assignee_id: int = Field(foreign_key="person.id", index=True)
    task: str = Field(max_length=500)
    due_at: datetime = _timestamp(nullable=False)
    due_is_day: bool = Field(default=False)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    status: str = Field(default="open", max_length=16)
    created_by: str = Field(max_length=32)
    created_at: datetime = _timestamp(nullable=False, default=utcnow)
    done_by: str | None = Field(default=None, max_length=32)
    done_at: datetime | None = _timestamp(nullable=True)
    message_ts: str | None = Field(default=None, max_length=32)


class Vote(SQLModel, table=True):
    """A steering-group vote on a goal's final proposal or on the yearly activity plan."""

    __tablename__ = "vote"

    id: int = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=16)
    title: str = Field(max_length=200)
    revision_id: int | None = Field(default=None, foreign_key="revision.id")
    proposal: str = Field(default="", max_length=1000)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    opens_at: datetime | None = _timestamp(nullable=True)
    """When ballots are taken from: the meeting's start (None: at once)."""
    closes_at: datetime | None = _timestamp(nullable=True)
    plan: list[dict[str, Any]] | None = _json()
    """An activity plan's goals as they stood when the vote opened."""
    override_reason: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(default="open", max_length=16)
    opened_by: str = Field(max_length=32)
    opened_at: datetime = _timestamp(nullable=False, default=utcnow)
    closed_by: str | None = Field(default=None, max_length=32)
    closed_at: datetime | None = _timestamp(nullable=True)
    message_ts: str | None = Field(default=None, max_length=32)
    result: dict[str, Any] | None = _json()


class Ballot(SQLModel, table=True):
    """A seat's ballot: one row per (vote, organisation); the latest click overwrites it."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("vote_id", "organisation_id", name="uq_ballot_seat"),)

    id: int = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    choice: str = Field(max_length=16)
    voter: str = Field(max_length=32)
    cast_at: datetime = _timestamp(nullable=False)
    changes: int = Field(default=0)
    replaced: str | None = Field(default=None, max_length=16)
    """The choice this ballot had before its latest click (None for the seat's first)."""


class InternalApproval(SQLModel, table=True):
    """A seat's own internal (e.g. political) approval of the proposal: pending or given."""

    __tablename__ = "internal_approval"
    __table_args__ = (
        UniqueConstraint("vote_id", "organisation_id", name="uq_internal_approval_seat"),
    )

    id: int = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    state: str = Field(max_length=16)
    by: str = Field(max_length=32)
    at: datetime = _timestamp(nullable=False)


class Hearing(SQLModel, table=True):
    """A hearing round on a revision's draft: the broad internal one, then the industry one."""

    __tablename__ = "hearing"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    channel_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    deadline: datetime = _timestamp(nullable=False)
    url: str = Field(default="", max_length=1000)
    consulted: list[str] | None = _json()
    """The organisations consulted, as they were when the hearing opened (and parties added
    while it was open)."""
    status: str = Field(default="open", max_length=16)
    opened_by: str = Field(max_length=32)
    opened_at: datetime = _timestamp(nullable=False, default=utcnow)
    closed_by: str | None = Field(default=None, max_length=32)
    closed_at: datetime | None = _timestamp(nullable=True)


class HearingParty(SQLModel, table=True):
    """A consulted party on a revision's list for the industry hearing (høringsliste)."""

    __tablename__ = "hearing_party"
    __table_args__ = (UniqueConstraint("revision_id", "organisation", name="uq_hearing_party"),)

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    organisation: str = Field(max_length=200)
    contact: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    added_by: str = Field(max_length=32)
    added_at: datetime = _timestamp(nullable=False, default=utcnow)


class HearingAnswer(SQLModel, table=True):
    """One version of an organisation's answer; the highest version counts, earlier ones are
    kept."""

    __tablename__ = "hearing_answer"
    __table_args__ = (
        UniqueConstraint("hearing_id", "organisation", "version", name="uq_hearing_answer"),
    )

    id: int = Field(default=None, primary_key=True)
    hearing_id: int = Field(foreign_key="hearing.id", index=True)
    organisation: str = Field(max_length=200)
    version: int = Field(default=1)
    text: str = Field(sa_column=Column(Text, nullable=False))
    url: str = Field(default="", max_length=1000)
    submitted_by: str = Field(max_length=32)
    received_on: date | None = Field(default=None)
    created_at: datetime = _timestamp(nullable=False, default=utcnow)


class HearingReply(SQLModel, table=True):
    """The working group's comment on an organisation's answer, and its decision."""

    __tablename__ = "hearing_reply"
    __table_args__ = (UniqueConstraint("hearing_id", "organisation", name="uq_hearing_reply"),)

    id: int = Field(default=None, primary_key=True)
    hearing_id: int = Field(foreign_key="hearing.id", index=True)
    organisation: str = Field(max_length=200)
    comment: str = Field(sa_column=Column(Text, nullable=False))
    decision: str = Field(max_length=16)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    change: str = Field(default="", sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = _timestamp(nullable=False)


class CoordinatorTerm(SQLModel, table=True):
    """Who was appointed coordinator of which revision, when: the rotation is read from here."""

    __tablename__ = "coordinator_term"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    by_rotation: bool = Field(default=False)
    appointed_by: str = Field(max_length=32)
    appointed_at: datetime = _timestamp(nullable=False)


class CoordinatorSkip(SQLModel, table=True):
    """An organisation passed over in the rotation for one revision, and why."""

    __tablename__ = "coordinator_skip"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    reason: str = Field(sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = _timestamp(nullable=False)


class ActivityPlanItem(SQLModel, table=True):
    """A goal in a year's activity plan: to revise or to develop, coordinated with the date of
    an SKI tender."""

    __tablename__ = "activity_plan_item"
    __table_args__ = (UniqueConstraint("year", "goal", name="uq_activity_plan_goal"),)

    id: int = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    goal: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    ski_tender: date
    added_by: str = Field(max_length=32)
    added_at: datetime = _timestamp(nullable=False)


class HandledRequest(SQLModel, table=True):
    """A request from Slack that pogi has acted on, by a key of what was delivered (its
    ``event_id``, or its ``trigger_id``, made anew for every interaction): the same request
    delivered again finds its key here and is not acted on twice, in any process. Old rows are
    pruned."""

    __tablename__ = "handled_request"

    key: str = Field(primary_key=True, max_length=80)
    handled_at: datetime = _timestamp(nullable=False, index=True)
