"""The tables of the travelling advisory team (rejsehold): its rounds, the organisations taking
part, the round's meetings, activity plans and their versions, activities, evaluations and good
examples. ``storage.tables`` names them too."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.columns import json_field, timestamp_field, utcnow


class TravelRound(SQLModel, table=True):
    """A regional round of the travelling team (Jylland/Fyn, Sjælland/Bornholm), bound to its
    channel."""

    __tablename__ = "travel_round"

    id: int = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    channel_id: str = Field(max_length=32, unique=True)
    started_by: str = Field(max_length=32)
    started_at: datetime = timestamp_field(nullable=False, default=utcnow)


class TravelParticipant(SQLModel, table=True):
    """An organisation taking part in a round, with its contact and head of procurement.
    A removed organisation is kept, marked removed."""

    __tablename__ = "travel_participant"
    __table_args__ = (
        UniqueConstraint("round_id", "organisation_id", name="uq_travel_participant"),
    )

    id: int = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="travel_round.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    contact_id: int = Field(foreign_key="person.id")
    head_id: int = Field(foreign_key="person.id")
    status: str = Field(default="active", max_length=16)
    added_by: str = Field(max_length=32)
    added_at: datetime = timestamp_field(nullable=False, default=utcnow)


class TravelMeeting(SQLModel, table=True):
    """What the travelling team adds to a meeting: which of the round's meetings it is (the
    opening or closing workshop, an organisation's kickoff meeting), where, and for a kickoff
    meeting its minutes."""

    __tablename__ = "travel_meeting"

    id: int = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", unique=True)
    round_id: int = Field(foreign_key="travel_round.id", index=True)
    kind: str = Field(max_length=16)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    place: str = Field(default="", max_length=200)
    head_present: bool | None = Field(default=None)
    attendees: str | None = Field(default=None, sa_column=Column(Text))
    ideas: str | None = Field(default=None, sa_column=Column(Text))
    activities: str | None = Field(default=None, sa_column=Column(Text))
    minutes_by: str | None = Field(default=None, max_length=32)
    minutes_at: datetime | None = timestamp_field(nullable=True)


class TravelPlan(SQLModel, table=True):
    """One version of an organisation's activity plan and cooperation agreement, sent for
    comments and approval. Versions are kept; ``status`` is sent, commented, approved or
    replaced."""

    __tablename__ = "travel_plan"
    __table_args__ = (UniqueConstraint("participant_id", "version", name="uq_travel_plan"),)

    id: int = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="travel_participant.id", index=True)
    version: int = Field(default=1)
    activities: list[dict[str, Any]] | None = json_field()
    agreement: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="sent", max_length=16)
    comments: list[dict[str, Any]] | None = json_field()
    sent_by: str = Field(max_length=32)
    sent_at: datetime = timestamp_field(nullable=False)
    approved_by: str | None = Field(default=None, max_length=32)
    approved_at: datetime | None = timestamp_field(nullable=True)


class TravelActivity(SQLModel, table=True):
    """An activity of an approved plan: its owner, due date and whether it is done."""

    __tablename__ = "travel_activity"

    id: int = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="travel_participant.id", index=True)
    plan_id: int = Field(foreign_key="travel_plan.id")
    title: str = Field(max_length=300)
    owner_id: int = Field(foreign_key="person.id")
    due_on: date
    status: str = Field(default="open", max_length=16)
    done_by: str | None = Field(default=None, max_length=32)
    done_at: datetime | None = timestamp_field(nullable=True)


class TravelEvaluation(SQLModel, table=True):
    """An organisation's evaluation of the round: a rating per question and free text. Its
    latest answer counts."""

    __tablename__ = "travel_evaluation"
    __table_args__ = (UniqueConstraint("round_id", "organisation_id", name="uq_travel_evaluation"),)

    id: int = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="travel_round.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    ratings: dict[str, Any] | None = json_field()
    comment: str = Field(default="", sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)


class TravelExample(SQLModel, table=True):
    """A good example for the team's communication, moving from candidate to published; each
    step with who and when in ``steps``."""

    __tablename__ = "travel_example"

    id: int = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="travel_round.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    title: str = Field(max_length=200)
    stage: str = Field(max_length=16)
    steps: list[dict[str, Any]] | None = json_field()
    link: str = Field(default="", max_length=1000)
    added_by: str = Field(max_length=32)
    added_at: datetime = timestamp_field(nullable=False, default=utcnow)
