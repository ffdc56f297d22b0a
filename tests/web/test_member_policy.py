"""Who may act on whom, through the web: every actor role x every target role x inside or
outside the actor's units x every action on a member.

The expected outcomes below are written out by hand from the rules (admins act on everyone;
a coordinator sees her own units and acts only on the officers in them; trainers and
officers have no member pages at all); they are not computed from the policy's code.
"""
from __future__ import annotations

import pytest
from conftest import csrf_token_from
from sqlalchemy import func, select

from app.models import AuditEntry, Member, SignInCode

ROLES = ("officer", "trainer", "coordinator", "admin")
ACTIONS = ("view", "edit", "code", "switch_off", "switch_on", "role", "unit", "unit_outside")

# Outcomes: "ok" (done), 403 (she sees the member but may not act), 404 (the member does not
# exist for her), "form" (the form refuses the value and saves nothing).
OK, FORM = "ok", "form"
AREA_CLOSED = dict.fromkeys(ACTIONS, 403)  # officers and trainers: no member pages
EVERYTHING = dict.fromkeys(ACTIONS, OK)
SEE_ONLY = {"view": OK, **{action: 403 for action in ACTIONS if action != "view"}}
UNSEEN = dict.fromkeys(ACTIONS, 404)
HER_OFFICER = {**EVERYTHING, "role": FORM, "unit_outside": FORM}

EXPECTED = {
    ("officer", target, where): AREA_CLOSED for target in ROLES for where in ("inside", "outside")
} | {
    ("trainer", target, where): AREA_CLOSED for target in ROLES for where in ("inside", "outside")
} | {
    ("admin", target, where): EVERYTHING for target in ROLES for where in ("inside", "outside")
} | {
    ("coordinator", "officer", "inside"): HER_OFFICER,
    ("coordinator", "trainer", "inside"): SEE_ONLY,
    ("coordinator", "coordinator", "inside"): SEE_ONLY,
    ("coordinator", "admin", "inside"): SEE_ONLY,
} | {
    ("coordinator", target, "outside"): UNSEEN for target in ROLES
}

CASES = [(actor, target, where, action) for actor in ROLES for target in ROLES
         for where in ("inside", "outside") for action in ACTIONS]


