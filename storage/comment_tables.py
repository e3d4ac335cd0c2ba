"""Written comment rounds on the goal text: the working group asked to comment on a version by
a deadline, and each person's one comment. ``storage.tables`` names them too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.columns import timestamp_field


class CommentRound(SQLModel, table=True):
    """A round of written comments on one version of a revision's goal text."""

    __tablename__ = "comment_round"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    channel_id: str = Field(max_length=32)
    goal_version: int
    deadline: datetime = timestamp_field(nullable=False)
    status: str = Field(default="open", max_length=16)
    opened_by: str = Field(max_length=32)
    opened_at: datetime = timestamp_field(nullable=False)
    closed_by: str | None = Field(default=None, max_length=32)
    closed_at: datetime | None = timestamp_field(nullable=True)


class GoalComment(SQLModel, table=True):
    """One person's comment in a round, on the round's version; editable until the deadline."""

    __tablename__ = "goal_comment"
    __table_args__ = (UniqueConstraint("round_id", "author", name="uq_goal_comment"),)

    id: int = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="comment_round.id", index=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    goal_version: int
    author: str = Field(max_length=32, index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = timestamp_field(nullable=False)
    updated_at: datetime = timestamp_field(nullable=False)
