"""time polls for meetings, votes with a hidden tally, reasons for ballots

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 15:00:00

- ``meeting_poll``: the times offered for a meeting, until one is picked (and becomes a meeting)
  or the poll is closed; ``poll_answer``: the times that suit each person;
- ``vote.hidden``: how the options stand is shown only once the vote closes;
- ``ballot_reason``: the short reason a seat gives for its ballot.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_poll",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("options", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_poll", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_poll_channel_id"), ["channel_id"], unique=False
        )
    op.create_table(
        "poll_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("options", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["poll_id"], ["meeting_poll.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("poll_id", "slack_user_id", name="uq_poll_answer_person"),
    )
    with op.batch_alter_table("poll_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_poll_answer_poll_id"), ["poll_id"], unique=False)
    op.create_table(
        "ballot_reason",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("choice", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.ForeignKeyConstraint(["vote_id"], ["vote.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("vote_id", "organisation_id", name="uq_ballot_reason_seat"),
    )
    with op.batch_alter_table("ballot_reason", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ballot_reason_vote_id"), ["vote_id"], unique=False)
    with op.batch_alter_table("vote") as batch:
        batch.add_column(
            sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("vote") as batch:
        batch.drop_column("hidden")
    with op.batch_alter_table("ballot_reason", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_reason_vote_id"))
    op.drop_table("ballot_reason")
    with op.batch_alter_table("poll_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poll_answer_poll_id"))
    op.drop_table("poll_answer")
    with op.batch_alter_table("meeting_poll", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_poll_channel_id"))
    op.drop_table("meeting_poll")
