"""The assignment page as a coordinator sees it: assignments made above her, and removal
that asks first and can be undone."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Assignment

COURSE = "running-facebook-groups"
VI_TITLE = "Quản trị nhóm Facebook của Hội"


@pytest.fixture
def units(make_unit, province):
    commune = make_unit("BT-ANTHUY", name="Xã An Thủy", parent=province)
    other = make_unit("BT-CL", name="Xã Chợ Lách", parent=province)
    return {"commune": commune, "other": other}


def _assign(db, unit, **extra) -> int:
    with db() as session:
        assignment = Assignment(course_slug=COURSE, unit_id=unit.id, **extra)
        session.add(assignment)
        session.commit()
        return assignment.id


def test_coordinator_sees_the_province_wide_assignment_read_only(app, client, db, make_member, login,
                                                                   province, units):
    province_wide = _assign(db, province, due_date=date.today() + timedelta(days=30))
    own = _assign(db, units["commune"])
    _assign(db, units["other"], committee_roles="chair")
    make_member("phuong", role="coordinator", unit=units["commune"], language="vi")
    login("phuong")
    page = client.get("/admin/assignments/")
    assert page.status_code == 200
    assert "Chưa giao khóa học nào".encode() not in page.data
    assert "Tỉnh Bến Tre".encode() in page.data and "Xã An Thủy".encode() in page.data
    assert "Xã Chợ Lách".encode() not in page.data  # a sibling's assignment does not reach her
    assert VI_TITLE.encode() in page.data  # the course menu and the table in her language
    assert f"/admin/assignments/{own}/remove".encode() in page.data
    assert f"/admin/assignments/{province_wide}/remove".encode() not in page.data
    forbidden = client.post(f"/admin/assignments/{province_wide}/remove",
                            data={"csrf_token": csrf_token_from(page), "confirmed": "yes"})
    assert forbidden.status_code == 404
    with db() as session:
        assert session.get(Assignment, province_wide) is not None


def test_removing_an_assignment_asks_first_and_can_be_undone(app, client, db, make_member, login, units):
    due = date.today() + timedelta(days=9)
    assignment_id = _assign(db, units["commune"], due_date=due, committee_roles="chair,vice_chair")
    make_member("phuong", role="coordinator", unit=units["commune"])
    login("phuong")
    page = client.get("/admin/assignments/")
    asked = client.post(f"/admin/assignments/{assignment_id}/remove", data={"csrf_token": csrf_token_from(page)})
    assert asked.status_code == 200
    assert b"Remove this assignment?" in asked.data and b"Yes, remove" in asked.data
    assert "will no longer be assigned to Xã An Thủy".encode() in asked.data
    with db() as session:
        assert session.get(Assignment, assignment_id) is not None  # nothing removed yet

    done = client.post(f"/admin/assignments/{assignment_id}/remove",
                       data={"csrf_token": csrf_token_from(asked), "confirmed": "yes"}, follow_redirects=True)
    assert b"The assignment has been removed" in done.data and b"Undo: put the assignment back" in done.data
    with db() as session:
        assert session.scalars(select(Assignment)).all() == []

    restored = client.post("/admin/assignments/restore", data={"csrf_token": csrf_token_from(done)},
                           follow_redirects=True)
    assert b"The assignment is back" in restored.data and b"Undo: put the assignment back" not in restored.data
    with db() as session:
        back = session.scalars(select(Assignment)).one()
        assert (back.unit_id, back.due_date, back.committee_roles) == (units["commune"].id, due, "chair,vice_chair")
    again = client.post("/admin/assignments/restore", data={"csrf_token": csrf_token_from(restored)},
                        follow_redirects=True)
    assert b"There is no removed assignment to put back" in again.data
    with db() as session:
        assert len(session.scalars(select(Assignment)).all()) == 1
