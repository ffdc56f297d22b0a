"""Editing a member on `/admin/members/<id>`: every field saved as the form shows it, a clear
message beside each bad field with nothing saved, who may edit whom, and the audit trail."""
from __future__ import annotations

import pytest
from conftest import csrf_token_from

from app.models import Member

from .conftest import audit, member_form, post_member, reload


def test_an_admin_edits_every_field(client, db, sign_in, lan, tree):
    sign_in("admin")
    response = post_member(client, lan, username="  Lan.Pham ", full_name="  Phạm Thị Lan Anh ",
                           phone=" 0912 345 678 ", unit_id=tree["tan_xuan"].id,
                           committee_role="vice_chair", role="trainer", language="vi")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/admin/members/{lan.id}")
    saved = reload(db, Member, lan.id)
    assert (saved.username, saved.full_name, saved.phone) == (
        "lan.pham", "Phạm Thị Lan Anh", "0912 345 678")
    assert (saved.unit_id, saved.committee_role, saved.role, saved.language) == (
        tree["tan_xuan"].id, "vice_chair", "trainer", "vi")
    page = client.get(f"/admin/members/{lan.id}").get_data(as_text=True)
    assert "The changes have been saved." in page and 'value="lan.pham"' in page


def test_clearing_the_phone_and_the_language_stores_none(client, db, make_member, sign_in, tree):
    mai = make_member("mai", unit=tree["an_thuy"], language="vi")
    with db() as session:
        session.get(Member, mai.id).phone = "0912345678"
        session.commit()
    sign_in("admin")
    response = post_member(client, reload(db, Member, mai.id), phone="  ", language="")
    assert response.status_code == 302
    saved = reload(db, Member, mai.id)
    assert (saved.phone, saved.language) == (None, None)


def test_role_and_unit_changes_leave_audit_entries_with_old_and_new(client, db, sign_in, lan, tree):
    sign_in("admin")
    post_member(client, lan, role="coordinator", unit_id=tree["vinh_thanh"].id)
    assert audit(db, "member.role") == [("member.role", {"old": "officer", "new": "coordinator"})]
    assert audit(db, "member.unit") == [("member.unit", {"old": "BT-BATRI-AT", "new": "BT-CL-VT"})]


def test_opening_her_page_is_recorded_and_a_saved_name_is_no_role_change(client, db, sign_in, lan):
    sign_in("admin")
    post_member(client, lan, full_name="Phạm Thị Lan Anh")
    actions = [action for action, _ in audit(db)]
    assert actions == ["member.view"]  # the GET before the edit; the name itself is no event
    client.get(f"/admin/members/{lan.id}")
    assert [action for action, _ in audit(db)] == ["member.view", "member.view"]


@pytest.mark.parametrize("field, value, message", [
    ("username", "", "This field is required."),
    ("username", "ab", "Use 3 to 64 lowercase letters, digits, dots, dashes or underscores."),
    ("username", "lan pham", "Use 3 to 64 lowercase letters"),
    ("username", "mai", "This username is already taken. Choose another one."),
    ("username", "MAI", "This username is already taken."),
    ("full_name", "   ", "This field is required."),
    ("full_name", "L" * 121, "Field cannot be longer than 120 characters."),
    ("phone", "0912", "Enter a phone number of 9 to 12 digits, e.g. 0912 345 678."),
    ("phone", "0912-345-678-9999", "Enter a phone number of 9 to 12 digits"),
    ("phone", "+84 912 34x 678", "Enter a phone number of 9 to 12 digits"),
    ("committee_role", "queen", "Not a valid choice."),
    ("language", "fr", "Not a valid choice."),
    ("unit_id", "999999", "Not a valid choice."),
    ("role", "superuser", "Not a valid choice."),
])
def test_a_bad_field_is_explained_beside_it_and_nothing_is_saved(client, db, make_member, sign_in,
                                                                 lan, field, value, message):
    make_member("mai")
    sign_in("admin")
    response = post_member(client, lan, **{"full_name": "Changed Name", field: value})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body and f'id="{field}-error"' in body
    saved = reload(db, Member, lan.id)
    assert (saved.username, saved.full_name) == ("lan", "Phạm Thị Lan")


