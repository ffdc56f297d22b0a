"""personal data: consents, requests, erasures

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 11:00:00

Consents to the privacy notice with their evidence, requests under the data protection law
with the dates their deadlines count from, and the fact (never the data) of an erasure.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("notice_version", sa.String(length=20), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=False),
        sa.Column("slip_reference", sa.String(length=80), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("decision in ('given', 'declined', 'withdrawn')", name="consent_decision"),
        sa.CheckConstraint("method in ('online', 'paper')", name="consent_method"),
        sa.CheckConstraint("method <> 'paper' or slip_reference is not null", name="consent_paper_has_slip"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_consent_member_at", "consent", ["member_id", "at"], unique=False)
    op.create_table(
        "privacy_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True),
        sa.Column("extension_days", sa.Integer(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind in ('access', 'correction', 'restriction', 'objection', 'deletion', 'withdrawal')",
                           name="privacy_request_kind"),
        sa.CheckConstraint("channel in ('online', 'paper', 'phone', 'in_person')", name="privacy_request_channel"),
        sa.CheckConstraint("extension_days is null or (extension_days between 1 and 15)",
                           name="privacy_request_extension"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["entered_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["handled_by_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_privacy_request_member_id", "privacy_request", ["member_id"], unique=False)
    op.create_index("ix_privacy_request_open", "privacy_request", ["done_at", "received_on"], unique=False)
    op.create_table(
        "member_erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["request_id"], ["privacy_request.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id"),
    )


def downgrade() -> None:
    op.drop_table("member_erasure")
    op.drop_index("ix_privacy_request_open", table_name="privacy_request")
    op.drop_index("ix_privacy_request_member_id", table_name="privacy_request")
    op.drop_table("privacy_request")
    op.drop_index("ix_consent_member_at", table_name="consent")
    op.drop_table("consent")
