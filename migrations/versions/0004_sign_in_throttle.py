"""sign-in throttle counters

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:00:00

Failed sign-ins and certificate lookups counted in the main database, so every worker of a
server without Redis (and every server while Redis is down) shares the same counts.
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("window_ends", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("sign_in_throttle", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_throttle_window_ends", ["window_ends"], unique=False)


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
