"""written comment rounds on the goal text

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 16:00:00

A round asks the working group to comment on one version of the goal text by a deadline; each
person has one comment in a round, attached to that version.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("goal_version", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("opened_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("comment_round", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comment_round_revision_id"), ["revision_id"], unique=False
        )
    op.create_table(
        "goal_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("goal_version", sa.Integer(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["comment_round.id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "author", name="uq_goal_comment"),
    )
    with op.batch_alter_table("goal_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_comment_round_id"), ["round_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_goal_comment_revision_id"), ["revision_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_goal_comment_author"), ["author"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("goal_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_comment_author"))
        batch_op.drop_index(batch_op.f("ix_goal_comment_revision_id"))
        batch_op.drop_index(batch_op.f("ix_goal_comment_round_id"))
    op.drop_table("goal_comment")
    with op.batch_alter_table("comment_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_round_revision_id"))
    op.drop_table("comment_round")
