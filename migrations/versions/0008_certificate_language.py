"""the language a certificate was earned in

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 12:00:00

A certificate keeps the language its holder finished the course in, and the course title
in that language, so it reads as she took it. Earlier certificates keep NULL: they show
the title they were issued with.
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("language")
