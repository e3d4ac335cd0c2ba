"""coordinators by rotation, the activity plan, votes that open with their meeting

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 12:30:00

- ``coordinator_term``: who was appointed coordinator of which revision, when (the rotation is
  read from it); the coordinators appointed so far are carried over, dated from their
  revision's start, the best date stored for them;
- ``coordinator_skip``: an organisation passed over in the rotation for a revision, and why;
- ``activity_plan_item``: a year's goals to revise or develop, with their SKI tender date;
- ``vote.opens_at``: ballots are taken from the meeting's start (carried over from the meeting
  of each vote tied to one); ``vote.plan``: the activity plan as it stood when its vote opened.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coordinator_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("by_rotation", sa.Boolean(), nullable=False),
        sa.Column("appointed_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("appointed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("coordinator_term") as batch:
        batch.create_index(
            batch.f("ix_coordinator_term_organisation_id"), ["organisation_id"], unique=False
        )
        batch.create_index(
            batch.f("ix_coordinator_term_revision_id"), ["revision_id"], unique=False
        )
    op.create_table(
        "coordinator_skip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("coordinator_skip") as batch:
        batch.create_index(
            batch.f("ix_coordinator_skip_revision_id"), ["revision_id"], unique=False
        )
    op.create_table(
        "activity_plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("goal", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("ski_tender", sa.Date(), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "goal", name="uq_activity_plan_goal"),
    )
    with op.batch_alter_table("activity_plan_item") as batch:
        batch.create_index(batch.f("ix_activity_plan_item_year"), ["year"], unique=False)
    with op.batch_alter_table("vote") as batch:
        batch.add_column(sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("plan", sa.JSON(none_as_null=True), nullable=True))
    op.execute(
        "UPDATE vote SET opens_at = (SELECT meeting.starts_at FROM meeting "
        "WHERE meeting.id = vote.meeting_id) WHERE meeting_id IS NOT NULL"
    )
    op.execute(
        "INSERT INTO coordinator_term (revision_id, person_id, organisation_id, by_rotation, "
        "appointed_by, appointed_at) SELECT revision.id, person.id, person.organisation_id, "
        "false, revision.started_by, revision.started_at FROM revision "
        "JOIN person ON person.id = revision.coordinator_id"
    )


def downgrade() -> None:
    with op.batch_alter_table("vote") as batch:
        batch.drop_column("plan")
        batch.drop_column("opens_at")
    op.drop_table("activity_plan_item")
    op.drop_table("coordinator_skip")
    op.drop_table("coordinator_term")
