"""The tables of finding a meeting time (a time poll and each person's answer) and of the
reasons voters give for their ballots. ``storage.tables`` names them too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.columns import json_field, timestamp_field, utcnow


class MeetingPoll(SQLModel, table=True):
    """A time poll in a working group's (or the steering group's) channel: the times on offer,
    until the coordinator picks one (``decided``, with the meeting it became) or closes it."""

    __tablename__ = "meeting_poll"

    id: int = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=32, index=True)
    revision_id: int | None = Field(default=None, foreign_key="revision.id")
    kind: str = Field(max_length=16)
    title: str = Field(default="", max_length=200)
    options: list[dict[str, Any]] | None = json_field()
    """The times on offer, in order: ``{"s": start, "e": end}`` as ISO datetimes in UTC."""
    status: str = Field(default="open", max_length=16)
    created_by: str = Field(max_length=32)
    created_at: datetime = timestamp_field(nullable=False, default=utcnow)
    message_ts: str | None = Field(default=None, max_length=32)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    decided_by: str | None = Field(default=None, max_length=32)
    decided_at: datetime | None = timestamp_field(nullable=True)


class PollAnswer(SQLModel, table=True):
    """One person's answer to a time poll: the options (by position) that suit them. A person
    who has unmarked everything has still answered."""

    __tablename__ = "poll_answer"
    __table_args__ = (UniqueConstraint("poll_id", "slack_user_id", name="uq_poll_answer_person"),)

    id: int = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="meeting_poll.id", index=True)
    slack_user_id: str = Field(max_length=32)
    options: list[int] | None = json_field()
    answered_at: datetime = timestamp_field(nullable=False)


class BallotReason(SQLModel, table=True):
    """The short reason a seat gives for its ballot, kept apart from the ballot so that a click
    stays one small write. It applies while the seat's ballot is still the ``choice`` it was
    given for."""

    __tablename__ = "ballot_reason"
    __table_args__ = (UniqueConstraint("vote_id", "organisation_id", name="uq_ballot_reason_seat"),)

    id: int = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    choice: str = Field(max_length=16)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)