@pytest.fixture
def tree(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Ba Tri", kind="district", parent=province)
    cho_lach = make_unit("BT-CL", name="Chợ Lách", kind="district", parent=province)
    return {
        "province": province, "ba_tri": ba_tri, "cho_lach": cho_lach,
        "an_thuy": make_unit("BT-BATRI-AT", name="An Thủy", parent=ba_tri),
        "tan_xuan": make_unit("BT-BATRI-TX", name="Tân Xuân", parent=ba_tri),
        "vinh_thanh": make_unit("BT-CL-VT", name="Vĩnh Thành", parent=cho_lach),
        "phu_son": make_unit("BT-CL-PS", name="Phú Sơn", parent=cho_lach),
    }


def snapshot(db) -> tuple:
    """Everything an action on a member could change, and the audit trail."""
    with db() as session:
        members = session.execute(select(
            Member.id, Member.username, Member.full_name, Member.role, Member.unit_id, Member.active,
            Member.session_version, Member.committee_role, Member.phone).order_by(Member.id)).all()
        codes = session.scalar(select(func.count()).select_from(SignInCode))
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
        return tuple(members), codes, audit


def load(db, member_id: int) -> Member:
    with db() as session:
        member = session.get(Member, member_id)
        session.expunge(member)
        return member


def token(client) -> str:
    return csrf_token_from(client.get("/", follow_redirects=True))


def form_data(client, member: Member, **changes) -> dict:
    data = {"csrf_token": token(client), "username": member.username, "full_name": member.full_name,
            "phone": "", "unit_id": member.unit_id, "committee_role": member.committee_role,
            "role": member.role, "language": "en"}
    data.update(changes)
    return data


def act(client, action: str, member: Member, tree):
    """Do ``action`` on ``member`` as the signed-in client; returns the response."""
    url = f"/admin/members/{member.id}"
    inside = member.unit_id in (tree["an_thuy"].id, tree["tan_xuan"].id)
    if action == "view":
        return client.get(url)
    if action == "edit":
        return client.post(url, data=form_data(client, member, full_name="Renamed Member"))
    if action == "code":
        return client.post(url + "/code", data={"csrf_token": token(client)})
    if action == "switch_off":  # the first press asks; the confirmation's button switches off
        first = client.post(url + "/deactivate", data={"csrf_token": token(client)})
        if first.status_code != 200:
            return first
        return client.post(url + "/deactivate", data={"csrf_token": token(client), "confirmed": "yes"})
    if action == "switch_on":
        return client.post(url + "/reactivate", data={"csrf_token": token(client)})
    if action == "role":
        return client.post(url, data=form_data(client, member, role=new_role(member)))
    if action == "unit":  # to the other commune of the same district
        return client.post(url, data=form_data(client, member, unit_id=new_unit(member, tree, inside).id))
    if action == "unit_outside":  # to the other district
        return client.post(url, data=form_data(client, member, unit_id=(
            tree["vinh_thanh"] if inside else tree["tan_xuan"]).id))
    raise AssertionError(action)


def new_role(member: Member) -> str:
    return "trainer" if member.role == "officer" else "officer"


def new_unit(member: Member, tree, inside: bool):
    if inside:
        return tree["tan_xuan"] if member.unit_id == tree["an_thuy"].id else tree["an_thuy"]
    return tree["phu_son"]


def assert_done(db, action: str, before: Member, response, tree):
    after = load(db, before.id)
    if action == "view":
        assert response.status_code == 200 and before.full_name.encode() in response.data
    elif action == "edit":
        assert response.status_code == 302 and after.full_name == "Renamed Member"
    elif action == "code":
        assert response.status_code == 200 and b"Sign-in code for" in response.data
    elif action == "switch_off":
        assert response.status_code == 302 and not after.active
    elif action == "switch_on":
        assert response.status_code == 302 and after.active
    elif action == "role":
        assert response.status_code == 302 and after.role == new_role(before)
    elif action in ("unit", "unit_outside"):
        assert response.status_code == 302 and after.unit_id != before.unit_id


@pytest.mark.parametrize("actor_role,target_role,where,action", CASES)
def test_member_policy_matrix(app, db, make_member, login, client, tree, actor_role, target_role, where, action):
    actor_unit = tree["province"] if actor_role == "admin" else tree["ba_tri"]
    make_member("actor", role=actor_role, unit=actor_unit)
    target = make_member("target", role=target_role, active=action != "switch_on",
                         unit=tree["an_thuy"] if where == "inside" else tree["vinh_thanh"])
    login("actor")
    expected = EXPECTED[(actor_role, target_role, where)][action]
    before = snapshot(db)
    response = act(client, action, target, tree)
    if expected == OK:
        assert_done(db, action, target, response, tree)
        return
    if expected == FORM:
        assert response.status_code == 200 and b'class="error"' in response.data
    else:
        assert response.status_code == expected
    assert snapshot(db) == before, "a refused action changed the database"


def test_the_expected_table_covers_every_case():
    assert len(EXPECTED) == len(ROLES) * len(ROLES) * 2
    assert all(set(outcomes) == set(ACTIONS) for outcomes in EXPECTED.values())


# Acting on herself -------------------------------------------------------------------------


def test_an_admin_cannot_switch_herself_off(db, client, make_member, login):
    me = make_member("thanh.ha", role="admin")
    make_member("other.admin", role="admin")
    login("thanh.ha")
    before = snapshot(db)
    assert client.post(f"/admin/members/{me.id}/deactivate", data={"csrf_token": token(client)}).status_code == 403
    assert client.post(f"/admin/members/{me.id}/deactivate",
                       data={"csrf_token": token(client), "confirmed": "yes"}).status_code == 403
    assert snapshot(db) == before
    assert b"Switch off this account" not in client.get(f"/admin/members/{me.id}").data


def test_the_last_admin_cannot_demote_herself(db, client, make_member, login):
    me = make_member("thanh.ha", role="admin")
    login("thanh.ha")
    before = snapshot(db)
    response = client.post(f"/admin/members/{me.id}", data=form_data(client, me, role="coordinator"))
    assert response.status_code == 200 and b"only active administrator" in response.data
    assert snapshot(db) == before


def test_an_admin_may_demote_herself_while_another_admin_remains(db, client, make_member, login):
    me = make_member("thanh.ha", role="admin")
    make_member("other.admin", role="admin")
    login("thanh.ha")
    response = client.post(f"/admin/members/{me.id}", data=form_data(client, me, role="coordinator"))
    assert response.status_code == 302
    assert load(db, me.id).role == "coordinator"


def test_a_switched_off_admin_does_not_count_as_the_other_admin(db, client, make_member, login):
    me = make_member("thanh.ha", role="admin")
    make_member("gone.admin", role="admin", active=False)
    login("thanh.ha")
    response = client.post(f"/admin/members/{me.id}", data=form_data(client, me, role="officer"))
    assert response.status_code == 200 and load(db, me.id).role == "admin"


@pytest.mark.parametrize("action", ["edit", "code", "switch_off", "role", "unit"])
def test_a_coordinator_cannot_act_on_herself(db, client, make_member, login, tree, action):
    me = make_member("phuong", role="coordinator", unit=tree["ba_tri"])
    login("phuong")
    assert client.get(f"/admin/members/{me.id}").status_code == 200
    before = snapshot(db)
    if action == "unit":  # to the province: wider than she is
        response = client.post(f"/admin/members/{me.id}", data=form_data(client, me, unit_id=tree["province"].id))
    else:
        response = act(client, action, me, tree)
    assert response.status_code == 403
    assert snapshot(db) == before


@pytest.mark.parametrize("role", ["officer", "trainer"])
def test_officers_and_trainers_have_no_member_pages_even_their_own(db, client, make_member, login, tree, role):
    me = make_member("lan", role=role, unit=tree["an_thuy"])
    login("lan")
    before = snapshot(db)
    assert client.get(f"/admin/members/{me.id}").status_code == 403
    assert client.post(f"/admin/members/{me.id}", data=form_data(client, me, role="admin")).status_code == 403
    assert snapshot(db) == before


# Creating members --------------------------------------------------------------------------


@pytest.mark.parametrize("actor_role,new_role_,expected", [
    ("coordinator", "officer", OK), ("coordinator", "trainer", FORM), ("coordinator", "coordinator", FORM),
    ("coordinator", "admin", FORM), ("admin", "officer", OK), ("admin", "trainer", OK),
    ("admin", "coordinator", OK), ("admin", "admin", OK), ("trainer", "officer", 403), ("officer", "officer", 403),
])
def test_who_may_create_which_role(db, client, make_member, login, tree, actor_role, new_role_, expected):
    make_member("actor", role=actor_role, unit=tree["ba_tri"])
    login("actor")
    before = snapshot(db)
    response = client.post("/admin/members/new", data={
        "csrf_token": token(client), "username": "new.one", "full_name": "New One", "phone": "",
        "unit_id": tree["an_thuy"].id, "committee_role": "chair", "role": new_role_, "language": ""})
    if expected == OK:
        assert response.status_code == 200 and b"Sign-in code for" in response.data
        with db() as session:
            assert session.scalars(select(Member).where(Member.username == "new.one")).one().role == new_role_
        return
    assert response.status_code == (200 if expected == FORM else expected)
    assert snapshot(db) == before


def test_a_coordinator_is_offered_only_the_officer_role(client, make_member, login, tree):
    make_member("phuong", role="coordinator", unit=tree["ba_tri"])
    login("phuong")
    page = client.get("/admin/members/new").data
    assert b'value="officer"' in page
    assert b'value="trainer"' not in page and b'value="coordinator"' not in page


def test_a_coordinator_cannot_create_a_member_outside_her_units(db, client, make_member, login, tree):
    make_member("phuong", role="coordinator", unit=tree["ba_tri"])
    login("phuong")
    before = snapshot(db)
    response = client.post("/admin/members/new", data={
        "csrf_token": token(client), "username": "new.one", "full_name": "New One", "phone": "",
        "unit_id": tree["vinh_thanh"].id, "committee_role": "chair", "role": "officer", "language": ""})
    assert response.status_code == 200 and b'class="error"' in response.data
    assert snapshot(db) == before


def test_the_member_list_shows_what_she_may_see(client, make_member, login, tree):
    make_member("phuong", role="coordinator", unit=tree["ba_tri"])
    make_member("inside.trainer", full_name="Trainer Inside", role="trainer", unit=tree["an_thuy"])
    make_member("outside.officer", full_name="Officer Outside", unit=tree["vinh_thanh"])
    login("phuong")
    page = client.get("/admin/members/").data
    assert b"Trainer Inside" in page and b"Officer Outside" not in page
