"""per-unit, per-course counts for the completion report

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 14:00:00

The report reads, per unit, committee role, course and due date, how many members are
assigned, have completed, have started, with their quiz scores and latest activity, kept up
to date by the writes that change them, instead of scanning every progress row. The tables
start empty: until `flask init` (which runs after this migration) or `flask content publish`
has counted a course, its reports are worked out from the raw rows as before.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_course_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("course_slug", sa.String(length=80), nullable=False),
        sa.Column("committee_role", sa.String(length=32), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("assigned", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("started", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("last_activity_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "course_slug", "committee_role", "due_date", name="uq_unit_course_count"),
    )
    op.create_index("ix_unit_course_count_course", "unit_course_count", ["course_slug"])
    op.create_table(
        "unit_member_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("committee_role", sa.String(length=32), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "committee_role", name="uq_unit_member_count"),
    )
    op.create_table(
        "counted_course",
        sa.Column("course_slug", sa.String(length=80), nullable=False),
        sa.Column("steps_key", sa.String(length=64), nullable=False),
        sa.Column("counted_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("course_slug"),
    )


def downgrade() -> None:
    op.drop_table("counted_course")
    op.drop_table("unit_member_count")
    op.drop_index("ix_unit_course_count_course", table_name="unit_course_count")
    op.drop_table("unit_course_count")
