"""Coordinators see and manage only their own unit and the units below it."""
from __future__ import annotations

import pytest
from conftest import csrf_token_from


@pytest.fixture
def districts(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Ba Tri", kind="district", parent=province)
    an_thuy = make_unit("BT-BATRI-ANTHUY", name="An Thủy", parent=ba_tri)
    cho_lach = make_unit("BT-CL", name="Chợ Lách", kind="district", parent=province)
    vinh_thanh = make_unit("BT-CL-VT", name="Vĩnh Thành", parent=cho_lach)
    return {"ba_tri": ba_tri, "an_thuy": an_thuy, "cho_lach": cho_lach, "vinh_thanh": vinh_thanh}


@pytest.fixture
def coordinator(make_member, districts, login):
    member = make_member("phuong", role="coordinator", unit=districts["ba_tri"])
    login("phuong")
    return member


def test_coordinator_lists_only_her_districts_members(client, make_member, districts, coordinator):
    make_member("lan", full_name="Nguyễn Thị Lan", unit=districts["an_thuy"])
    make_member("mai", full_name="Trần Thị Mai", unit=districts["vinh_thanh"])
    page = client.get("/admin/members/")
    assert page.status_code == 200
    assert "Nguyễn Thị Lan".encode() in page.data
    assert "Trần Thị Mai".encode() not in page.data


def test_coordinator_cannot_open_or_edit_another_districts_member(client, make_member, districts, coordinator):
    other = make_member("mai", unit=districts["vinh_thanh"])
    assert client.get(f"/admin/members/{other.id}").status_code == 404
    token = csrf_token_from(client.get("/admin/members/"))
    response = client.post(f"/admin/members/{other.id}", data={
        "csrf_token": token, "username": "mai", "full_name": "Changed", "unit_id": districts["an_thuy"].id,
        "committee_role": "chair", "role": "officer", "language": "",
    })
    assert response.status_code == 404
    assert client.post(f"/admin/members/{other.id}/deactivate", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/admin/members/{other.id}/code", data={"csrf_token": token}).status_code == 404


def test_coordinator_cannot_guess_ids(client, make_member, districts, coordinator):
    mine = make_member("lan", full_name="Nguyễn Thị Lan", unit=districts["an_thuy"])
    make_member("mai", full_name="Trần Thị Mai", unit=districts["vinh_thanh"])
    seen = []
    for member_id in range(1, 30):
        response = client.get(f"/admin/members/{member_id}")
        assert response.status_code in (200, 404)
        assert "Trần Thị Mai".encode() not in response.data
        if response.status_code == 200:
            seen.append(member_id)
    assert mine.id in seen and coordinator.id in seen


def test_coordinator_cannot_move_a_member_into_another_district(client, make_member, districts, coordinator):
    lan = make_member("lan", unit=districts["an_thuy"])
    page = client.get(f"/admin/members/{lan.id}")
    response = client.post(f"/admin/members/{lan.id}", data={
        "csrf_token": csrf_token_from(page), "username": "lan", "full_name": "Lan",
        "unit_id": districts["vinh_thanh"].id, "committee_role": "chair", "role": "officer", "language": "",
    })
    assert response.status_code == 200  # the form comes back: that unit is not a choice
    assert b"Not a valid choice" in response.data


def test_coordinator_search_by_other_unit_is_refused(client, districts, coordinator):
    response = client.get("/admin/members/", query_string={"unit": districts["cho_lach"].id})
    assert response.status_code in (200, 404)
    assert b"Vinh" not in response.data


def test_coordinator_cannot_open_another_districts_unit(client, districts, coordinator):
    assert client.get(f"/admin/units/{districts['vinh_thanh'].id}").status_code == 404
    assert client.get(f"/admin/units/{districts['an_thuy'].id}").status_code == 200
    units = client.get("/admin/units/")
    assert "An Thủy".encode() in units.data and "Vĩnh Thành".encode() not in units.data


def test_officer_cannot_open_admin_pages(client, make_member, login, districts):
    make_member("lan", unit=districts["an_thuy"])
    login("lan")
    assert client.get("/admin/members/").status_code == 403


def test_coordinator_creates_a_member_and_gets_a_code(client, db, districts, coordinator):
    page = client.get("/admin/members/new")
    response = client.post("/admin/members/new", data={
        "csrf_token": csrf_token_from(page), "username": "Hoa.Le", "full_name": "Lê Thị Hoa",
        "phone": "0912 345 678", "unit_id": districts["an_thuy"].id, "committee_role": "chair",
        "role": "officer", "language": "vi",
    })
    assert response.status_code == 200
    assert b"Sign-in code for" in response.data
    from sqlalchemy import select

    from app.models import Member

    with db() as session:
        hoa = session.scalars(select(Member).where(Member.username == "hoa.le")).one()
        assert hoa.full_name == "Lê Thị Hoa" and hoa.unit_id == districts["an_thuy"].id


@pytest.mark.parametrize("field,value,message", [
    ("username", "lan", b"already taken"),
    ("username", "x", b"Use 3 to 64"),
    ("full_name", "", b"This field is required"),
    ("phone", "12ab", b"Enter a phone number"),
])
def test_member_form_errors_are_next_to_the_field(client, make_member, districts, coordinator, field, value, message):
    make_member("lan", unit=districts["an_thuy"])
    page = client.get("/admin/members/new")
    data = {"csrf_token": csrf_token_from(page), "username": "new.one", "full_name": "New One",
            "phone": "", "unit_id": districts["an_thuy"].id, "committee_role": "chair",
            "role": "officer", "language": ""}
    data[field] = value
    response = client.post("/admin/members/new", data=data)
    assert response.status_code == 200
    assert message in response.data
    assert f'id="{field}-error"'.encode() in response.data


def test_coordinator_cannot_make_an_admin(client, districts, coordinator):
    page = client.get("/admin/members/new")
    assert b'value="admin"' not in page.data
    response = client.post("/admin/members/new", data={
        "csrf_token": csrf_token_from(page), "username": "sneaky", "full_name": "Sneaky",
        "unit_id": districts["an_thuy"].id, "committee_role": "chair", "role": "admin", "language": "",
    })
    assert response.status_code == 200 and b"Not a valid choice" in response.data


def test_switched_off_unit_is_no_longer_offered_for_new_members(client, districts, coordinator):
    page = client.get(f"/admin/units/{districts['an_thuy'].id}")
    response = client.post(f"/admin/units/{districts['an_thuy'].id}/active",
                           data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    new_member = client.get("/admin/members/new")
    assert f'value="{districts["an_thuy"].id}"'.encode() not in new_member.data
    assert b"switched off" in client.get("/admin/units/").data
    other = client.post(f"/admin/units/{districts['vinh_thanh'].id}/active",
                        data={"csrf_token": csrf_token_from(page)})
    assert other.status_code == 404


def test_member_list_pages_keep_the_search(client, db, districts, coordinator):
    from app.models import Member

    with db() as session:
        session.add_all(Member(username=f"m{i:03d}", full_name=f"Lê Thị {i:03d}", unit_id=districts["an_thuy"].id)
                        for i in range(60))
        session.commit()
    first = client.get("/admin/members/", query_string={"q": "lê thị"})
    html = first.data.decode()
    assert "Page 1 of 2" in html and "Lê Thị 000" in html
    assert "page=2" in html and "q=l%C3%AA+th%E1%BB%8B" in html
    second = client.get("/admin/members/", query_string={"q": "lê thị", "page": 2}).data.decode()
    assert "Lê Thị 059" in second and "Lê Thị 000" not in second
