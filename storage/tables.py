"""The tables. Times are stored in UTC (aware); people see them in their own zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def _timestamp(**kwargs: Any) -> Any:
    return Field(sa_column=Column(DateTime(timezone=True), **kwargs))


class Organisation(SQLModel, table=True):
    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, index=True)


class Person(SQLModel, table=True):
    """A Slack user in the roster. Roles are a ``;``-joined set (see ``bot.roles``)."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    slack_user_id: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    roles: str = Field(default="", max_length=200)
    locale: str | None = Field(default=None, max_length=16)
    created_at: datetime = _timestamp(nullable=False, default=utcnow)


class Revision(SQLModel, table=True):
    """One revision of a procurement goal, bound to its working group's channel."""

    __tablename__ = "revision"

    id: int | None = Field(default=None, primary_key=True)
    goal: str = Field(max_length=200, index=True)
    process: str = Field(default="pogi-2023", max_length=32)
    phase: str = Field(max_length=32)
    channel_id: str | None = Field(default=None, max_length=32, unique=True)
    coordinator_id: int | None = Field(default=None, foreign_key="person.id")
    started_at: datetime = _timestamp(nullable=False, default=utcnow)
    started_by: str = Field(max_length=32)


class GroupMember(SQLModel, table=True):
    """A person in a revision's working group."""

    __tablename__ = "group_member"
    __table_args__ = (UniqueConstraint("revision_id", "person_id", name="uq_group_member"),)

    id: int | None = Field(default=None, primary_key=True)
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

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _timestamp(nullable=False, default=utcnow, index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64, index=True)
    entity: str = Field(max_length=64, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
