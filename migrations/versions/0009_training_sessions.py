"""in-person training sessions, their invitations and attendance

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 12:00:00

A session teaches a course (or some of its modules) at a place and time to the members of
the invited units (and the units below them), optionally only some committee roles. An
attendance is one row per session and member and says how and by whom it was recorded.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_slug", sa.String(length=80), nullable=False),
        sa.Column("module_slugs", sa.String(length=400), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("allow_walk_ins", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("ends_at > starts_at", name="training_session_times"),
        sa.CheckConstraint("capacity is null or capacity > 0", name="training_session_capacity"),
        sa.ForeignKeyConstraint(["trainer_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.create_index("ix_training_session_course", ["course_slug", "starts_at"], unique=False)
        batch_op.create_index("ix_training_session_starts", ["starts_at"], unique=False)

    op.create_table(
        "session_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("committee_roles", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["training_session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_invitation", schema=None) as batch_op:
        batch_op.create_index("ix_session_invitation_session", ["session_id"], unique=False)
        batch_op.create_index("ix_session_invitation_unit_id", ["unit_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("walk_in", sa.Boolean(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("method in ('qr', 'code', 'ticked', 'paper')", name="attendance_method"),
        sa.ForeignKeyConstraint(["session_id"], ["training_session.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "member_id", name="uq_attendance"),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_member", ["member_id", "session_id"], unique=False)


def downgrade() -> None:
    op.drop_table("attendance")
    op.drop_table("session_invitation")
    op.drop_table("training_session")
