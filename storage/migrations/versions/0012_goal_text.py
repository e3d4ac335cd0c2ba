"""the goal text in its versions, and the version frozen into a hearing and a vote

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 14:30:00

A revision's goal and its accompanying text, every saved version kept; the number of the version
a hearing was opened on and a vote was opened on.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("background", sa.Text(), nullable=False),
        sa.Column("effects", sa.Text(), nullable=False),
        sa.Column("tender_text", sa.Text(), nullable=False),
        sa.Column("cases", sa.Text(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("revision_id", "number", name="uq_goal_version"),
    )
    with op.batch_alter_table("goal_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_version_revision_id"), ["revision_id"], unique=False
        )
    with op.batch_alter_table("hearing") as batch:
        batch.add_column(sa.Column("goal_version", sa.Integer(), nullable=True))
    with op.batch_alter_table("vote") as batch:
        batch.add_column(sa.Column("goal_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vote") as batch:
        batch.drop_column("goal_version")
    with op.batch_alter_table("hearing") as batch:
        batch.drop_column("goal_version")
    with op.batch_alter_table("goal_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_version_revision_id"))
    op.drop_table("goal_version")
