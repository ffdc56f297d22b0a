"""The unit page, the CSV, the XLSX and `flask groups report` show the same numbers; the group
page draws its chart with a marker at each admin's training; exports leave an audit entry."""
from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import AuditEntry, Certificate, Member

MONTHS = [(date(2025, 9, 1), dict(members=700, posts=90, comments=80, reactions=120, member_posts=20)),
          (date(2025, 10, 1), dict(members=730, posts=80, comments=60, reactions=100, member_posts=10)),
          (date(2025, 11, 1), dict(members=760, posts=30, comments=10, reactions=40, member_posts=3))]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from app.progress import assignments  # the union's day, wherever it is asked

    monkeypatch.setattr(assignments, "today_in", lambda _zone, _now=None: date(2025, 12, 10))


@pytest.fixture
def numbers(union, add_month, db):
    for month, values in MONTHS:
        add_month(union.ba_tri_group, month, **values)
    add_month(union.mo_cay_group, date(2025, 11, 1), members=560, posts=120, comments=300, reactions=500,
              member_posts=60)
    add_month(union.mo_cay_group, date(2025, 10, 1), members=540)
    with db() as session:
        lan = session.scalars(select(Member).where(Member.username == "lan")).one()
        session.add(Certificate(code="c" * 40, member_id=lan.id, course_slug="running-facebook-groups",
                                course_title="Running Facebook groups", unit_id=lan.unit_id,
                                issued_at=datetime(2025, 10, 16, tzinfo=UTC)))
        session.commit()


def _cells(html: str) -> list[list[str]]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<[^>]+>", " ", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows.append([" ".join(c.split()) for c in cells])
    return rows


def test_page_csv_xlsx_and_command_agree(client, login, runner, numbers, db):
    login("admin")
    page = _cells(client.get("/groups/").get_data(as_text=True))
    table = list(csv.reader(io.StringIO(client.get("/groups/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    book = load_workbook(io.BytesIO(client.get("/groups/export.xlsx").data)).worksheets[0]
    sheet = [["" if v is None else str(v) for v in row] for row in book.iter_rows(values_only=True)]
    command = list(csv.reader(io.StringIO(runner.invoke(args=["groups", "report", "--csv"]).output)))
    assert table == command == sheet
    headers, rows = table[0], table[1:]
    assert [r[0] for r in rows] == ["Phụ nữ Ba Tri", "Phụ nữ Mỏ Cày Bắc"]  # weakest first
    column = {h: i for i, h in enumerate(headers)}
    for shown, row in zip(page, rows, strict=False):
        assert shown[0].startswith(row[column["Group"]])
        assert row[column["Band"]] in shown[1]
        assert shown[2:6] == [row[column["Latest month"]], row[column["Members"]],
                              row[column["Interaction per member"]], row[column["Growth"]]]
        assert shown[6] == row[column["Admins' training"]]
    ba_tri = rows[0]
    assert ba_tri[column["Interaction per member"]] == f"{(30 + 10 + 40) / 760:.2f}"
    assert ba_tri[column["Growth"]] == f"{30 / 730 * 100:.1f}%"
    assert ba_tri[column["Band"]] == "Needs help"
    assert ba_tri[column["Admins' training"]] == "1 of 1 admins trained"
    text = runner.invoke(args=["groups", "report"]).output
    assert "Phụ nữ Ba Tri" in text and "Needs help" in text
    every = list(csv.reader(io.StringIO(
        client.get("/groups/export.csv?rows=months").get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r[0], r[3]) for r in every[1:]] == [("Phụ nữ Ba Tri", "2025-09"), ("Phụ nữ Ba Tri", "2025-10"),
                                                ("Phụ nữ Ba Tri", "2025-11"), ("Phụ nữ Mỏ Cày Bắc", "2025-10"),
                                                ("Phụ nữ Mỏ Cày Bắc", "2025-11")]
    assert every[3][every[0].index("Band")] == "Needs help"
    with db() as session:
        exports = session.scalars(select(AuditEntry).where(AuditEntry.action == "export.groups")).all()
        assert len(exports) == 3


def test_group_page_shows_bands_formulas_chart_and_training_marker(client, login, numbers, union):
    login("coord")
    page = client.get(f"/groups/{union.ba_tri_group}").get_data(as_text=True)
    assert "(posts + comments + reactions) ÷ members at the end of the month" in page
    assert 'class="band band-needs_help"' in page and "▲" in page and "Needs help" in page
    assert page.count('<polyline class="series') == 2
    assert page.count('class="trained"') == 1  # Lan finished in October
    assert "finished the training on" in page
    assert "<caption>Numbers, measures and band of each month</caption>" in page


def test_a_group_without_recent_numbers_is_flagged(client, login, union, add_month):
    add_month(union.mo_cay_group, date(2025, 8, 1), members=300)
    login("coord.mcb")
    page = client.get(f"/groups/{union.mo_cay_group}").get_data(as_text=True)
    assert "No numbers for two months or more" in page


def test_the_unit_page_is_the_subtree_of_the_unit(client, login, numbers, union):
    login("admin")
    page = client.get(f"/groups/?unit={union.mo_cay.id}").get_data(as_text=True)
    assert "Phụ nữ Mỏ Cày Bắc" in page and "Phụ nữ Ba Tri" not in page
    assert '<svg class="sparkline"' in page


def test_admins_change_thresholds_and_the_band_follows(client, login, numbers, union, post_form):
    login("admin")
    from dataclasses import asdict

    from app.groups.forms import MEASURES
    from app.groups.health import Thresholds

    data = {k: str(v) for k, v in asdict(Thresholds()).items()}
    for name in MEASURES:
        data[f"{name}_needs_help"] = "-50"
        data[f"{name}_healthy"] = "-40"
    assert post_form("/groups/settings", data).status_code == 302
    page = client.get(f"/groups/{union.ba_tri_group}").get_data(as_text=True)
    assert '<p class="now"><span class="band band-healthy">' in page
    data["growth_healthy"] = "-60"
    refused = post_form("/groups/settings", data)
    assert refused.status_code == 400
    assert "cannot be below the start of" in refused.get_data(as_text=True)


def test_the_comparison_says_it_is_no_proof(client, login, numbers):
    login("admin")
    page = client.get("/groups/compare").get_data(as_text=True)
    assert "association, not proof" in page
    assert "All groups" in page


def test_exports_neutralise_formulas(client, login, union, db):
    with db() as session:
        from app.models import FacebookGroup

        session.get(FacebookGroup, union.ba_tri_group).name = '=HYPERLINK("http://x","y")'
        session.commit()
    login("admin")
    rows = list(csv.reader(io.StringIO(client.get("/groups/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert "'=HYPERLINK(\"http://x\",\"y\")" in [r[0] for r in rows]
    sheet = load_workbook(io.BytesIO(client.get("/groups/export.xlsx").data)).worksheets[0]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in [row[0] for row in sheet.iter_rows(values_only=True)]
