"""A small union with two districts, one group in each, and the people the groups tests need."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from conftest import csrf_token_from

from app.models import FacebookGroup, GroupRole, Member, MonthlyNumbers, Unit


@dataclass
class Union:
    province: Unit
    ba_tri: Unit
    an_thuy: Unit
    mo_cay: Unit
    ba_tri_group: int
    mo_cay_group: int


@pytest.fixture
def union(db, province, make_unit, make_member) -> Union:
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    an_thuy = make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", kind="commune", parent=ba_tri)
    mo_cay = make_unit("BT-MCB", name="Huyện Mỏ Cày Bắc", kind="district", parent=province)
    make_member("admin", role="admin")
    make_member("coord", role="coordinator", unit=ba_tri)
    make_member("coord.mcb", role="coordinator", unit=mo_cay)
    make_member("coord.anthuy", role="coordinator", unit=an_thuy)
    runner = make_member("lan", unit=an_thuy, full_name="Phạm Thị Lan")
    make_member("mai", unit=an_thuy, full_name="Lê Thị Mai")
    make_member("trainer", role="trainer")
    make_member("hoa", unit=mo_cay, full_name="Võ Thị Hoa")
    with db() as session:
        bt = FacebookGroup(name="Phụ nữ Ba Tri", address="https://www.facebook.com/groups/phunubatri",
                           unit_id=ba_tri.id, founded_on=date(2024, 11, 27), founding_members=92)
        mcb = FacebookGroup(name="Phụ nữ Mỏ Cày Bắc", address="https://www.facebook.com/groups/phunumocaybac",
                            unit_id=mo_cay.id)
        session.add_all([bt, mcb])
        session.flush()
        session.add(GroupRole(group_id=bt.id, member_id=runner.id, role="admin"))
        hoa = session.query(Member).filter_by(username="hoa").one()
        session.add(GroupRole(group_id=mcb.id, member_id=hoa.id, role="admin"))
        session.commit()
        return Union(province, ba_tri, an_thuy, mo_cay, bt.id, mcb.id)


@pytest.fixture
def add_month(db):
    def add(group_id: int, month: date, status: str = "confirmed", **values) -> None:
        with db() as session:
            session.add(MonthlyNumbers(group_id=group_id, month=month, status=status, **values))
            session.commit()

    return add


@pytest.fixture
def post_form(client):
    """GET a page, then POST its form with ``data`` and the page's CSRF token."""

    def post(url: str, data: dict, *, page: str | None = None, follow: bool = False, **kwargs):
        form_page = client.get(page or url)
        assert form_page.status_code == 200, form_page.status_code
        return client.post(url, data={**data, "csrf_token": csrf_token_from(form_page)},
                           follow_redirects=follow, **kwargs)

    return post
