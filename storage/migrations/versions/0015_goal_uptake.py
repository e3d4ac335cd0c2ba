"""member organisations' uptake of a launched goal

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:00

After launch each member organisation answers how far it has come with the goal: implemented, in
progress or not relevant, with an optional note; the latest answer is kept here, every answer in
the audit log.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_uptake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("answered_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("revision_id", "organisation_id", name="uq_goal_uptake"),
    )
    with op.batch_alter_table("goal_uptake", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_uptake_revision_id"), ["revision_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goal_uptake_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("goal_uptake", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_uptake_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_goal_uptake_revision_id"))
    op.drop_table("goal_uptake")
