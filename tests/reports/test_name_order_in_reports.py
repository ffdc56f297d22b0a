"""Member lists in reports, their exports and the unit roster follow the Vietnamese order of
names (given name, then the rest), on SQLite and PostgreSQL alike, across pages."""
from __future__ import annotations

import pytest

from app.reports import completion, roster

from .report_pages import csv_rows, page_rows

#: In Vietnamese order; byte order or lower() would put every Đ after Y and Ă, Â after Z.
IN_ORDER = ["Trần Thị Ánh", "Phạm Hồng Ân", "Lê Thị Dung", "Võ Thị Đào", "Dương Thị Lan",
            "Đỗ Thị Lan", "Nguyễn Thị Lan", "Lý Thị Út"]


@pytest.fixture
def commune(units, people, make_member):
    unit = units["BT-GT"]
    for i, name in enumerate(reversed(IN_ORDER)):
        make_member(f"p{i}", unit=unit, full_name=name)
    return unit


@pytest.fixture
def admin(people, login):
    login("ha")
    return people["ha"]


def _names(response) -> list[str]:
    assert response.status_code == 200, response.data[:500]
    return [row[0] for row in page_rows(response.data) if not row[0].startswith("Total")]


def test_member_report_pages_follow_the_vietnamese_order(client, admin, commune, monkeypatch):
    monkeypatch.setattr(completion, "MEMBER_PAGE_SIZE", 3)
    pages = [_names(client.get(f"/reports/?unit=BT-GT&by=member&page={n}")) for n in (1, 2, 3)]
    assert pages == [IN_ORDER[0:3], IN_ORDER[3:6], IN_ORDER[6:]]
    total = [row for row in page_rows(client.get("/reports/?unit=BT-GT&by=member&page=3").data)
             if row[0].startswith("Total")]
    assert total and "8" in total[0][1:4], total  # the total counts every page's members
    backwards = _names(client.get("/reports/?unit=BT-GT&by=member&sort=name&order=desc&page=1"))
    assert backwards == IN_ORDER[::-1][:3]


def test_member_export_follows_the_vietnamese_order(client, admin, commune):
    rows = csv_rows(client.get("/reports/export/csv?unit=BT-GT&by=member").data)
    names = [row[next(iter(row))] for row in rows]
    assert [n for n in names if n in IN_ORDER] == IN_ORDER


def test_roster_pages_follow_the_vietnamese_order(client, admin, commune, monkeypatch):
    monkeypatch.setattr(roster, "PAGE_SIZE", 4)
    seen = []
    for n in (1, 2):
        html = client.get(f"/reports/units/BT-GT/roster?page={n}").data.decode()
        seen.append(sorted((name for name in IN_ORDER if name in html), key=html.index))
    assert seen == [IN_ORDER[:4], IN_ORDER[4:]]
