"""The tables. Times are stored in UTC (aware); people see them in their own zone.

Primary keys are typed ``int``: the database assigns them, so a new row's ``id`` is None only
until the session first flushes it, and code reads ids from stored rows.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from storage.columns import UTCDateTime, json_field, table_of, timestamp_field, utcnow


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
    created_at: datetime = timestamp_field(nullable=False, default=utcnow)


class Revision(SQLModel, table=True):
    """One revision of a procurement goal, bound to its working group's channel."""

    __tablename__ = "revision"

    id: int = Field(default=None, primary_key=True)
    goal: str = Field(max_length=200, index=True)
    process: str = Field(default="pogi-2023", max_length=32)
    phase: str = Field(max_length=32)
    channel_id: str | None = Field(default=None, max_length=32, unique=True)
    coordinator_id: int | None = Field(default=None, foreign_key="person.id")
    started_at: datetime = timestamp_field(nullable=False, default=utcnow)
    started_by: str = Field(max_length=32)
    no_supplier_dialogue: str | None = Field(default=None, sa_column=Column(Text))
    """Why there was no early supplier dialogue, when the secretariat recorded one."""
    launched_by: str | None = Field(default=None, max_length=32)
    launched_at: datetime | None = timestamp_field(nullable=True)


class GroupMember(SQLModel, table=True):
    """A person in a revision's working group."""

    __tablename__ = "group_member"
    __table_args__ = (UniqueConstraint("revision_id", "person_id", name="uq_group_member"),)

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    added_at: datetime = timestamp_field(nullable=False, default=utcnow)


class SteeringChannel(SQLModel, table=True):
    """The steering group's channel; at most one row (id 1)."""

    __tablename__ = "steering_channel"

    id: int = Field(default=1, primary_key=True)
    channel_id: str = Field(max_length=32)
    set_at: datetime = timestamp_field(nullable=False, default=utcnow)


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, from what to what. Written in the change's own transaction."""

    __tablename__ = "audit_entry"

    id: int = Field(default=None, primary_key=True)
    at: datetime = timestamp_field(nullable=False, default=utcnow, index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64, index=True)
    entity: str = Field(max_length=64, index=True)
    before: dict[str, Any] | None = json_field()
    after: dict[str, Any] | None = json_field()


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
    due_at: datetime = timestamp_field(nullable=False)
    status: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    lease_until: datetime | None = timestamp_field(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=64)
    sent_at: datetime | None = timestamp_field(nullable=True)
    last_error: str | None = Field(default=None, max_length=300)
    data: dict[str, Any] | None = json_field()
    result: dict[str, Any] | None = json_field()
    created_at: datetime = timestamp_field(nullable=False, default=utcnow)


class Meeting(SQLModel, table=True):
    """A working-group or steering-group meeting; cancelled meetings are kept."""

    __tablename__ = "meeting"

    id: int = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=32, index=True)
    revision_id: int | None = Field(default=None, foreign_key="revision.id")
    kind: str = Field(max_length=16)
    number: int
    title: str = Field(default="", max_length=200)
    starts_at: datetime = timestamp_field(nullable=False, index=True)
    ends_at: datetime = timestamp_field(nullable=False)
    status: str = Field(default="planned", max_length=16)
    sequence: int = Field(default=0)
    uid: str = Field(max_length=120, unique=True)
    created_by: str = Field(max_length=32)
    created_at: datetime = timestamp_field(nullable=False, default=utcnow)
    announced_ts: str | None = Field(default=None, max_length=32)
    minutes_attendance: list[str] | None = json_field()
    minutes_decisions: str | None = Field(default=None, sa_column=Column(Text))
    minutes_notes: str | None = Field(default=None, sa_column=Column(Text))
    minutes_by: str | None = Field(default=None, max_length=32)
    minutes_at: datetime | None = timestamp_field(nullable=True)


class Homework(SQLModel, table=True):
    """A task for one person before a deadline, with a ``Færdig`` button in the channel."""

    __tablename__ = "homework"

    id: int = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=32, index=True)
    revision_id: int | None = Field(default=None, foreign_key="revision.id")
    assignee_id: int = Field(foreign_key="person.id", index=True)
    task: str = Field(max_length=500)
    due_at: datetime = timestamp_field(nullable=False)
    due_is_day: bool = Field(default=False)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    status: str = Field(default="open", max_length=16)
    created_by: str = Field(max_length=32)
    created_at: datetime = timestamp_field(nullable=False, default=utcnow)
    done_by: str | None = Field(default=None, max_length=32)
    done_at: datetime | None = timestamp_field(nullable=True)
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
    opens_at: datetime | None = timestamp_field(nullable=True)
    """When ballots are taken from: the meeting's start (None: at once)."""
    closes_at: datetime | None = timestamp_field(nullable=True)
    plan: list[dict[str, Any]] | None = json_field()
    """An activity plan's goals as they stood when the vote opened."""
    override_reason: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(default="open", max_length=16)
    opened_by: str = Field(max_length=32)
    opened_at: datetime = timestamp_field(nullable=False, default=utcnow)
    closed_by: str | None = Field(default=None, max_length=32)
    closed_at: datetime | None = timestamp_field(nullable=True)
    message_ts: str | None = Field(default=None, max_length=32)
    result: dict[str, Any] | None = json_field()
    hidden: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    """How each option stands is shown only once the vote closes; until then only who voted."""
    goal_version: int | None = Field(default=None)
    """The number of the goal text's version voted on, frozen when the vote opened."""


