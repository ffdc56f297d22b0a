"""Adding and editing units on `/admin/units/`: what is saved, the messages for bad input, a
rename or a move recorded in the unit's history and the audit trail, switching a unit off
and on, and who may touch which unit."""
from __future__ import annotations

import html

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Unit, UnitChange

from .conftest import audit, level_id, post_unit, reload


def unit_fields(db, unit: Unit, **changes) -> dict:
    fields = {"code": unit.code, "name": unit.name, "level_id": unit.level_id,
              "parent_id": unit.parent_id or 0}
    return {**fields, **changes}


def history(db, unit: Unit) -> list[str]:
    with db() as session:
        return list(session.scalars(select(UnitChange.action).where(UnitChange.unit_id == unit.id)
                                    .order_by(UnitChange.id)))


def test_an_admin_adds_a_branch_under_a_commune(client, db, sign_in, tree):
    sign_in("admin")
    response = post_unit(client, None, code=" bt-batri-at-01 ", name="  Chi hội Ấp 1 ",
                         level_id=_branch(db),
                         parent_id=tree["an_thuy"].id)
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/units/")
    with db() as session:
        branch = session.scalars(select(Unit).where(Unit.code == "BT-BATRI-AT-01")).one()
        assert (branch.name, branch.parent_id, branch.level.code) == (
            "Chi hội Ấp 1", tree["an_thuy"].id, "branch")
        assert branch.path.startswith(session.get(Unit, tree["an_thuy"].id).path)
    listing = client.get("/admin/units/").get_data(as_text=True)
    assert "Chi hội Ấp 1 has been saved." in listing and "BT-BATRI-AT-01" in listing


def _branch(db) -> int:
    from app.units.levels import level_for

    with db() as session:
        level = level_for(session, "branch")
        session.commit()
        return level.id


def test_a_rename_is_recorded_in_the_history_and_the_audit_trail(client, db, sign_in, tree):
    sign_in("admin")
    unit = tree["vinh_thanh"]
    response = post_unit(client, unit, **unit_fields(db, unit, name="Xã Vĩnh Thành mới"))
    assert response.status_code == 302
    assert reload(db, Unit, unit.id).name == "Xã Vĩnh Thành mới"
    assert history(db, unit) == ["rename"]
    assert audit(db, "unit.rename") == [("unit.rename", {
        "code": "BT-CL-VT", "from": "Xã Vĩnh Thành", "to": "Xã Vĩnh Thành mới"})]


def test_the_same_name_typed_with_extra_spaces_is_no_rename(client, db, sign_in, tree):
    sign_in("admin")
    unit = tree["vinh_thanh"]
    response = post_unit(client, unit, **unit_fields(db, unit, name=" Xã  Vĩnh   Thành "))
    assert response.status_code == 302
    assert reload(db, Unit, unit.id).name == "Xã Vĩnh Thành"
    assert history(db, unit) == [] and audit(db, "unit.rename") == []


def test_a_move_is_recorded_in_the_history_and_the_audit_trail(client, db, sign_in, tree):
    sign_in("admin")
    unit = tree["vinh_thanh"]
    response = post_unit(client, unit, **unit_fields(db, unit, parent_id=tree["ba_tri"].id))
    assert response.status_code == 302
    with db() as session:
        moved, ba_tri = session.get(Unit, unit.id), session.get(Unit, tree["ba_tri"].id)
        assert moved.parent_id == ba_tri.id and moved.path.startswith(ba_tri.path)
    assert history(db, unit) == ["move"]
    (entry,) = audit(db, "unit.move")
    assert (entry[1]["from"]["code"], entry[1]["to"]["code"]) == ("BT-CL", "BT-BATRI")
    page = client.get(f"/admin/units/{unit.id}").get_data(as_text=True)
    assert "Moved from Huyện Chợ Lách to Huyện Ba Tri." in page


@pytest.mark.parametrize("field, value, message", [
    ("code", "", "This field is required."),
    ("code", "X", "Use 2 to 40 capital letters, digits or dashes, e.g. BT-BATRI."),
    ("code", "BT CL", "Use 2 to 40 capital letters"),
    ("code", "bt-batri-at", "This code is already used by Xã An Thủy."),
    ("name", "  ", "This field is required."),
    ("name", "N" * 121, "Field cannot be longer than 120 characters."),
    ("parent_id", "999999", "Not a valid choice."),
    ("level_id", "999999", "Not a valid choice."),
])
def test_bad_input_for_a_new_unit_is_explained_beside_the_field(client, db, sign_in, tree, field,
                                                               value, message):
    sign_in("admin")
    fields = {"code": "BT-CL-NEW", "name": "Xã Mới", "level_id": level_id(db, "commune"),
              "parent_id": tree["cho_lach"].id, field: value}
    response = post_unit(client, None, **fields)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body and f'id="{field}-error"' in body
    with db() as session:
        assert session.scalars(select(Unit).where(Unit.code == "BT-CL-NEW")).first() is None


