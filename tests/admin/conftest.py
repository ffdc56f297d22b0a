"""A small union for the admin pages: a province, two districts with a commune each, an admin
and a coordinator of one district, and the helpers to post the member and unit forms."""
from __future__ import annotations

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.models import AuditEntry, Member, Unit, UnitLevel


@pytest.fixture
def tree(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    cho_lach = make_unit("BT-CL", name="Huyện Chợ Lách", kind="district", parent=province)
    return {"province": province, "ba_tri": ba_tri, "cho_lach": cho_lach,
            "an_thuy": make_unit("BT-BATRI-AT", name="Xã An Thủy", parent=ba_tri),
            "tan_xuan": make_unit("BT-BATRI-TX", name="Xã Tân Xuân", parent=ba_tri),
            "vinh_thanh": make_unit("BT-CL-VT", name="Xã Vĩnh Thành", parent=cho_lach)}


@pytest.fixture
def lan(make_member, tree):
    return make_member("lan", full_name="Phạm Thị Lan", unit=tree["an_thuy"],
                       committee_role="committee_member")


@pytest.fixture
def sign_in(make_member, login, tree):
    """Sign in as a new member of ``role`` in ``unit`` (a key of ``tree``)."""

    def sign(role: str, unit: str = "province", username: str | None = None) -> Member:
        member = make_member(username or f"the.{role}", role=role, unit=tree[unit])
        login(member.username)
        return member

    return sign


def member_form(member: Member) -> dict:
    return {"username": member.username, "full_name": member.full_name, "phone": member.phone or "",
            "unit_id": member.unit_id, "committee_role": member.committee_role,
            "role": member.role, "language": member.language or ""}


def post_member(client, member: Member, **changes):
    page = client.get(f"/admin/members/{member.id}")
    return client.post(f"/admin/members/{member.id}",
                       data={"csrf_token": csrf_token_from(page), **member_form(member), **changes})


def level_id(db, code: str) -> int:
    with db() as session:
        return session.scalars(select(UnitLevel.id).where(UnitLevel.code == code)).one()


def post_unit(client, unit: Unit | None, **fields):
    url = f"/admin/units/{unit.id}" if unit else "/admin/units/new"
    page = client.get(url)
    return client.post(url, data={"csrf_token": csrf_token_from(page), **fields})


def reload(db, model, pk):
    with db() as session:
        found = session.get(model, pk)
        session.expunge(found)
        return found


def audit(db, action: str | None = None) -> list[tuple[str, dict]]:
    """(action, detail) of each audit entry, oldest first."""
    import json

    with db() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return [(e.action, json.loads(e.detail or "{}")) for e in session.scalars(query)]
