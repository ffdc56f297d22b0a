"""Roster fixtures: units, an admin signed in, and helpers that write roster files."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from app.models import Member


@pytest.fixture
def units(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    return {
        "BT": province, "BT-BATRI": ba_tri,
        "BT-BATRI-ANTHUY": make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=ba_tri),
        "BT-BATRI-TANXUAN": make_unit("BT-BATRI-TANXUAN", name="Xã Tân Xuân", parent=ba_tri),
    }


@pytest.fixture
def admin(units, make_member, login):
    member = make_member("ha", role="admin", full_name="Nguyễn Thị Thanh Hà")
    login("ha")
    return member


HEADER = ["username", "full_name", "unit_code", "committee_role", "phone", "external_id", "platform_role"]


def roster_csv(rows: list[list[str]], header: list[str] = HEADER, *, bom: bool = True,
               delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def roster_xlsx(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [
    ["lan.nguyen", "Nguyễn Thị Lan", "BT-BATRI-ANTHUY", "chair", "0912 345 678", "HV-001", ""],
    ["mai.tran", "Trần Thị Mai", "BT-BATRI-ANTHUY", "Phó Chủ tịch", "", "HV-002", "officer"],
    ["thu.le", "Lê Thị Thu", "bt-batri-tanxuan", "", "0987654321", "", "coordinator"],
]


def member_count(db) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(Member))


def members_by_username(db) -> dict[str, Member]:
    with db() as session:
        found = {m.username: m for m in session.scalars(select(Member))}
        for member in found.values():
            session.expunge(member)
        return found
