"""Scheduling and running a session: who may, the sheet, the poster, ticks and the paper sheet."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import csrf_token_from
from icalendar import Calendar
from sqlalchemy import select

from app.models import Attendance, AuditEntry, TrainingSession

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _schedule(client, **data):
    page = client.get("/sessions/new")
    assert page.status_code == 200
    day = (datetime.now(HCM) + timedelta(days=3)).date().isoformat()
    fields = {"csrf_token": csrf_token_from(page), "course": "hall", "day": day, "starts": "08:00",
              "ends": "11:00", "place": "Hội trường xã", "trainer_id": "0", **data}
    return client.post("/sessions/new", data=fields)


def test_coordinator_schedules_for_her_commune_in_vietnam_time(client, db, login, people, units):
    login("thu")
    done = _schedule(client, unit_ids=[units["ba_tri"].id], committee_roles=["chair", "branch_head"],
                     capacity="40", allow_walk_ins="y", trainer_id=str(people["trainer"].id))
    assert done.status_code == 302
    with db() as session:
        training = session.scalars(select(TrainingSession)).one()
        local = training.starts_at.astimezone(HCM)
        assert (local.hour, local.minute) == (8, 0) and training.starts_at.utcoffset() == timedelta(0)
        assert training.starts_at.hour == 1  # stored in UTC
        assert training.ends_at - training.starts_at == timedelta(hours=3)
        assert training.unit_ids == [units["ba_tri"].id] and training.roles == ["chair", "branch_head"]
        assert training.capacity == 40 and training.allow_walk_ins and training.trainer_id == people["trainer"].id
    page = client.get(done.headers["Location"])
    assert "Nguyễn Thị Lan".encode() in page.data and "Phạm Thị Mai".encode() in page.data
    assert "Võ Thị Cúc".encode() not in page.data


@pytest.mark.parametrize(("data", "message"), [
    ({"unit_ids": ["outside"]}, b"You can only invite your own units"),
    ({"unit_ids": ["an_hoi"]}, b"You can only invite your own units"),
    ({"unit_ids": []}, b"Choose at least one unit to invite"),
    ({"unit_ids": ["ba_tri"], "ends": "07:00"}, b"must end after it starts"),
    ({"unit_ids": ["ba_tri"], "day": "2020-01-01"}, b"This time is in the past"),
    ({"unit_ids": ["ba_tri"], "course": "nope"}, "There is no course “nope”".encode()),
    ({"unit_ids": ["ba_tri"], "modules": ["online/start"]}, b"is not part of the chosen course"),
    ({"unit_ids": ["ba_tri"], "capacity": "0"}, b"Number must be between 1 and 100000"),
])
def test_bad_schedules_are_explained_and_nothing_is_saved(client, db, login, people, units, data, message):
    login("thu")
    ids = {"ba_tri": units["ba_tri"].id, "an_hoi": units["an_hoi"].id, "outside": 999999}
    data = {**data, "unit_ids": [ids[key] for key in data["unit_ids"]]}
    response = _schedule(client, **data)
    assert response.status_code == 400 and message in response.data
    with db() as session:
        assert session.scalars(select(TrainingSession)).all() == []


def test_modules_of_the_course_may_be_named(client, db, login, people, units):
    login("dao")
    assert _schedule(client, unit_ids=[units["an_hoi"].id], modules=["hall/start"]).status_code == 302
    with db() as session:
        assert session.scalars(select(TrainingSession)).one().modules == ["start"]


ORGANISER_PAGES = ("/", "sheet", "poster", "paper")


@pytest.mark.parametrize("username", ["thu", "dao", "boss"])
def test_organisers_open_every_page_of_the_session(client, login, people, make_session, username):
    training = make_session()
    login(username)
    for page in ORGANISER_PAGES:
        assert client.get(f"/sessions/{training.id}/{page.strip('/')}").status_code == 200, page
    assert client.get("/sessions/").status_code == 200


@pytest.mark.parametrize("username", ["hoa", "lan"])
def test_others_cannot_open_or_guess_a_session(client, login, people, make_session, username):
    training = make_session()
    wider = make_session(unit_keys=("ba_tri", "an_hoi"))  # reaches beyond Ba Tri's coordinator too
    login(username)
    expected = 404 if username == "hoa" else 403
    for page in ORGANISER_PAGES:
        assert client.get(f"/sessions/{training.id}/{page.strip('/')}").status_code == expected, page
    token = csrf_token_from(client.get("/me"))
    assert client.post(f"/sessions/{training.id}/tick",
                       data={"csrf_token": token, "member_id": 1}).status_code == expected
    assert client.post(f"/sessions/{training.id}/cancel", data={"csrf_token": token}).status_code == expected
    assert client.get("/sessions/new").status_code == 403 if username == "lan" else 200
    if username == "hoa":
        assert client.get(f"/sessions/{wider.id}/").status_code == 404


def test_coordinator_does_not_organise_a_session_reaching_beyond_her_units(client, login, people, make_session):
    wider = make_session(unit_keys=("ba_tri", "an_hoi"))
    own = make_session()
    login("thu")
    assert client.get(f"/sessions/{wider.id}/").status_code == 404
    listing = client.get("/sessions/")
    assert f"/sessions/{own.id}/".encode() in listing.data and f"/sessions/{wider.id}/".encode() not in listing.data


def test_officer_sees_her_sessions_on_the_sessions_page(client, login, people, make_session):
    training = make_session(starts_in=timedelta(days=2))
    login("lan")
    page = client.get("/sessions/")
    assert page.status_code == 200 and b"Moderating in the hall" in page.data
    assert f"/sessions/{training.id}/calendar.ics".encode() in page.data


def _attendance(db):
    with db() as session:
        return sorted((a.member_id, a.method, a.walk_in, a.recorded_by_id) for a in session.scalars(select(Attendance)))


def test_coordinator_ticks_names_once_each(client, db, login, people, make_session):
    training = make_session()
    login("thu")
    page = client.get(f"/sessions/{training.id}/")
    token = csrf_token_from(page)
    for _ in range(2):
        done = client.post(f"/sessions/{training.id}/tick",
                           data={"csrf_token": token, "member_id": people["officer"].id})
        assert done.status_code == 302
    assert _attendance(db) == [(people["officer"].id, "ticked", False, people["coordinator"].id)]
    page = client.get(f"/sessions/{training.id}/")
    assert b"ticked by the organiser" in page.data and "by Trần Thị Thu".encode() in page.data
    outsider = client.post(f"/sessions/{training.id}/tick",
                           data={"csrf_token": token, "member_id": people["outsider"].id})
    assert outsider.status_code == 404


def test_nothing_is_recorded_before_check_in_opens(client, db, login, people, make_session):
    training = make_session(starts_in=timedelta(days=1))
    login("thu")
    token = csrf_token_from(client.get(f"/sessions/{training.id}/"))
    client.post(f"/sessions/{training.id}/tick", data={"csrf_token": token, "member_id": people["officer"].id})
    assert client.get(f"/sessions/{training.id}/paper").status_code == 302
    assert _attendance(db) == []


def test_paper_sheet_records_who_signed_and_walk_ins_by_username(app, client, db, login, people, make_session,
                                                                make_member, units):
    make_member("xuan", unit=units["province"])
    training = make_session(starts_in=timedelta(hours=-4), walk_ins=True)  # ended two hours ago
    login("thu")
    page = client.get(f"/sessions/{training.id}/paper")
    assert page.status_code == 200
    bad = client.post(f"/sessions/{training.id}/paper", data={
        "csrf_token": csrf_token_from(page), "attended": [people["officer"].id],
        "walk_ins": "cuc\nnobody\nxuan"})
    assert bad.status_code == 400
    assert "There is no member with the username “nobody”".encode() in bad.data
    assert "“xuan” is not in your units".encode() in bad.data
    assert "“cuc” is not in your units".encode() in bad.data  # Xã An Hội is not hers
    assert _attendance(db) == []  # nothing half-written
    done = client.post(f"/sessions/{training.id}/paper", data={
        "csrf_token": csrf_token_from(page), "attended": [people["officer"].id], "walk_ins": "mai"})
    assert done.status_code == 302
    thu = people["coordinator"].id
    assert _attendance(db) == sorted([(people["officer"].id, "paper", False, thu),
                                      (people["branch_officer"].id, "paper", False, thu)])
    admin = app.test_client()
    login("boss", client_=admin)
    page = admin.get(f"/sessions/{training.id}/paper")
    assert admin.post(f"/sessions/{training.id}/paper", data={
        "csrf_token": csrf_token_from(page), "walk_ins": "cuc, lan"}).status_code == 302
    rows = _attendance(db)
    assert (people["outsider"].id, "paper", True, people["admin"].id) in rows and len(rows) == 3  # lan once


def test_paper_sheet_without_walk_ins_has_no_walk_in_field(client, login, people, make_session):
    training = make_session(starts_in=timedelta(hours=-1))
    login("thu")
    page = client.get(f"/sessions/{training.id}/paper")
    assert b'name="walk_ins"' not in page.data and "Nguyễn Thị Lan".encode() in page.data


def test_print_sheet_lists_the_invited_with_a_signature_column_and_is_audited(client, db, login, people,
                                                                              make_session):
    training = make_session(roles="chair,branch_head")
    login("thu")
    sheet = client.get(f"/sessions/{training.id}/sheet")
    assert sheet.status_code == 200
    assert b"Signature" in sheet.data and b"printable" in sheet.data and b"training.css" in sheet.data
    names = re.findall(r"<td>([^<]+)<br>", sheet.data.decode())
    assert names == ["Phạm Thị Mai", "Nguyễn Thị Lan"]  # by unit (Chi hội 1, Xã Ba Tri), then name
    with db() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.action == "export.members" and entry.people == 2 and entry.actor_id == people["coordinator"].id


def test_poster_shows_the_current_code_as_text_and_qr_and_refreshes(client, login, people, make_session, code_of):
    training = make_session()
    login("thu")
    before = code_of(training)
    text = client.get(f"/sessions/{training.id}/poster").data.decode()
    after = code_of(training)  # the slot may have turned while the page was made
    shown = re.search(r'class="poster-code"[^>]*>([^<]+)<', text).group(1)
    assert shown in {before, after}
    refresh = int(re.search(r'http-equiv="refresh" content="(\d+)"', text).group(1))
    assert 1 <= refresh <= 301
    assert "<svg" in text and "<code>https://learn.example.vn/sessions/check-in</code>" in text
    later = make_session(starts_in=timedelta(hours=5))
    poster = client.get(f"/sessions/{later.id}/poster").data.decode()
    assert "Check-in opens at" in poster and "<svg" not in poster and 'http-equiv="refresh"' in poster


def test_calendar_file_for_the_invited(client, login, people, make_session, app):
    training = make_session(starts_in=timedelta(days=2))
    login("mai")
    response = client.get(f"/sessions/{training.id}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    event = next(c for c in Calendar.from_ical(response.data).walk("VEVENT"))
    assert str(event["summary"]) == "Moderating in the hall"
    assert str(event["location"]) == "Hội trường UBND xã"
    assert event.decoded("dtstart") == training.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") == training.ends_at.replace(microsecond=0)
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["uid"]) == f"training-session-{training.id}@learn.example.vn"
    assert f"https://learn.example.vn/sessions/{training.id}/check-in" in str(event["description"])
    outsider = app.test_client()
    login("cuc", client_=outsider)
    assert outsider.get(f"/sessions/{training.id}/calendar.ics").status_code == 404


def test_cancelled_session_leaves_my_learning(app, client, db, login, people, make_session):
    training = make_session(starts_in=timedelta(days=2))
    login("lan")
    assert f'id="session-{training.id}"'.encode() in client.get("/me").data
    coordinator = app.test_client()
    login("thu", client_=coordinator)
    token = csrf_token_from(coordinator.get(f"/sessions/{training.id}/"))
    assert coordinator.post(f"/sessions/{training.id}/cancel", data={"csrf_token": token}).status_code == 302
    with db() as session:
        assert session.get(TrainingSession, training.id).cancelled_at is not None
    assert f'id="session-{training.id}"'.encode() not in client.get("/me").data
