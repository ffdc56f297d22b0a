"""A coordinator sees her own unit and below, whatever she writes into the URL."""
from __future__ import annotations

import pytest

from .report_pages import csv_rows, page_rows, xlsx_rows

OTHER_DISTRICT = ["Chợ Lách", "Vĩnh Thành", "Ngô Thị Yến", "Bùi Thị Nga", "Giồng Trôm",
                  "Nguyễn Thị Thanh Hà"]


@pytest.fixture
def coordinator(people, login):
    """phuong coordinates Ba Tri."""
    login("phuong")
    return people["phuong"]


def shows_nothing_outside(data: bytes) -> None:
    text = data.decode("utf-8-sig", errors="replace")
    for name in OTHER_DISTRICT:
        assert name not in text, name


def test_her_report_starts_at_her_district_and_goes_down_to_communes(client, coordinator):
    page = client.get("/reports/")
    assert page.status_code == 200
    names = [row[0] for row in page_rows(page.data)]
    assert names[:-1] == ["Huyện Ba Tri (its own members)", "Xã An Thủy", "Xã Tân Xuân"]
    shows_nothing_outside(page.data)


@pytest.mark.parametrize("code", ["BT", "BT-CL", "BT-CL-VT", "BT-GT", "bt-cl", " BT-CL "])
def test_another_unit_code_in_the_url_is_not_found_on_every_route(client, coordinator, code):
    for url in ("/reports/", "/reports/export/csv", "/reports/export/xlsx"):
        for level in ("district", "commune", "member"):
            response = client.get(url, query_string={"unit": code, "by": level})
            assert response.status_code == 404, (url, code, level)
            shows_nothing_outside(response.data)


def test_levels_above_her_district_are_refused(client, coordinator):
    for level in ("province", "district"):
        response = client.get("/reports/", query_string={"by": level, "unit": "BT-BATRI"})
        if level == "district":  # her own district as one row is allowed
            assert response.status_code == 200
            assert [row[0] for row in page_rows(response.data)][0] == "Huyện Ba Tri"
        else:
            assert response.status_code == 400
        shows_nothing_outside(response.data)


def test_her_member_list_and_exports_hold_only_her_district(client, coordinator):
    page = client.get("/reports/?by=member")
    shows_nothing_outside(page.data)
    assert {row[0] for row in page_rows(page.data)} >= {"Phạm Thị Lan", "Huỳnh Thị Thu"}
    for fmt in ("csv", "xlsx"):
        for level in ("commune", "member"):
            response = client.get(f"/reports/export/{fmt}?by={level}")
            assert response.status_code == 200
            rows = csv_rows(response.data) if fmt == "csv" else xlsx_rows(response.data)
            text = repr(rows)
            for name in OTHER_DISTRICT:
                assert name not in text
            assert rows[-1]["Members"] in ("5", 5)  # the total: her district's five members


def test_members_of_other_districts_cannot_be_opened_or_exported_by_id(client, coordinator, people):
    for username in ("yen", "nga", "ha"):
        member_id = people[username].id
        for url in (f"/reports/members/{member_id}", f"/reports/members/{member_id}/export/csv",
                    f"/reports/members/{member_id}/export/xlsx"):
            response = client.get(url)
            assert response.status_code == 404, url
            shows_nothing_outside(response.data)
    assert client.get(f"/reports/members/{people['lan'].id}").status_code == 200


def test_guessing_member_ids_reveals_no_one_outside(client, coordinator, people):
    seen = []
    for member_id in range(1, 40):
        response = client.get(f"/reports/members/{member_id}")
        assert response.status_code in (200, 404)
        shows_nothing_outside(response.data)
        if response.status_code == 200:
            seen.append(member_id)
    mine = {people[name].id for name in ("phuong", "lan", "mai", "hoa", "thu", "cuc")}
    assert set(seen) == mine


def test_filters_cannot_widen_her_scope(client, coordinator):
    """Whatever else is in the query string, the numbers stay inside Ba Tri."""
    tampered = {"unit": "BT-BATRI", "by": "commune", "unit_id": "1", "root": "BT",
                "scope": "all", "role": "chair", "course": "basics"}
    response = client.get("/reports/export/csv", query_string=tampered)
    assert response.status_code == 200
    shows_nothing_outside(response.data)
    repeated = client.get("/reports/?unit=BT-BATRI&unit=BT-CL")
    assert repeated.status_code in (200, 404)
    shows_nothing_outside(repeated.data)


def test_a_coordinator_of_a_commune_sees_only_that_commune(client, people, units, make_member, login):
    make_member("vien", role="coordinator", unit=units["BT-BATRI-TANXUAN"])
    login("vien")
    page = client.get("/reports/")
    assert page.status_code == 200
    names = {row[0] for row in page_rows(page.data)}
    assert "Phạm Thị Lan" not in names  # An Thủy is her neighbour, not hers
    assert {"Huỳnh Thị Thu", "Đặng Thị Cúc"} <= names
    assert client.get("/reports/?unit=BT-BATRI-ANTHUY").status_code == 404
    assert client.get(f"/reports/members/{people['lan'].id}").status_code == 404