def test_keeping_her_own_username_is_no_clash(client, db, sign_in, lan):
    sign_in("admin")
    assert post_member(client, lan, username="LAN", full_name="Lan").status_code == 302
    assert reload(db, Member, lan.id).full_name == "Lan"


def test_an_edit_without_the_csrf_token_is_refused(client, db, sign_in, lan):
    sign_in("admin")
    response = client.post(f"/admin/members/{lan.id}",
                           data={**member_form(lan), "full_name": "Forged"})
    assert response.status_code == 400
    assert "The form may have expired. Go back, reload the page and try again." in \
        response.get_data(as_text=True)
    assert reload(db, Member, lan.id).full_name == "Phạm Thị Lan"


def test_a_coordinator_edits_an_officer_of_her_district(client, db, sign_in, lan, tree):
    sign_in("coordinator", "ba_tri")
    response = post_member(client, lan, full_name="Phạm Thị Lan Anh", unit_id=tree["tan_xuan"].id,
                           committee_role="chair")
    assert response.status_code == 302
    saved = reload(db, Member, lan.id)
    assert (saved.full_name, saved.unit_id, saved.committee_role) == (
        "Phạm Thị Lan Anh", tree["tan_xuan"].id, "chair")
    assert audit(db, "member.unit") == [
        ("member.unit", {"old": "BT-BATRI-AT", "new": "BT-BATRI-TX"})]


def test_a_coordinator_cannot_move_an_officer_out_of_her_district_or_promote_her(
        client, db, sign_in, lan, tree):
    sign_in("coordinator", "ba_tri")
    away = post_member(client, lan, unit_id=tree["vinh_thanh"].id)
    assert away.status_code == 200 and "Not a valid choice." in away.get_data(as_text=True)
    up = post_member(client, lan, role="trainer")
    assert up.status_code == 200 and "Not a valid choice." in up.get_data(as_text=True)
    saved = reload(db, Member, lan.id)
    assert (saved.unit_id, saved.role) == (tree["an_thuy"].id, "officer")
    assert audit(db, "member.unit") == audit(db, "member.role") == []


@pytest.mark.parametrize("role, unit, status", [
    ("officer", "an_thuy", 403),
    ("trainer", "province", 403),
    ("coordinator", "cho_lach", 404),  # another district: as if she did not exist
])
def test_who_may_not_edit_her_gets_no_form_and_changes_nothing(client, db, make_member, login, lan,
                                                              tree, role, unit, status):
    make_member("other", role=role, unit=tree[unit])
    login("other")
    page = client.get("/admin/members/")
    token = csrf_token_from(page) if page.status_code == 200 else csrf_token_from(client.get("/me"))
    response = client.post(f"/admin/members/{lan.id}",
                           data={"csrf_token": token, **member_form(lan), "full_name": "Changed"})
    assert response.status_code == status
    assert client.get(f"/admin/members/{lan.id}").status_code == status
    assert reload(db, Member, lan.id).full_name == "Phạm Thị Lan"
    assert audit(db) == []


def test_a_coordinator_sees_but_cannot_edit_a_trainer_of_her_district(client, db, make_member,
                                                                      sign_in, tree):
    trainer = make_member("thu", role="trainer", unit=tree["an_thuy"])
    sign_in("coordinator", "ba_tri")
    page = client.get(f"/admin/members/{trainer.id}")
    assert page.status_code == 200 and 'name="full_name"' not in page.get_data(as_text=True)
    response = client.post(f"/admin/members/{trainer.id}", data={
        "csrf_token": csrf_token_from(client.get("/admin/members/")), **member_form(trainer),
        "full_name": "Changed"})
    assert response.status_code == 403
    assert reload(db, Member, trainer.id).full_name == "Thu"


def test_signed_out_visitors_are_sent_to_sign_in(client, db, lan):
    token = csrf_token_from(client.get("/login"))
    for response in (client.get(f"/admin/members/{lan.id}"),
                     client.post(f"/admin/members/{lan.id}",
                                 data={"csrf_token": token, **member_form(lan), "full_name": "X"})):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert reload(db, Member, lan.id).full_name == "Phạm Thị Lan"
