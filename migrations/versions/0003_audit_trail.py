"""audit trail

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:35:00

Who issued a sign-in code for whom, role and unit changes, accounts switched off and on,
certificate revocations, roster imports and exports of personal data.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=140), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("target_member_id", sa.Integer(), nullable=True),
        sa.Column("target_label", sa.String(length=140), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["target_member_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_target_at", ["target_member_id", "at"], unique=False)
        batch_op.create_index("ix_audit_action_at", ["action", "at"], unique=False)


def downgrade() -> None:
    op.drop_table("audit_entry")