class Ballot(SQLModel, table=True):
    """A seat's ballot: one row per (vote, organisation); the latest click overwrites it."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("vote_id", "organisation_id", name="uq_ballot_seat"),)

    id: int = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    choice: str = Field(max_length=16)
    voter: str = Field(max_length=32)
    cast_at: datetime = timestamp_field(nullable=False)
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
    at: datetime = timestamp_field(nullable=False)


class Hearing(SQLModel, table=True):
    """A hearing round on a revision's draft: the broad internal one, then the industry one."""

    __tablename__ = "hearing"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    channel_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    deadline: datetime = timestamp_field(nullable=False)
    url: str = Field(default="", max_length=1000)
    goal_version: int | None = Field(default=None)
    """The number of the goal text's version put to the hearing, frozen when it opened."""
    consulted: list[str] | None = json_field()
    """The organisations consulted, as they were when the hearing opened (and parties added
    while it was open)."""
    status: str = Field(default="open", max_length=16)
    opened_by: str = Field(max_length=32)
    opened_at: datetime = timestamp_field(nullable=False, default=utcnow)
    closed_by: str | None = Field(default=None, max_length=32)
    closed_at: datetime | None = timestamp_field(nullable=True)


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
    added_at: datetime = timestamp_field(nullable=False, default=utcnow)


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
    created_at: datetime = timestamp_field(nullable=False, default=utcnow)


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
    no_comments: bool = Field(default=False)
    """The answer has no comments on the draft (»ingen bemærkninger«)."""
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)


class HandledRequest(SQLModel, table=True):
    """A request from Slack that pogi has acted on, by a key of what was delivered (its
    ``event_id``, or its ``trigger_id``, made anew for every interaction): the same request
    delivered again finds its key here and is not acted on twice, in any process. Old rows are
    pruned."""

    __tablename__ = "handled_request"

    key: str = Field(primary_key=True, max_length=80)
    handled_at: datetime = timestamp_field(nullable=False, index=True)


# The process's own tables (documents, overrides, the rotation, the activity plan) and the
# travelling team's live beside these; named here too, so every table is ``storage.tables.X``.
from storage.choice_tables import BallotReason, MeetingPoll, PollAnswer  # noqa: E402
from storage.comment_tables import CommentRound, GoalComment  # noqa: E402
from storage.process_tables import (  # noqa: E402
    ActivityPlanItem,
    CoordinatorSkip,
    CoordinatorTerm,
    GoalUptake,
    GoalVersion,
    PhaseOverride,
    RevisionDocument,
)
from storage.record_tables import HearingTheme, MemoDetails, VoteStatement  # noqa: E402
from storage.travel_tables import (  # noqa: E402
    TravelActivity,
    TravelEvaluation,
    TravelExample,
    TravelMeeting,
    TravelParticipant,
    TravelPlan,
    TravelRound,
)

__all__ = [
    "ActivityPlanItem",
    "AuditEntry",
    "Ballot",
    "BallotReason",
    "CommentRound",
    "CoordinatorSkip",
    "CoordinatorTerm",
    "GoalComment",
    "GoalUptake",
    "GoalVersion",
    "GroupMember",
    "HandledRequest",
    "Hearing",
    "HearingAnswer",
    "HearingParty",
    "HearingReply",
    "HearingTheme",
    "Homework",
    "InternalApproval",
    "Meeting",
    "MeetingPoll",
    "MemoDetails",
    "Organisation",
    "OutboxMessage",
    "Person",
    "PhaseOverride",
    "PollAnswer",
    "Revision",
    "RevisionDocument",
    "SQLModel",
    "SteeringChannel",
    "TravelActivity",
    "TravelEvaluation",
    "TravelExample",
    "TravelMeeting",
    "TravelParticipant",
    "TravelPlan",
    "TravelRound",
    "UTCDateTime",
    "Vote",
    "VoteStatement",
    "table_of",
    "utcnow",
]
