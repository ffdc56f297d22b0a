"""Entering a month's numbers on a phone: blanks allowed, plausibility checked, a coordinator
confirms or sends back, and a correction keeps the earlier values."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from app.groups.checks import check_month
from app.groups.health import MonthNumbers
from app.models import AuditEntry, MonthlyNumbers, MonthlyNumbersHistory

OCT, NOV = date(2025, 10, 1), date(2025, 11, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """December 2025, so November is "last month" and is offered first."""
    from app.progress import assignments  # the union's day, wherever it is asked

    monkeypatch.setattr(assignments, "today_in", lambda _zone, _now=None: date(2025, 12, 10))


def _month(db, group_id, month=NOV) -> MonthlyNumbers:
    with db() as session:
        row = session.scalar(select(MonthlyNumbers).where(MonthlyNumbers.group_id == group_id,
                                                          MonthlyNumbers.month == month))
        session.expunge(row)
        return row


def test_the_form_is_made_for_a_phone(client, login, union):
    login("lan")
    page = client.get(f"/groups/{union.ba_tri_group}/numbers/new").get_data(as_text=True)
    assert page.count('inputmode="numeric"') == 10
    assert "Admin tools (in Vietnamese: Công cụ quản trị)" in page  # where Insights is
    assert "may be called" in page
    assert '<option selected value="2025-11">' in page or 'value="2025-11" selected' in page


def test_a_small_group_leaves_blanks_and_they_stay_blank(client, login, union, post_form, db):
    login("lan")
    url = f"/groups/{union.ba_tri_group}/numbers/new"
    response = post_form(url, {"month": "2025-11", "members": "1.200", "posts": "31", "comments": "",
                               "reactions": " ", "member_posts": "9"})
    assert response.status_code == 302
    row = _month(db, union.ba_tri_group)
    assert (row.members, row.posts, row.member_posts) == (1200, 31, 9)
    assert row.comments is None and row.reactions is None and row.viewers is None
    assert row.status == "entered"  # a group admin's numbers wait for a coordinator


@pytest.mark.parametrize("data, field, message", [
    ({"members": "-3"}, "members", "cannot be below zero"),
    ({"posts": "10", "member_posts": "11"}, "member_posts", "cannot be more than all posts"),
    ({"members": "mười"}, "members", "digits only"),
    ({"left_members": "900", "new_members": "10"}, "left_members", "cannot drop below zero"),
])
def test_implausible_numbers_are_refused_on_their_field(client, login, union, add_month, post_form, db,
                                                        data, field, message):
    add_month(union.ba_tri_group, OCT, members=700)
    login("lan")
    response = post_form(f"/groups/{union.ba_tri_group}/numbers/new", {"month": "2025-11", **data})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert f'id="{field}-error"' in page
    with db() as session:
        assert session.scalars(select(MonthlyNumbers).where(MonthlyNumbers.month == NOV)).first() is None


def test_a_fivefold_jump_asks_for_the_box_then_saves(client, login, union, add_month, post_form, db):
    add_month(union.ba_tri_group, OCT, members=700, posts=20)
    login("lan")
    url = f"/groups/{union.ba_tri_group}/numbers/new"
    first = post_form(url, {"month": "2025-11", "members": "720", "posts": "101"})
    assert first.status_code == 400
    assert "more than 5 times last month" in first.get_data(as_text=True)
    assert 'name="confirm_jumps"' in first.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(MonthlyNumbers).where(MonthlyNumbers.month == NOV)).first() is None
    second = post_form(url, {"month": "2025-11", "members": "720", "posts": "101", "confirm_jumps": "y"})
    assert second.status_code == 302
    assert _month(db, union.ba_tri_group).posts == 101


def test_exactly_five_times_is_no_jump():
    previous = MonthNumbers(OCT, posts=20)
    assert check_month(MonthNumbers(NOV, posts=100), previous) == []
    assert [p.code for p in check_month(MonthNumbers(NOV, posts=101), previous)] == ["jump"]
    assert check_month(MonthNumbers(NOV, posts=101), MonthNumbers(date(2025, 9, 1), posts=20)) == []


def test_coordinator_confirms_and_the_trail_says_so(client, login, union, add_month, post_form, db):
    add_month(union.ba_tri_group, NOV, status="entered", members=760)
    login("coord")
    response = post_form(f"/groups/{union.ba_tri_group}/numbers/2025-11/review", {"confirm": "1"},
                         page=f"/groups/{union.ba_tri_group}")
    assert response.status_code == 302
    assert _month(db, union.ba_tri_group).status == "confirmed"
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "group.numbers_confirm")).one()
        assert json.loads(entry.detail)["month"] == "2025-11-01"


def test_sending_back_needs_a_note_and_the_admin_sees_it(client, login, union, add_month, post_form, db, app):
    add_month(union.ba_tri_group, NOV, status="entered", members=760)
    login("coord")
    url, page = f"/groups/{union.ba_tri_group}/numbers/2025-11/review", f"/groups/{union.ba_tri_group}"
    without_note = post_form(url, {"send_back": "1", "note": "  "}, page=page, follow=True)
    assert "Write what the admins should check" in without_note.get_data(as_text=True)
    assert _month(db, union.ba_tri_group).status == "entered"
    post_form(url, {"send_back": "1", "note": "Số thành viên chưa khớp"}, page=page)
    assert _month(db, union.ba_tri_group).status == "returned"
    admin = app.test_client()
    login("lan", client_=admin)
    assert "Số thành viên chưa khớp" in admin.get(page).get_data(as_text=True)


def test_a_correction_keeps_the_earlier_values(client, login, union, add_month, post_form, db):
    add_month(union.ba_tri_group, NOV, status="confirmed", members=760, posts=90)
    login("lan")
    url = f"/groups/{union.ba_tri_group}/numbers/2025-11/edit"
    assert 'value="760"' in client.get(url).get_data(as_text=True)
    assert post_form(url, {"month": "2025-11", "members": "761", "posts": "90"}).status_code == 302
    row = _month(db, union.ba_tri_group)
    assert (row.members, row.status) == (761, "entered")  # changed by her: to be confirmed again
    with db() as session:
        earlier = session.scalars(select(MonthlyNumbersHistory)).one()
        assert (earlier.members, earlier.posts, earlier.status) == (760, 90, "confirmed")
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "group.numbers_correct")).one()
        assert json.loads(entry.detail)["changed"] == {"members": [760, 761]}
    page = client.get(f"/groups/{union.ba_tri_group}").get_data(as_text=True)
    assert "Earlier values" in page


def test_numbers_a_coordinator_enters_are_confirmed_by_her(client, login, union, post_form, db):
    login("coord")
    post_form(f"/groups/{union.ba_tri_group}/numbers/new", {"month": "2025-11", "members": "760"})
    assert _month(db, union.ba_tri_group).status == "confirmed"


def test_months_waiting_are_listed_for_the_coordinator_only(client, login, union, add_month, app):
    add_month(union.ba_tri_group, NOV, status="entered", members=760)
    login("coord")
    assert "Waiting for your confirmation" in client.get("/groups/").get_data(as_text=True)
    officer = app.test_client()
    login("lan", client_=officer)
    assert "Waiting for your confirmation" not in officer.get("/groups/").get_data(as_text=True)
