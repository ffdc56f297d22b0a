"""Changing a scheduled session: the scheduling form filled in, for those who may cancel it;
another day, time or place keeps the attendance, and what would contradict it is refused."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Attendance, AuditEntry, TrainingSession

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _in_days(days: int) -> str:
    return (datetime.now(HCM) + timedelta(days=days)).date().isoformat()


def _change(client, training, units, **data):
    page = client.get(f"/sessions/{training.id}/edit")
    assert page.status_code == 200
    fields = {"csrf_token": csrf_token_from(page), "course": "hall", "day": _in_days(3), "starts": "08:00",
              "ends": "11:00", "place": "Hội trường xã", "trainer_id": "0", "unit_ids": [units["ba_tri"].id],
              **data}
    return client.post(f"/sessions/{training.id}/edit", data=fields)


def _present(db, training, *people_, method="ticked", walk_in=False):
    with db() as session:
        for person in people_:
            session.add(Attendance(session_id=training.id, member_id=person.id, method=method, walk_in=walk_in))
        session.commit()


def _stored(db, training) -> TrainingSession:
    with db() as session:
        found = session.get(TrainingSession, training.id)
        found.invitations  # noqa: B018  (loaded before the session closes)
        session.expunge(found)
        return found


def test_the_form_is_filled_in_with_the_session_as_it_is(client, login, people, make_session):
    training = make_session(starts_in=timedelta(days=2), capacity=30, walk_ins=True, roles="chair")
    login("thu")
    html = client.get(f"/sessions/{training.id}/edit").data.decode()
    local = training.starts_at.astimezone(HCM)
    assert f'value="{local:%d/%m/%Y}"' in html and f'value="{local:%H:%M}"' in html
    assert 'value="Hội trường UBND xã"' in html and 'value="30"' in html
    assert re.search(r'<option selected value="hall">|<option value="hall" selected>', html)
    assert re.search(r'checked[^>]*value="chair"|value="chair"[^>]*checked', html)
    assert re.search(r'id="allow_walk_ins"[^>]*checked|checked[^>]*id="allow_walk_ins"', html)
    assert "Change the session" in html and "Save the changes" in html


def test_another_day_time_and_place_keep_the_attendance(client, db, login, people, units, make_session):
    training = make_session()  # begun ten minutes ago
    _present(db, training, people["officer"], people["branch_officer"])
    login("thu")
    done = _change(client, training, units, place="Nhà văn hóa ấp 3", day=_in_days(1), starts="14:00",
                   ends="16:30", capacity="25", note="Mang theo điện thoại.")
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/sessions/{training.id}/")
    changed = _stored(db, training)
    local = changed.starts_at.astimezone(HCM)
    assert (changed.place, changed.capacity, changed.note) == ("Nhà văn hóa ấp 3", 25, "Mang theo điện thoại.")
    assert local.date().isoformat() == _in_days(1) and (local.hour, local.minute) == (14, 0)
    assert changed.ends_at - changed.starts_at == timedelta(hours=2, minutes=30)
    with db() as session:
        assert {a.member_id for a in session.scalars(select(Attendance))} == {
            people["officer"].id, people["branch_officer"].id}
        # Scheduling and cancelling are not in the audit trail; changing is not either.
        assert session.scalars(select(AuditEntry)).all() == []
    page = client.get(done.headers["Location"]).data.decode()
    assert "The session has been changed" in page and "Nhà văn hóa ấp 3" in page


def test_the_course_changes_only_while_no_attendance_is_recorded(client, db, login, people, units, make_session):
    training = make_session()
    _present(db, training, people["officer"])
    login("thu")
    refused = _change(client, training, units, course="online")
    assert refused.status_code == 400
    assert b"Attendance is already recorded for this session, so its course cannot change" in refused.data
    assert _stored(db, training).course_slug == "hall"
    empty = make_session(starts_in=timedelta(days=1))
    assert _change(client, empty, units, course="online").status_code == 302
    assert _stored(db, empty).course_slug == "online"


def test_fewer_seats_than_members_recorded_is_refused(client, db, login, people, units, make_session):
    training = make_session(capacity=40)
    _present(db, training, people["officer"], people["branch_officer"])
    login("thu")
    refused = _change(client, training, units, capacity="1")
    assert refused.status_code == 400
    assert b"2 members are already recorded as present: the hall needs at least 2 seats." in refused.data
    assert _stored(db, training).capacity == 40
    assert _change(client, training, units, capacity="2").status_code == 302
    assert _stored(db, training).capacity == 2


@pytest.mark.parametrize("data", [{"unit_ids": ["branch"]}, {"committee_roles": ["branch_head"]}])
def test_the_invitation_keeps_every_member_recorded_as_present(client, db, login, people, units, make_session,
                                                               data):
    training = make_session(walk_ins=True)
    _present(db, training, people["officer"], people["branch_officer"])  # lan (Xã Ba Tri, chair), mai (branch)
    login("thu")
    data = {**data, "unit_ids": [units[key].id for key in data.get("unit_ids", ["ba_tri"])]}
    refused = _change(client, training, units, **data)
    assert refused.status_code == 400
    assert "Already recorded as present, so they must stay invited: Nguyễn Thị Lan.".encode() in refused.data
    assert _stored(db, training).unit_ids == [units["ba_tri"].id] and _stored(db, training).roles == []


def test_walk_ins_and_wider_invitations_are_no_reason_to_refuse(client, db, login, people, units, make_session):
    training = make_session(unit_keys=("branch",), walk_ins=True)
    _present(db, training, people["officer"], walk_in=True)  # lan came although not invited
    _present(db, training, people["branch_officer"])
    login("thu")
    done = _change(client, training, units, unit_ids=[units["branch"].id, units["ba_tri"].id],
                   committee_roles=["branch_head"])
    assert done.status_code == 302
    changed = _stored(db, training)
    assert changed.unit_ids == [units["branch"].id, units["ba_tri"].id] and changed.roles == ["branch_head"]


def test_an_upcoming_session_is_not_moved_into_the_past_but_a_held_one_may_be_corrected(
        client, db, login, people, units, make_session):
    upcoming = make_session(starts_in=timedelta(days=2))
    held = make_session(starts_in=timedelta(days=-2))
    login("thu")
    refused = _change(client, upcoming, units, day=_in_days(-1))
    assert refused.status_code == 400 and b"This time is in the past" in refused.data
    assert _stored(db, upcoming).starts_at == upcoming.starts_at
    assert _change(client, held, units, day=_in_days(-2), starts="07:30", ends="10:00").status_code == 302
    local = _stored(db, held).starts_at.astimezone(HCM)
    assert local.date().isoformat() == _in_days(-2) and (local.hour, local.minute) == (7, 30)


def test_a_cancelled_session_is_not_changed(client, db, login, people, units, make_session):
    training = make_session(starts_in=timedelta(days=2))
    login("thu")
    page = client.get(f"/sessions/{training.id}/")
    assert f'href="/sessions/{training.id}/edit"'.encode() in page.data
    token = csrf_token_from(page)
    client.post(f"/sessions/{training.id}/cancel", data={"csrf_token": token})
    page = client.get(f"/sessions/{training.id}/")
    assert f'href="/sessions/{training.id}/edit"'.encode() not in page.data
    refused = client.get(f"/sessions/{training.id}/edit", follow_redirects=True)
    assert b"This session has been cancelled: it can no longer be changed." in refused.data
    client.post(f"/sessions/{training.id}/edit", data={
        "csrf_token": token, "course": "hall", "day": _in_days(3), "starts": "08:00", "ends": "11:00",
        "place": "Somewhere else", "trainer_id": "0", "unit_ids": [units["ba_tri"].id]})
    assert _stored(db, training).place == "Hội trường UBND xã"


@pytest.mark.parametrize("username", ["thu", "dao", "boss"])
def test_those_who_may_cancel_may_change(client, db, login, people, units, make_session, username):
    training = make_session(starts_in=timedelta(days=2))
    login(username)
    assert _change(client, training, units, place="Hội trường mới").status_code == 302
    assert _stored(db, training).place == "Hội trường mới"


@pytest.mark.parametrize("username", ["hoa", "lan"])
def test_others_cannot_change_a_session(app, client, db, login, people, units, make_session, username):
    training = make_session(starts_in=timedelta(days=2))
    login(username)
    expected = 404 if username == "hoa" else 403
    assert client.get(f"/sessions/{training.id}/edit").status_code == expected
    token = csrf_token_from(client.get("/me"))
    posted = client.post(f"/sessions/{training.id}/edit", data={
        "csrf_token": token, "course": "hall", "day": _in_days(3), "starts": "08:00", "ends": "11:00",
        "place": "Somewhere else", "trainer_id": "0", "unit_ids": [units["an_hoi"].id]})
    assert posted.status_code == expected
    assert _stored(db, training).place == "Hội trường UBND xã"
    coordinator = app.test_client()
    login("thu", client_=coordinator)  # the coordinator of the invited commune may
    assert _change(coordinator, training, units, place="Hội trường mới").status_code == 302


def test_a_coordinator_neither_changes_a_wider_session_nor_widens_hers(client, db, login, people, units,
                                                                       make_session):
    wider = make_session(unit_keys=("ba_tri", "an_hoi"), starts_in=timedelta(days=2))
    own = make_session(starts_in=timedelta(days=2))
    login("thu")
    assert client.get(f"/sessions/{wider.id}/edit").status_code == 404
    refused = _change(client, own, units, unit_ids=[units["ba_tri"].id, units["an_hoi"].id])
    assert refused.status_code == 400 and b"You can only invite your own units" in refused.data
    assert _stored(db, own).unit_ids == [units["ba_tri"].id]


def test_a_change_without_the_form_token_is_refused(client, db, login, people, units, make_session):
    training = make_session(starts_in=timedelta(days=2))
    login("thu")
    posted = client.post(f"/sessions/{training.id}/edit", data={
        "course": "hall", "day": _in_days(3), "starts": "08:00", "ends": "11:00", "place": "Somewhere else",
        "trainer_id": "0", "unit_ids": [units["ba_tri"].id]})
    assert posted.status_code == 400
    assert _stored(db, training).place == "Hội trường UBND xã"
