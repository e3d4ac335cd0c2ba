"""The tables behind the formal records: the consultation memo's own text (case number,
responsible unit, introduction, other changes, the further course), the themes its answers are
summarised under, and the statements steering seats have recorded on a vote (protokoltilførsler).
``storage.tables`` names them too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from storage.columns import json_field, timestamp_field


class MemoDetails(SQLModel, table=True):
    """What the secretariat writes into a revision's consultation memo itself."""

    __tablename__ = "memo_details"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", unique=True)
    case_number: str = Field(default="", max_length=100)
    unit: str = Field(default="", max_length=300)
    introduction: str = Field(default="", sa_column=Column(Text, nullable=False))
    other_changes: str = Field(default="", sa_column=Column(Text, nullable=False))
    further_course: str = Field(default="", sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)


class HearingTheme(SQLModel, table=True):
    """A theme of a revision's consultation memo: a summary of what the answers under it say,
    the working group's remarks, whether the point is taken, and what changes."""

    __tablename__ = "hearing_theme"

    id: int = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    number: int
    title: str = Field(max_length=200)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    remarks: str = Field(default="", sa_column=Column(Text, nullable=False))
    decision: str = Field(default="", max_length=16)
    change: str = Field(default="", sa_column=Column(Text, nullable=False))
    answers: list[dict[str, Any]] | None = json_field()
    """The answers summarised here: ``{"hearing": id, "organisation": name}`` each."""
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)


class VoteStatement(SQLModel, table=True):
    """A seat's statement recorded in the decision record of a closed vote
    (protokoltilførsel), such as a dissent; the latest of a seat counts."""

    __tablename__ = "vote_statement"

    id: int = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", index=True)
    organisation: str = Field(max_length=200)
    text: str = Field(sa_column=Column(Text, nullable=False))
    by: str = Field(max_length=32)
    at: datetime = timestamp_field(nullable=False)
