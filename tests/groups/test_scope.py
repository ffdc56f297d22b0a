"""Who sees and changes which group, through every route: a coordinator inside or outside her
units, an officer who runs the group or does not, a trainer, an admin."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import csrf_token_from

from app.models import FacebookGroup, MonthlyNumbers

PEOPLE = ("admin", "coord", "coord.mcb", "coord.anthuy", "lan", "mai", "trainer")
#: The Ba Tri group sits at the district of Ba Tri; "coord.anthuy" coordinates a commune
#: below it (so not the district's groups); "lan" is the group's admin.
GROUP_PAGE = dict(zip(PEOPLE, (200, 200, 404, 404, 200, 404, 404), strict=True))
GROUP_EDIT = dict(zip(PEOPLE, (200, 200, 404, 404, 403, 404, 404), strict=True))
GROUP_NUMBERS = dict(zip(PEOPLE, (200, 200, 404, 404, 200, 404, 404), strict=True))
STAFF_PAGE = dict(zip(PEOPLE, (200, 200, 200, 200, 403, 403, 403), strict=True))
ADMIN_PAGE = dict(zip(PEOPLE, (200, 403, 403, 403, 403, 403, 403), strict=True))


@pytest.fixture
def as_person(app, union, login):
    def sign_in(username: str):
        client = app.test_client()
        login(username, client_=client)
        return client

    return sign_in


@pytest.mark.parametrize("person", PEOPLE)
def test_every_group_route_follows_the_scope(as_person, union, add_month, person):
    add_month(union.ba_tri_group, date(2025, 10, 1), status="entered", members=700)
    client = as_person(person)
    group = union.ba_tri_group
    expected = {
        f"/groups/{group}": GROUP_PAGE, f"/groups/{group}/edit": GROUP_EDIT,
        f"/groups/{group}/numbers/new": GROUP_NUMBERS, f"/groups/{group}/numbers/2025-10/edit": GROUP_NUMBERS,
        "/groups/new": STAFF_PAGE, "/groups/import": STAFF_PAGE, "/groups/export.csv": STAFF_PAGE,
        "/groups/export.xlsx": STAFF_PAGE, "/groups/training": STAFF_PAGE, "/groups/compare": STAFF_PAGE,
        "/groups/import/template.vi.xlsx": STAFF_PAGE, "/groups/import/template.en.csv": STAFF_PAGE,
        "/groups/settings": ADMIN_PAGE,
    }
    got = {url: client.get(url).status_code for url in expected}
    assert got == {url: codes[person] for url, codes in expected.items()}


@pytest.mark.parametrize("person, sees", [
    ("admin", {"Phụ nữ Ba Tri", "Phụ nữ Mỏ Cày Bắc"}), ("coord", {"Phụ nữ Ba Tri"}),
    ("coord.mcb", {"Phụ nữ Mỏ Cày Bắc"}), ("coord.anthuy", set()), ("lan", {"Phụ nữ Ba Tri"}),
    ("mai", set()), ("trainer", set()),
])
def test_the_list_and_the_export_hold_only_her_groups(as_person, union, person, sees):
    client = as_person(person)
    page = client.get("/groups/").get_data(as_text=True)
    assert {name for name in ("Phụ nữ Ba Tri", "Phụ nữ Mỏ Cày Bắc") if name in page} == sees
    if person in ("admin", "coord", "coord.mcb", "coord.anthuy"):
        csv = client.get("/groups/export.csv").get_data(as_text=True)
        assert {name for name in ("Phụ nữ Ba Tri", "Phụ nữ Mỏ Cày Bắc") if name in csv} == sees


def test_coordinator_cannot_list_another_districts_unit(as_person, union):
    client = as_person("coord")
    assert client.get(f"/groups/?unit={union.mo_cay.id}").status_code == 404
    assert client.get(f"/groups/export.csv?unit={union.mo_cay.id}").status_code == 404
    assert client.get(f"/groups/training?unit={union.mo_cay.id}").status_code == 404
    assert client.get(f"/groups/?unit={union.an_thuy.id}").status_code == 200


def test_coordinator_outside_cannot_change_or_review_the_group(as_person, union, add_month, db):
    add_month(union.ba_tri_group, date(2025, 10, 1), status="entered", members=700)
    client = as_person("coord.mcb")
    token = csrf_token_from(client.get("/groups/new"))
    group = union.ba_tri_group
    assert client.post(f"/groups/{group}/edit", data={"csrf_token": token, "name": "Taken"}).status_code == 404
    assert client.post(f"/groups/{group}/numbers/2025-10/review",
                       data={"csrf_token": token, "confirm": "1"}).status_code == 404
    assert client.post(f"/groups/{group}/numbers/new",
                       data={"csrf_token": token, "month": "2025-11", "members": "1"}).status_code == 404
    with db() as session:
        assert session.get(FacebookGroup, group).name == "Phụ nữ Ba Tri"
        assert session.query(MonthlyNumbers).one().status == "entered"


def test_group_admin_enters_but_cannot_review_or_edit(as_person, union, add_month):
    add_month(union.ba_tri_group, date(2025, 10, 1), status="entered", members=700)
    client = as_person("lan")
    token = csrf_token_from(client.get(f"/groups/{union.ba_tri_group}/numbers/new"))
    assert client.post(f"/groups/{union.ba_tri_group}/numbers/2025-10/review",
                       data={"csrf_token": token, "confirm": "1"}).status_code == 403
    assert client.post(f"/groups/{union.ba_tri_group}/edit", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/groups/{union.mo_cay_group}/numbers/new").status_code == 404


def test_import_refuses_a_group_outside_her_units(as_person, union):
    client = as_person("coord")
    token = csrf_token_from(client.get("/groups/import"))
    data = "group address,month,members\nhttps://www.facebook.com/groups/phunumocaybac,2025-10,500\n"
    import io
    page = client.post("/groups/import", data={"csrf_token": token,
                                               "file": (io.BytesIO(data.encode()), "n.csv")},
                       content_type="multipart/form-data")
    assert page.status_code == 400
    assert "No group of yours has this address" in page.get_data(as_text=True)
