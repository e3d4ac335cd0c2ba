"""The tables of the revision process itself: preparation documents, the goal's text in its
versions, moves past unmet conditions, the coordinators' rotation and the activity plan.
``storage.tables`` names them too."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.columns import json_field, timestamp_field, utcnow


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
    added_at: datetime = timestamp_field(nullable=False, default=utcnow)


class PhaseOverride(SQLModel, table=True):
    """A revision moved on although conditions were unmet: which, why, by whom."""

    __tablename__ = "phase_override"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    from_phase: str = Field(max_length=32)
    to_phase: str = Field(max_length=32)
    unmet: list[str] | None = json_field()
    reason: str = Field(sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)


class CoordinatorTerm(SQLModel, table=True):
    """Who was appointed coordinator of which revision, when: the rotation is read from here."""

    __tablename__ = "coordinator_term"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    by_rotation: bool = Field(default=False)
    appointed_by: str = Field(max_length=32)
    appointed_at: datetime = timestamp_field(nullable=False)


class CoordinatorSkip(SQLModel, table=True):
    """An organisation passed over in the rotation for one revision, and why."""

    __tablename__ = "coordinator_skip"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    reason: str = Field(sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)


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
    added_at: datetime = timestamp_field(nullable=False)


class GoalVersion(SQLModel, table=True):
    """One version of a revision's goal text: the goal, and the accompanying text in its parts
    (seeds/001). Saving makes a new version; earlier ones are kept, numbered from 1."""

    __tablename__ = "goal_version"
    __table_args__ = (UniqueConstraint("revision_id", "number", name="uq_goal_version"),)

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    number: int
    goal: str = Field(sa_column=Column(Text, nullable=False))
    background: str = Field(default="", sa_column=Column(Text, nullable=False))
    effects: str = Field(default="", sa_column=Column(Text, nullable=False))
    tender_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    cases: str = Field(default="", sa_column=Column(Text, nullable=False))
    author: str = Field(max_length=32)
    created_at: datetime = timestamp_field(nullable=False)


class GoalUptake(SQLModel, table=True):
    """How far a member organisation has come with a launched goal: one row per (revision,
    organisation), the latest answer overwriting the one before (each is in the audit log)."""

    __tablename__ = "goal_uptake"
    __table_args__ = (UniqueConstraint("revision_id", "organisation_id", name="uq_goal_uptake"),)

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    status: str = Field(max_length=16)
    """``implemented``, ``in_progress`` or ``not_relevant``."""
    note: str | None = Field(default=None, sa_column=Column(Text))
    answered_by: str = Field(max_length=32)
    answered_at: datetime = timestamp_field(nullable=False)
