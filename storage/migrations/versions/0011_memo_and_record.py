"""the consultation memo's own text and themes, answers without comments, vote statements

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 14:30:00

What the secretariat writes into a revision's consultation memo (case number, responsible unit,
introduction, other changes, the further course); the themes the answers are summarised under;
whether an answer had no comments on the draft; and the statements steering seats have recorded
on a closed vote.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _string(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "memo_details",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("case_number", _string(100), nullable=False),
        sa.Column("unit", _string(300), nullable=False),
        sa.Column("introduction", sa.Text(), nullable=False),
        sa.Column("other_changes", sa.Text(), nullable=False),
        sa.Column("further_course", sa.Text(), nullable=False),
        sa.Column("by", _string(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("revision_id"),
    )
    op.create_table(
        "hearing_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", _string(200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("decision", _string(16), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("answers", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("by", _string(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("hearing_theme") as batch:
        batch.create_index(batch.f("ix_hearing_theme_revision_id"), ["revision_id"], unique=False)
    op.create_table(
        "vote_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("organisation", _string(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("by", _string(32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["vote_id"], ["vote.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vote_statement") as batch:
        batch.create_index(batch.f("ix_vote_statement_vote_id"), ["vote_id"], unique=False)
    # Replies stored before this migration are replies to answers with comments.
    with op.batch_alter_table("hearing_reply") as batch:
        batch.add_column(
            sa.Column("no_comments", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("hearing_reply") as batch:
        batch.alter_column("no_comments", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("hearing_reply") as batch:
        batch.drop_column("no_comments")
    with op.batch_alter_table("vote_statement") as batch:
        batch.drop_index(batch.f("ix_vote_statement_vote_id"))
    op.drop_table("vote_statement")
    with op.batch_alter_table("hearing_theme") as batch:
        batch.drop_index(batch.f("ix_hearing_theme_revision_id"))
    op.drop_table("hearing_theme")
    op.drop_table("memo_details")
