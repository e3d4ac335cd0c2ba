"""the process's conditions: preparation documents, phase overrides, launch and supplier dialogue

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 12:30:00

A revision's preparation documents, every version kept; a move past unmet conditions with its
reason; the ambassador's confirmation of the launch; and the reason why there was no early
supplier dialogue.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revision_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("revision_id", "kind", "name", "version", name="uq_revision_document"),
    )
    with op.batch_alter_table("revision_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_revision_document_revision_id"), ["revision_id"], unique=False
        )
    op.create_table(
        "phase_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("from_phase", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("to_phase", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("unmet", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("phase_override", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phase_override_revision_id"), ["revision_id"], unique=False
        )
    with op.batch_alter_table("revision") as batch:
        batch.add_column(sa.Column("no_supplier_dialogue", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("launched_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch.add_column(sa.Column("launched_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revision") as batch:
        batch.drop_column("launched_at")
        batch.drop_column("launched_by")
        batch.drop_column("no_supplier_dialogue")
    with op.batch_alter_table("phase_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phase_override_revision_id"))
    op.drop_table("phase_override")
    with op.batch_alter_table("revision_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_document_revision_id"))
    op.drop_table("revision_document")
