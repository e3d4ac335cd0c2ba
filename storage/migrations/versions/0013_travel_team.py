"""the travelling advisory team (rejsehold)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 14:12:17

Its rounds, the organisations taking part, the round's meetings, the activity plans and
cooperation agreements with their versions, the activities, evaluations and good examples.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "travel_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("started_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel_id"),
    )
    op.create_table(
        "travel_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("ratings", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["travel_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "organisation_id", name="uq_travel_evaluation"),
    )
    with op.batch_alter_table("travel_evaluation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_evaluation_round_id"), ["round_id"], unique=False
        )

    op.create_table(
        "travel_example",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("steps", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["travel_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("travel_example", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_example_round_id"), ["round_id"], unique=False)

    op.create_table(
        "travel_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("head_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["head_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["travel_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "organisation_id", name="uq_travel_participant"),
    )
    with op.batch_alter_table("travel_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_participant_round_id"), ["round_id"], unique=False
        )

    op.create_table(
        "travel_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("activities", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("agreement", sa.Text(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("comments", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("sent_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["travel_participant.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "version", name="uq_travel_plan"),
    )
    with op.batch_alter_table("travel_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_plan_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "travel_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("done_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["travel_participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["travel_plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("travel_activity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_activity_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "travel_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("head_present", sa.Boolean(), nullable=True),
        sa.Column("attendees", sa.Text(), nullable=True),
        sa.Column("ideas", sa.Text(), nullable=True),
        sa.Column("activities", sa.Text(), nullable=True),
        sa.Column("minutes_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("minutes_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["travel_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id"),
    )
    with op.batch_alter_table("travel_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_meeting_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("travel_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_meeting_round_id"))

    op.drop_table("travel_meeting")
    with op.batch_alter_table("travel_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_activity_participant_id"))

    op.drop_table("travel_activity")
    with op.batch_alter_table("travel_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_plan_participant_id"))

    op.drop_table("travel_plan")
    with op.batch_alter_table("travel_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_participant_round_id"))

    op.drop_table("travel_participant")
    with op.batch_alter_table("travel_example", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_example_round_id"))

    op.drop_table("travel_example")
    with op.batch_alter_table("travel_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_evaluation_round_id"))

    op.drop_table("travel_evaluation")
    op.drop_table("travel_round")
