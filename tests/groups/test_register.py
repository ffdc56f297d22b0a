"""The register: addresses written one way, non-Facebook and duplicate addresses refused with a
clear message, admins chosen from the roster of the group's unit."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.groups.addresses import NotAGroupAddress, normalise_group_address
from app.groups.health import FORMULAS
from app.groups.measures import FORMULA_TEXT
from app.models import FacebookGroup, GroupRole, Member


@pytest.mark.parametrize("text, address", [
    ("facebook.com/groups/PhuNuBaTri", "https://www.facebook.com/groups/phunubatri"),
    ("https://m.facebook.com/groups/1234567890/?ref=share", "https://www.facebook.com/groups/1234567890"),
    (" http://fb.com/groups/phunu.bentre/permalink/99/ ", "https://www.facebook.com/groups/phunu.bentre"),
])
def test_addresses_are_written_one_way(text, address):
    assert normalise_group_address(text) == address


@pytest.mark.parametrize("text, reason", [
    ("https://zalo.me/g/abc", "not_facebook"), ("https://facebook.com.evil.example/groups/x", "not_facebook"),
    ("https://www.facebook.com/share/g/1AbC/", "share_link"), ("https://www.facebook.com/phunubatri", "not_group"),
    ("javascript:alert(1)", "not_facebook"),
])
def test_other_addresses_are_refused_with_a_reason(text, reason):
    with pytest.raises(NotAGroupAddress) as caught:
        normalise_group_address(text)
    assert caught.value.reason == reason


def test_the_form_and_import_know_every_number_the_register_keeps():
    from app.groups.fields import FIELDS, column_for
    from app.groups.templates_files import ENGLISH, VIETNAMESE
    from app.models.groups import NUMBER_FIELDS

    assert tuple(f.name for f in FIELDS) == NUMBER_FIELDS
    assert [column_for(h) for h in VIETNAMESE] == [column_for(h) for h in ENGLISH] == ["group", "month", *NUMBER_FIELDS]


def test_the_formulas_on_the_page_are_the_formulas_computed():
    assert {k: str(v) for k, v in FORMULA_TEXT.items()} == FORMULAS


def _form(union, **changes):
    data = {"name": "Phụ nữ An Thủy", "address": "facebook.com/groups/phunuanthuy", "privacy": "private",
            "visibility": "visible", "unit_id": str(union.ba_tri.id), "active": "y"}
    data.update(changes)
    return data


def test_coordinator_registers_a_group_with_its_admins(client, login, union, post_form, db):
    login("coord")
    with db() as session:
        lan, mai = (session.scalars(select(Member.id).where(Member.username == u)).one() for u in ("lan", "mai"))
    response = post_form("/groups/new", _form(union, admins=str(lan), moderators=str(mai)))
    assert response.status_code == 302
    with db() as session:
        group = session.scalars(select(FacebookGroup).where(FacebookGroup.name == "Phụ nữ An Thủy")).one()
        assert group.address == "https://www.facebook.com/groups/phunuanthuy"
        roles = {(r.member_id, r.role)
                 for r in session.scalars(select(GroupRole).where(GroupRole.group_id == group.id))}
        assert roles == {(lan, "admin"), (mai, "moderator")}


@pytest.mark.parametrize("address, message", [
    ("https://zalo.me/g/abc", "This is not a Facebook address"),
    ("https://www.facebook.com/groups/PHUNUBATRI/", "is already registered with this address"),
])
def test_bad_or_duplicate_address_is_refused(client, login, union, post_form, db, address, message):
    login("coord")
    response = post_form("/groups/new", _form(union, address=address))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(FacebookGroup).where(FacebookGroup.name == "Phụ nữ An Thủy")).first() is None


def test_admins_come_from_the_roster_of_the_unit(client, login, union, post_form, db):
    login("admin")
    with db() as session:
        hoa = session.scalars(select(Member.id).where(Member.username == "hoa")).one()  # Mỏ Cày Bắc
    response = post_form("/groups/new", _form(union, admins=str(hoa)))
    assert response.status_code == 400
    assert "Choose people from the roster" in response.get_data(as_text=True)


def test_a_coordinator_cannot_move_a_group_out_of_her_units(client, login, union, post_form, db):
    login("coord")
    url = f"/groups/{union.ba_tri_group}/edit"
    response = post_form(url, _form(union, unit_id=str(union.mo_cay.id), address="facebook.com/groups/phunubatri"))
    assert response.status_code == 400
    with db() as session:
        assert session.get(FacebookGroup, union.ba_tri_group).unit_id == union.ba_tri.id


def test_an_address_that_is_not_a_url_at_all_is_refused_not_an_error():
    from app.groups.addresses import NotAGroupAddress, normalise_group_address

    with pytest.raises(NotAGroupAddress):
        normalise_group_address("https://www.face]ook.com/groups/x")
    with pytest.raises(NotAGroupAddress):
        normalise_group_address("https://www.facebook.com:99999/groups/x")
