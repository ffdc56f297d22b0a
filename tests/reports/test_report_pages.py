"""The report pages: numbers, drill-down, sorting, the chart, and clear messages for bad input."""
from __future__ import annotations

import pytest

from .conftest import EXPECTED
from .report_pages import page_number, page_rows


@pytest.fixture
def admin(people, login):
    login("ha")
    return people["ha"]


def rows_by_name(response) -> dict[str, list[str]]:
    return {row[0]: row for row in page_rows(response.data)}


def test_default_report_is_by_district_for_the_whole_province(client, admin):
    page = client.get("/reports/")
    assert page.status_code == 200
    assert b"Completion by district" in page.data
    rows = rows_by_name(page)
    ba_tri = rows["Huyện Ba Tri"]
    assert [page_number(cell) for cell in ba_tri[1:9]] == pytest.approx(
        [5, 7, 3, 1, 1, 14.3, 60.0, 2])
    assert "Huyện Giồng Trôm" in rows  # a district with no members still shows
    assert "Tỉnh Bến Tre (its own members)" in rows
    total = next(row for name, row in rows.items() if name.startswith("Total"))
    assert [page_number(cell) for cell in total[1:9]] == pytest.approx([8, 10, 4, 1, 2, 20.0, 73.3, 3])


def test_a_district_drills_down_to_communes_then_members_then_one_member(client, admin, units, people):
    page = client.get("/reports/")
    assert b"/reports/?unit=BT-BATRI&amp;by=commune" in page.data
    communes = client.get("/reports/?unit=BT-BATRI&by=commune")
    assert set(rows_by_name(communes)) >= {"Xã An Thủy", "Xã Tân Xuân"}
    assert b"/reports/?unit=BT-BATRI-ANTHUY&amp;by=member" in communes.data
    members = client.get("/reports/?unit=BT-BATRI-ANTHUY&by=member")
    rows = rows_by_name(members)
    assert set(rows) >= {"Phạm Thị Lan", "Lê Thị Mai"} and "Võ Thị Hoa" not in rows
    link = f"/reports/members/{people['lan'].id}".encode()
    assert link in members.data
    one = client.get(f"/reports/members/{people['lan'].id}")
    assert one.status_code == 200
    statuses = {row[0]: row[1].lstrip("✓!◐○ ") for row in page_rows(one.data)}  # words after the icon
    assert statuses == {"Basics": "Completed", "Safety first": "Overdue"}


def test_rolling_up_leads_back_to_the_province(client, admin):
    page = client.get("/reports/?unit=BT-BATRI-ANTHUY&by=member")
    assert b'href="/reports/?unit=BT&amp;by=district' in page.data
    assert b'href="/reports/?unit=BT-BATRI&amp;by=commune' in page.data


def test_sorting_by_a_column_orders_the_rows(client, admin):
    page = client.get("/reports/?sort=percent&order=desc")
    names = [row[0] for row in page_rows(page.data)][:-1]
    assert names[:2] == ["Huyện Chợ Lách", "Huyện Ba Tri"]
    assert names[-1] == "Huyện Giồng Trôm"
    assert b'aria-sort="descending"' in page.data


def test_the_chart_is_an_svg_with_one_bar_per_row(client, admin):
    page = client.get("/reports/")
    body = page.data.decode()
    assert '<svg class="bar-chart"' in body and 'role="img"' in body
    assert body.count('class="bar ') == len(EXPECTED["district"])
    assert "cdn" not in body.lower() and "<script" not in body
    assert 'style="' not in body  # the CSP forbids inline styles


@pytest.mark.parametrize("query, message", [
    ("course=no-such-course", b"Not a valid choice"),
    ("by=galaxy", b"Not a valid choice"),
    ("role=queen", b"Not a valid choice"),
    ("since=yesterday", "“yesterday” is not a date: write day/month/year, for example 31/12/2026.".encode()),
    ("since=2026-05-02&until=2026-05-01", b"The end date is before the start date."),
    ("sort=password_hash", b"Unknown column to sort by."),
    ("order=sideways", b"Unknown sort order."),
])
def test_bad_filters_get_a_clear_message_not_a_crash(client, admin, query, message):
    for url in (f"/reports/?{query}", f"/reports/export/csv?{query}"):
        page = client.get(url)
        assert page.status_code == 400, url
        assert message in page.data


def test_an_unknown_unit_or_format_is_not_found(client, admin):
    assert client.get("/reports/?unit=NOWHERE").status_code == 404
    assert client.get("/reports/export/pdf").status_code == 404
    assert client.get("/reports/members/999999").status_code == 404


def test_a_non_numeric_page_falls_back_to_the_first(client, admin):
    assert client.get("/reports/?by=member&page=abc").status_code == 200


def test_officers_cannot_open_reports(client, people, login):
    login("mai")
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/export/csv").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, people):
    response = client.get("/reports/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
