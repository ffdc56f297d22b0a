"""indexes for the completion reports

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:00:00

The report looks up, for each assigned member and course, her latest lesson times and her
best quiz result. These two covering indexes answer those lookups from the index alone,
without visiting the table rows (about 3 million progress rows for the whole province).
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lesson_progress", schema=None) as batch_op:
        batch_op.create_index("ix_progress_member_course_times",
                              ["member_id", "course_slug", "lesson_slug", "started_at", "completed_at"],
                              unique=False)
    with op.batch_alter_table("quiz_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_attempt_member_quiz_result",
                              ["member_id", "quiz_id", "submitted_at", "percent"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quiz_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_attempt_member_quiz_result")
    with op.batch_alter_table("lesson_progress", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_member_course_times")
