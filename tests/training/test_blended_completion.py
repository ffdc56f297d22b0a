"""A blended course completes, with its certificate, only once both parts are done,
whichever comes last; the online-only course is not held back by sessions."""
from __future__ import annotations

from datetime import timedelta

from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Certificate, CourseCompletion


def _read_lesson(client, course):
    lesson = client.get(f"/courses/{course}/hello")
    assert lesson.status_code == 200
    return client.post(f"/courses/{course}/hello/done", data={"csrf_token": csrf_token_from(lesson)})


def _completed(db, member_id):
    with db() as session:
        completions = {c.course_slug for c in session.scalars(
            select(CourseCompletion).where(CourseCompletion.member_id == member_id))}
        certificates = {c.course_slug for c in session.scalars(
            select(Certificate).where(Certificate.member_id == member_id))}
        return completions, certificates


def test_online_part_first_then_check_in_completes(client, db, login, people, make_session, code_of):
    lan = people["officer"].id
    training = make_session()
    login("lan")
    _read_lesson(client, "hall")
    _read_lesson(client, "online")
    assert _completed(db, lan) == ({"online"}, {"online"})  # the hall course waits for the session
    me = client.get("/me").data
    assert b"In-person session: 0 of 1 attended" in me
    page = client.get(f"/sessions/{training.id}/check-in")
    client.post(f"/sessions/{training.id}/check-in", data={"csrf_token": csrf_token_from(page),
                                                           "code": code_of(training)})
    assert _completed(db, lan) == ({"hall", "online"}, {"hall", "online"})
    assert b"In-person session: 1 of 1 attended" in client.get("/me").data


def test_paper_sheet_first_then_the_last_lesson_completes(app, client, db, login, people, make_session):
    mai = people["branch_officer"].id
    training = make_session(starts_in=timedelta(hours=-3))
    coordinator = app.test_client()
    login("thu", client_=coordinator)
    page = coordinator.get(f"/sessions/{training.id}/paper")
    coordinator.post(f"/sessions/{training.id}/paper", data={"csrf_token": csrf_token_from(page), "attended": [mai]})
    assert _completed(db, mai) == (set(), set())  # attended, but the online part is not done
    login("mai")
    _read_lesson(client, "hall")
    assert _completed(db, mai) == ({"hall"}, {"hall"})


def test_attending_another_course_session_does_not_count(client, db, login, people, make_session, code_of):
    lan = people["officer"].id
    training = make_session(course="online")
    login("lan")
    page = client.get(f"/sessions/{training.id}/check-in")
    client.post(f"/sessions/{training.id}/check-in", data={"csrf_token": csrf_token_from(page),
                                                           "code": code_of(training)})
    _read_lesson(client, "hall")
    assert "hall" not in _completed(db, lan)[0]


def test_the_rule_counts_attendance_as_a_step():
    from types import SimpleNamespace

    from app.progress.rules import attendance_satisfied, course_progress

    lesson = SimpleNamespace(slug="hello", required=True)
    course = SimpleNamespace(slug="hall", prerequisites=(), lessons=(lesson,), required_quiz_ids=(),
                             sessions_required=1)
    online_only = course_progress(course, {"hello"}, set())
    assert not online_only.requirements_met and online_only.percent == 50.0
    both = course_progress(course, {"hello"}, set(), sessions_attended=1)
    assert both.requirements_met and both.attendance_satisfied and both.percent == 100.0
    in_hall_only = course_progress(course, set(), set(), sessions_attended=2)
    assert not in_hall_only.requirements_met and in_hall_only.started and in_hall_only.percent == 50.0
    assert attendance_satisfied(0, 0) and not attendance_satisfied(2, 1)