def test_a_unit_cannot_be_given_a_level_at_or_below_the_units_under_it(client, db, sign_in, tree):
    sign_in("admin")
    unit = tree["cho_lach"]  # a district with a commune under it
    response = post_unit(client, unit, **unit_fields(db, unit, level_id=level_id(db, "commune")))
    assert response.status_code == 200
    assert "A unit's level must be above the level of the units under it." in \
        html.unescape(response.get_data(as_text=True))
    assert reload(db, Unit, unit.id).level_id == level_id(db, "district")


def test_a_unit_cannot_move_below_itself(client, db, sign_in, tree):
    sign_in("admin")
    unit = tree["cho_lach"]
    page = client.get(f"/admin/units/{unit.id}").get_data(as_text=True)
    assert f'value="{tree["vinh_thanh"].id}"' not in page  # not even offered
    response = post_unit(client, unit, **unit_fields(db, unit, parent_id=tree["vinh_thanh"].id))
    assert response.status_code == 200 and "Not a valid choice." in response.get_data(as_text=True)
    assert reload(db, Unit, unit.id).parent_id == tree["province"].id


def test_an_existing_unit_keeps_its_code(client, db, sign_in, tree):
    """Roster files, reports and merged units' aliases name a unit by its code."""
    sign_in("admin")
    unit = tree["vinh_thanh"]
    response = post_unit(client, unit, **unit_fields(db, unit, code="BT-CL-VT2"))
    assert response.status_code == 200
    body = html.unescape(response.get_data(as_text=True))
    assert "A unit's code never changes: roster files and reports name the unit by it." in body
    assert 'id="code-error"' in body
    assert reload(db, Unit, unit.id).code == "BT-CL-VT"
    ok = post_unit(client, unit, **unit_fields(db, unit, code=" bt-cl-vt ", name="Xã Vĩnh Thành 2"))
    assert ok.status_code == 302 and reload(db, Unit, unit.id).name == "Xã Vĩnh Thành 2"


def test_switching_a_unit_off_and_on(client, db, sign_in, tree):
    sign_in("admin")
    unit = tree["vinh_thanh"]
    page = client.get(f"/admin/units/{unit.id}")
    off = client.post(f"/admin/units/{unit.id}/active", data={"csrf_token": csrf_token_from(page)},
                      follow_redirects=True)
    assert "Xã Vĩnh Thành is switched off." in off.get_data(as_text=True)
    assert reload(db, Unit, unit.id).active is False
    on = client.post(f"/admin/units/{unit.id}/active", data={"csrf_token": csrf_token_from(page)},
                     follow_redirects=True)
    assert "Xã Vĩnh Thành is switched on again." in on.get_data(as_text=True)
    assert reload(db, Unit, unit.id).active is True
    forged = client.post(f"/admin/units/{unit.id}/active", data={})
    assert forged.status_code == 400 and reload(db, Unit, unit.id).active is True


def test_a_coordinator_edits_the_units_below_hers_only(client, db, sign_in, tree):
    sign_in("coordinator", "ba_tri")
    mine = tree["an_thuy"]
    response = post_unit(client, mine, **unit_fields(db, mine, name="Xã An Thủy mới"))
    assert response.status_code == 302 and reload(db, Unit, mine.id).name == "Xã An Thủy mới"
    assert client.get(f"/admin/units/{tree['ba_tri'].id}").status_code == 404  # her own unit
    assert client.get(f"/admin/units/{tree['vinh_thanh'].id}").status_code == 404
    token = csrf_token_from(client.get("/admin/units/new"))
    other = tree["vinh_thanh"]
    forged = client.post(f"/admin/units/{other.id}",
                         data={"csrf_token": token, **unit_fields(db, other, name="Taken over")})
    assert forged.status_code == 404 and reload(db, Unit, other.id).name == "Xã Vĩnh Thành"
    assert client.post(f"/admin/units/{other.id}/active",
                       data={"csrf_token": token}).status_code == 404
    assert reload(db, Unit, other.id).active is True


def test_a_coordinator_cannot_put_a_unit_outside_her_district(client, db, sign_in, tree):
    sign_in("coordinator", "ba_tri")
    mine = tree["an_thuy"]
    for parent in (tree["cho_lach"].id, 0):
        response = post_unit(client, mine, **unit_fields(db, mine, parent_id=parent))
        assert response.status_code == 200
        assert "Not a valid choice." in response.get_data(as_text=True)
    assert reload(db, Unit, mine.id).parent_id == tree["ba_tri"].id
    new = post_unit(client, None, code="BT-CL-X", name="Xã X", level_id=level_id(db, "commune"),
                    parent_id=tree["cho_lach"].id)
    assert new.status_code == 200 and "Not a valid choice." in new.get_data(as_text=True)


@pytest.mark.parametrize("role", ["officer", "trainer"])
def test_officers_and_trainers_have_no_unit_pages(client, sign_in, tree, role):
    sign_in(role, "an_thuy")
    for url in ("/admin/units/", "/admin/units/new", f"/admin/units/{tree['an_thuy'].id}"):
        assert client.get(url).status_code == 403
