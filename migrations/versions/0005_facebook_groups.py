"""the union's Facebook groups

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:00:00

The register of the union's Facebook groups, who runs each of them, their monthly numbers
(aggregate figures from Group Insights only) with the values that corrections replaced, the
thresholds of the health bands, and courses assigned to the admins of groups that need help.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NUMBER_FIELDS = ("members", "new_members", "left_members", "posts", "comments", "reactions",
                 "active_members", "viewers", "pending_requests", "member_posts")


def _numbers(table: str) -> list:
    return [*(sa.Column(name, sa.Integer(), nullable=True) for name in NUMBER_FIELDS),
            *(sa.CheckConstraint(f"{name} >= 0", name=f"{table}_{name}") for name in NUMBER_FIELDS),
            sa.CheckConstraint("member_posts <= posts", name=f"{table}_member_posts_of_posts")]


def upgrade() -> None:
    op.create_table(
        "facebook_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("privacy", sa.String(length=16), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column("founding_members", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("privacy in ('public', 'private')", name="facebook_group_privacy"),
        sa.CheckConstraint("visibility in ('visible', 'hidden')", name="facebook_group_visibility"),
        sa.CheckConstraint("founding_members >= 0", name="facebook_group_founding_members"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("address"),
    )
    with op.batch_alter_table("facebook_group", schema=None) as batch_op:
        batch_op.create_index("ix_facebook_group_unit_id", ["unit_id"], unique=False)

    op.create_table(
        "group_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.CheckConstraint("role in ('admin', 'moderator')", name="group_role_role"),
        sa.ForeignKeyConstraint(["group_id"], ["facebook_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_id", "member_id", name="uq_group_role"),
    )
    with op.batch_alter_table("group_role", schema=None) as batch_op:
        batch_op.create_index("ix_group_role_member_id", ["member_id"], unique=False)

    op.create_table(
        "group_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", UTCDateTime(), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("return_note", sa.Text(), nullable=True),
        *_numbers("group_month"),
        sa.CheckConstraint("status in ('entered', 'confirmed', 'returned')", name="group_month_status"),
        sa.ForeignKeyConstraint(["group_id"], ["facebook_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entered_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["confirmed_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_id", "month", name="uq_group_month"),
    )

    op.create_table(
        "group_month_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("numbers_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", UTCDateTime(), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.Column("replaced_at", UTCDateTime(), nullable=False),
        *_numbers("group_month_history"),
        sa.ForeignKeyConstraint(["numbers_id"], ["group_month.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entered_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["replaced_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("group_month_history", schema=None) as batch_op:
        batch_op.create_index("ix_group_month_history_numbers", ["numbers_id"], unique=False)

    op.create_table(
        "group_health_setting",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["changed_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("name"),
    )

    op.create_table(
        "group_training_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("course_slug", sa.String(length=80), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["group_id"], ["facebook_group.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["assigned_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "course_slug", name="uq_group_training_assignment"),
    )
    with op.batch_alter_table("group_training_assignment", schema=None) as batch_op:
        batch_op.create_index("ix_group_training_assignment_member_id", ["member_id"], unique=False)


def downgrade() -> None:
    for table in ("group_training_assignment", "group_health_setting", "group_month_history",
                  "group_month", "group_role", "facebook_group"):
        op.drop_table(table)
