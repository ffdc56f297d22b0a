"""follow-up notes and dismissed notices

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 13:00:00

Coordinators keep a log of what they did to help a member along (a call, a message, a
promise), with who wrote it and when; a member's closed notices are kept by key so each
notice shows once.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_up_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_label", sa.String(length=140), nullable=False),
        sa.Column("written_at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("follow_up_note", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_note_member_at", ["member_id", "written_at"], unique=False)

    op.create_table(
        "notice_dismissal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("dismissed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "key", name="uq_notice_dismissal"),
    )


def downgrade() -> None:
    op.drop_table("notice_dismissal")
    op.drop_table("follow_up_note")
