"""a ballot remembers the choice it replaced

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 12:10:00

The choice a seat's ballot had before its latest click, written by the same statement that
writes the new choice. A click reads it back from that statement, so "before" in the receipt and
the audit entry is exact even when a member and their deputy click at the same moment.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ballot") as batch:
        batch.add_column(
            sa.Column("replaced", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("ballot") as batch:
        batch.drop_column("replaced")
