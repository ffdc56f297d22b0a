"""The admin's unit page: levels from data, a rename recorded in the unit's history."""
from __future__ import annotations

from sqlalchemy import select

from app.models import UnitChange, UnitLevel
from tests.conftest import csrf_token_from


def test_a_rename_on_the_page_is_recorded_and_shown_in_the_history(app, client, db, login, make_member, units):
    make_member("boss", role="admin", unit=units["BT"])
    login("boss")
    vt = units["BT-CL-VT"]
    page = client.get(f"/admin/units/{vt.id}")
    assert page.status_code == 200 and b"Commune or ward" in page.data
    with db() as session:
        commune = session.scalars(select(UnitLevel).where(UnitLevel.code == "commune")).one()
    response = client.post(f"/admin/units/{vt.id}", data={
        "csrf_token": csrf_token_from(page), "code": "BT-CL-VT", "name": "Xã Vĩnh Thành mới",
        "level_id": commune.id, "parent_id": units["BT-CL"].id})
    assert response.status_code == 302
    with db() as session:
        assert session.scalars(select(UnitChange.action)).all() == ["rename"]
    history = client.get(f"/admin/units/{vt.id}").get_data(as_text=True)
    assert "Renamed from Xã Vĩnh Thành to Xã Vĩnh Thành mới." in history and "Boss (boss)" in history


def test_a_unit_cannot_be_given_a_level_above_its_parent_on_the_page(app, client, db, login, make_member, units):
    make_member("boss", role="admin", unit=units["BT"])
    login("boss")
    page = client.get("/admin/units/new")
    with db() as session:
        province = session.scalars(select(UnitLevel).where(UnitLevel.code == "province")).one()
    response = client.post("/admin/units/new", data={
        "csrf_token": csrf_token_from(page), "code": "BT-X", "name": "Somewhere",
        "level_id": province.id, "parent_id": units["BT-CL"].id})
    assert response.status_code == 200
    assert "level must be below the level of the unit it belongs to" in response.get_data(as_text=True)


def test_a_merge_on_the_page_shows_what_will_move_before_it_happens(app, client, db, login, make_member, units, people):
    from app.models import Member, Unit

    make_member("boss", role="admin", unit=units["BT"])
    login("boss")
    anthuy, tanxuan = units["BT-BATRI-ANTHUY"], units["BT-BATRI-TANXUAN"]
    page = client.get(f"/admin/units/{tanxuan.id}/merge")
    assert page.status_code == 200
    data = {"csrf_token": csrf_token_from(page), "former": [anthuy.id], "on": "2025-07-01"}
    preview = client.post(f"/admin/units/{tanxuan.id}/merge", data={**data, "preview": "1"})
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "3 members" in body and "1 completion" in body
    with db() as session:
        assert session.scalars(select(Member.unit_id).where(Member.username == "lan")).one() == anthuy.id
    done = client.post(f"/admin/units/{tanxuan.id}/merge", data={**data, "confirm": "1"})
    assert done.status_code == 302
    with db() as session:
        assert session.scalars(select(Member.unit_id).where(Member.username == "lan")).one() == tanxuan.id
        assert session.get(Unit, anthuy.id).active is False
    history = client.get(f"/admin/units/{tanxuan.id}").get_data(as_text=True)
    assert "Took in Xã An Thủy (BT-BATRI-ANTHUY): 3 members" in history and "Boss (boss)" in history


def test_a_coordinator_cannot_merge_and_an_admin_adds_a_level(app, client, db, login, make_member, units):
    make_member("coord", role="coordinator", unit=units["BT-BATRI"])
    login("coord")
    assert client.get(f"/admin/units/{units['BT-BATRI-ANTHUY'].id}/merge").status_code == 403
    other = app.test_client()
    make_member("boss", role="admin", unit=units["BT"])
    login("boss", client_=other)
    page = other.get("/admin/units/levels/")
    assert page.status_code == 200
    response = other.post("/admin/units/levels/", data={
        "csrf_token": csrf_token_from(page), "code": "hamlet", "rank": 45, "name_en": "Hamlet",
        "name_vi": "Ấp", "name_th": "หมู่บ้าน"})
    assert response.status_code == 302
    clash = other.post("/admin/units/levels/", data={
        "csrf_token": csrf_token_from(page), "code": "hamlet", "rank": 45, "name_en": "Again",
        "name_vi": "Ấp", "name_th": "หมู่บ้าน"})
    assert "Another level already has this code." in clash.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(UnitLevel.name_vi).where(UnitLevel.code == "hamlet")).one() == "Ấp"
