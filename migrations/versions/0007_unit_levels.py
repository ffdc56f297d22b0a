"""unit levels as data, aliases and the history of reorganisations

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 12:30:00

The fixed kinds (province, district, commune) become rows of ``unit_level``; every unit
points at its level. Merged codes live on in ``unit_alias``; ``unit_change`` keeps each
merge, move and rename. Certificates copy the issuing unit's name at issue time.
"""
from alembic import op
import sqlalchemy as sa

from app.models.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The old kinds, with their rank and names, as the first levels.
OLD_KINDS = [
    ("province", 10, "Province", "Tỉnh, thành phố", "จังหวัด"),
    ("district", 20, "District", "Huyện, quận (cũ)", "อำเภอ"),
    ("commune", 30, "Commune or ward", "Xã, phường", "ตำบล"),
]


def upgrade() -> None:
    level = op.create_table(
        "unit_level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(length=80), nullable=False),
        sa.Column("name_vi", sa.String(length=80), nullable=False),
        sa.Column("name_th", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("rank"),
    )
    connection = op.get_bind()
    used = {kind for (kind,) in connection.execute(sa.text("SELECT DISTINCT kind FROM unit"))}
    op.bulk_insert(level, [
        {"id": i, "code": code, "rank": rank, "name_en": en, "name_vi": vi, "name_th": th}
        for i, (code, rank, en, vi, th) in enumerate(OLD_KINDS, start=1) if code in used])
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("level_id", sa.Integer(), nullable=True))
    connection.execute(sa.text(
        "UPDATE unit SET level_id = (SELECT id FROM unit_level WHERE unit_level.code = unit.kind)"))
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.alter_column("level_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_unit_level_id"), ["level_id"], unique=False)
        batch_op.create_foreign_key("fk_unit_level_id_unit_level", "unit_level", ["level_id"], ["id"])
        batch_op.drop_constraint("unit_kind", type_="check")
        batch_op.drop_column("kind")
    if connection.dialect.name == "postgresql":  # ids were given explicitly above
        connection.execute(sa.text(
            "SELECT setval(pg_get_serial_sequence('unit_level', 'id'), "
            "COALESCE((SELECT MAX(id) FROM unit_level), 0) + 1, false)"))

    op.create_table(
        "unit_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("former_name", sa.String(length=120), nullable=False),
        sa.Column("merged_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("unit_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_alias_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=140), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unit_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_change_unit_id"), ["unit_id"], unique=False)

    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_name", sa.String(length=120), nullable=True))
    connection.execute(sa.text(
        "UPDATE certificate SET unit_name = (SELECT name FROM unit WHERE unit.id = certificate.unit_id)"))


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("unit_name")
    op.drop_table("unit_change")
    op.drop_table("unit_alias")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
    op.get_bind().execute(sa.text(
        "UPDATE unit SET kind = (SELECT code FROM unit_level WHERE unit_level.id = unit.level_id)"))
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_constraint("fk_unit_level_id_unit_level", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_unit_level_id"))
        batch_op.drop_column("level_id")
        batch_op.create_check_constraint("unit_kind", "kind in ('province', 'district', 'commune')")
    op.drop_table("unit_level")
