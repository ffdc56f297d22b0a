"""An officer checks herself in with the code shown in the hall, inside the window only."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Attendance, TrainingSession


def _check_in(client, training, code, *, via_qr=False):
    page = client.get(f"/sessions/{training.id}/check-in" + (f"?code={code}" if via_qr else ""))
    data = {"csrf_token": csrf_token_from(page), "code": code, "via": "qr" if via_qr else ""}
    return client.post(f"/sessions/{training.id}/check-in", data=data)


def _attendance(db):
    with db() as session:
        return [(a.member_id, a.method, a.walk_in, a.recorded_by_id) for a in session.scalars(select(Attendance))]


def test_invited_officer_checks_in_with_the_code_once(client, db, login, people, make_session, code_of):
    training = make_session()
    login("lan")
    done = _check_in(client, training, code_of(training).lower())
    assert done.status_code == 302
    page = client.get(done.headers["Location"])
    assert b"You are checked in" in page.data
    again = client.post(f"/sessions/{training.id}/check-in",
                        data={"csrf_token": csrf_token_from(page), "code": code_of(training)})
    assert again.status_code == 200 and b"You are checked in" in again.data
    lan = people["officer"].id
    assert _attendance(db) == [(lan, "code", False, lan)]


def test_member_of_a_unit_below_is_invited_and_a_qr_scan_says_so(client, db, login, people, make_session, code_of):
    training = make_session()
    login("mai")
    assert _check_in(client, training, code_of(training), via_qr=True).status_code == 302
    assert _attendance(db) == [(people["branch_officer"].id, "qr", False, people["branch_officer"].id)]


def test_a_wrong_code_is_refused(client, db, login, people, make_session, code_of):
    training = make_session()
    other = make_session()
    login("lan")
    refused = _check_in(client, training, code_of(other))  # another session's code
    assert refused.status_code == 400 and b"This code is not right or has expired" in refused.data
    assert _attendance(db) == []


def test_outside_the_window_check_in_is_refused(client, db, login, people, make_session, code_of):
    early = make_session(starts_in=timedelta(minutes=31))
    late = make_session(starts_in=timedelta(hours=-3), hours=2)
    login("lan")
    refused = _check_in(client, early, code_of(early))
    assert refused.status_code == 400 and b"Check-in has not opened yet" in refused.data
    refused = _check_in(client, late, code_of(late))
    assert refused.status_code == 400 and b"Check-in for this session has closed" in refused.data
    assert _attendance(db) == []
    just_open = make_session(starts_in=timedelta(minutes=29))
    assert _check_in(client, just_open, code_of(just_open)).status_code == 302


def test_not_invited_is_refused_unless_walk_ins_are_allowed(client, db, login, people, make_session, code_of):
    closed = make_session()
    open_to_all = make_session(walk_ins=True)
    login("cuc")  # Xã An Hội: not invited
    page = client.get(f"/sessions/{closed.id}/check-in")
    assert page.status_code == 403 and b"only for the invited members" in page.data
    assert b"Moderating in the hall" not in page.data  # nothing about the session
    token = csrf_token_from(client.get(f"/sessions/{open_to_all.id}/check-in"))
    refused = client.post(f"/sessions/{closed.id}/check-in", data={"csrf_token": token, "code": code_of(closed)})
    assert refused.status_code == 403
    assert _check_in(client, open_to_all, code_of(open_to_all)).status_code == 302
    cuc = people["outsider"].id
    assert _attendance(db) == [(cuc, "code", True, cuc)]


def test_walk_ins_stop_when_the_hall_is_full_but_invited_members_get_in(client, db, login, people, make_session,
                                                                       code_of, app):
    training = make_session(walk_ins=True, capacity=1)
    login("lan")
    assert _check_in(client, training, code_of(training)).status_code == 302
    walk_in = app.test_client()
    login("cuc", client_=walk_in)
    refused = _check_in(walk_in, training, code_of(training))
    assert refused.status_code == 400 and b"The hall is full" in refused.data
    invited = app.test_client()
    login("mai", client_=invited)
    assert _check_in(invited, training, code_of(training)).status_code == 302


def test_cancelled_or_role_limited_sessions_refuse(client, db, login, people, make_session, code_of):
    chairs_only = make_session(roles="chair")
    login("mai")  # a branch head
    assert client.get(f"/sessions/{chairs_only.id}/check-in").status_code == 403
    cancelled = make_session()
    with db() as session:
        session.get(TrainingSession, cancelled.id).cancelled_at = datetime.now(UTC)
        session.commit()
    refused = _check_in(client, cancelled, code_of(cancelled))
    assert refused.status_code == 400 and b"This session has been cancelled" in refused.data
    assert _attendance(db) == []


def test_typing_the_code_without_the_session(client, db, login, people, make_session, code_of):
    training = make_session()
    login("lan")
    page = client.get("/sessions/check-in")
    wrong = client.post("/sessions/check-in", data={"csrf_token": csrf_token_from(page), "code": "AAAAAA"})
    assert wrong.status_code == 400 and b"This code is not right" in wrong.data
    done = client.post("/sessions/check-in", data={"csrf_token": csrf_token_from(page), "code": code_of(training)})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/sessions/{training.id}/check-in")
    assert _attendance(db) == [(people["officer"].id, "code", False, people["officer"].id)]


def test_check_in_needs_signing_in(client, make_session, people):
    training = make_session()
    response = client.get(f"/sessions/{training.id}/check-in?code=ABCDEF")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
