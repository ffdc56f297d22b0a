"""Taking back a mistaken tick or paper entry: asked first, for those who may tick, never a
member's own check-in; the report's kept counts follow and a stored completion stays."""
from __future__ import annotations

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Assignment, Attendance, Certificate, CourseCompletion
from app.progress.counts import bring_up_to_date


@pytest.fixture
def counted(db, units):
    """``hall`` assigned to the whole province and counted, as `flask init` leaves it."""
    with db() as session:
        session.add(Assignment(course_slug="hall", unit_id=units["province"].id))
        session.commit()
        bring_up_to_date(session)
        session.commit()


def _tick(client, training, member):
    token = csrf_token_from(client.get(f"/sessions/{training.id}/"))
    done = client.post(f"/sessions/{training.id}/tick", data={"csrf_token": token, "member_id": member.id})
    assert done.status_code == 302


def _take_back(client, training, member):
    url = f"/sessions/{training.id}/attendance/{member.id}/take-back"
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, data={"csrf_token": csrf_token_from(page)})


def _present(db) -> set[int]:
    with db() as session:
        return {a.member_id for a in session.scalars(select(Attendance))}


def _counts_agree(runner) -> None:
    result = runner.invoke(args=["report", "verify"])
    assert result.exit_code == 0 and "Every kept count agrees with the records." in result.output, result.output


def test_a_mistaken_tick_is_taken_back_after_a_question(client, db, login, runner, people, make_session, counted):
    training = make_session()
    lan = people["officer"]
    login("thu")
    _tick(client, training, lan)
    _counts_agree(runner)
    show = client.get(f"/sessions/{training.id}/").data.decode()
    link = f'href="/sessions/{training.id}/attendance/{lan.id}/take-back"'
    assert link in show and 'aria-label="Take back the attendance of Nguyễn Thị Lan"' in show
    question = client.get(f"/sessions/{training.id}/attendance/{lan.id}/take-back")
    assert question.status_code == 200
    assert "Nguyễn Thị Lan will no longer be marked as present at this session.".encode() in question.data
    assert b"Yes, take it back" in question.data and b"No, keep it" in question.data
    assert _present(db) == {lan.id}  # asking removes nothing
    done = client.post(f"/sessions/{training.id}/attendance/{lan.id}/take-back",
                       data={"csrf_token": csrf_token_from(question)})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/sessions/{training.id}/#member-{lan.id}")
    assert _present(db) == set()
    _counts_agree(runner)
    show = client.get(done.headers["Location"]).data.decode()
    assert "Nguyễn Thị Lan is no longer marked as present." in show
    assert link not in show and 'aria-label="Nguyễn Thị Lan is here"' in show  # she can be ticked again
    assert client.get(f"/sessions/{training.id}/attendance/{lan.id}/take-back").status_code == 404  # nothing left


def test_a_completion_the_tick_finished_stays_and_the_counts_follow(app, client, db, login, runner, people,
                                                                   make_session, counted):
    lan = people["officer"]
    training = make_session()
    login("lan")
    lesson = client.get("/courses/hall/hello")
    client.post("/courses/hall/hello/done", data={"csrf_token": csrf_token_from(lesson)})
    coordinator = app.test_client()
    login("thu", client_=coordinator)
    _tick(coordinator, training, lan)
    with db() as session:
        assert session.scalars(select(CourseCompletion.course_slug)).all() == ["hall"]
    question = coordinator.get(f"/sessions/{training.id}/attendance/{lan.id}/take-back")
    assert b"Her completion and her certificate stay." in question.data
    assert _take_back(coordinator, training, lan).status_code == 302
    assert _present(db) == set()
    with db() as session:
        assert session.scalars(select(CourseCompletion.course_slug)).all() == ["hall"]
        assert session.scalars(select(Certificate.course_slug)).all() == ["hall"]
    _counts_agree(runner)  # still counted as completed, with the completion stored
    assert b"Certificate" in client.get("/me").data


def test_a_paper_entry_a_walk_in_and_a_check_in_with_the_code_are_taken_back(client, db, login, runner, people,
                                                                     make_session, code_of, counted, app):
    training = make_session(walk_ins=True)
    lan, mai, cuc = people["officer"], people["branch_officer"], people["outsider"]
    officer = app.test_client()
    login("lan", client_=officer)
    page = officer.get(f"/sessions/{training.id}/check-in")
    officer.post(f"/sessions/{training.id}/check-in", data={"csrf_token": csrf_token_from(page),
                                                            "code": code_of(training)})
    login("boss")
    sheet = client.get(f"/sessions/{training.id}/paper")
    client.post(f"/sessions/{training.id}/paper", data={"csrf_token": csrf_token_from(sheet),
                                                        "attended": [mai.id], "walk_ins": "cuc"})
    assert _present(db) == {lan.id, mai.id, cuc.id}
    show = client.get(f"/sessions/{training.id}/").data.decode()
    for member in (lan, mai, cuc):  # her own check-in (a code passed on reaches members at home), a walk-in
        assert f"/attendance/{member.id}/take-back" in show
    assert _take_back(client, training, mai).status_code == 302
    assert _take_back(client, training, cuc).status_code == 302
    assert _present(db) == {lan.id}
    assert _take_back(client, training, lan).status_code == 302
    assert _present(db) == set()
    _counts_agree(runner)


@pytest.mark.parametrize("username", ["hoa", "lan"])
def test_only_those_who_may_tick_may_take_back(app, client, db, login, people, make_session, username):
    training = make_session()
    coordinator = app.test_client()
    login("thu", client_=coordinator)
    _tick(coordinator, training, people["officer"])
    login(username)
    url = f"/sessions/{training.id}/attendance/{people['officer'].id}/take-back"
    expected = 404 if username == "hoa" else 403
    assert client.get(url).status_code == expected
    assert client.post(url, data={"csrf_token": csrf_token_from(client.get("/me"))}).status_code == expected
    assert _present(db) == {people["officer"].id}
    assert _take_back(coordinator, training, people["officer"]).status_code == 302  # she who may, does
    assert _present(db) == set()


def test_a_walk_in_outside_her_units_is_not_hers_to_take_back(app, client, db, login, people, make_session):
    training = make_session(walk_ins=True)
    admin = app.test_client()
    login("boss", client_=admin)
    sheet = admin.get(f"/sessions/{training.id}/paper")
    admin.post(f"/sessions/{training.id}/paper", data={"csrf_token": csrf_token_from(sheet), "walk_ins": "cuc"})
    login("thu")
    cuc = people["outsider"].id
    assert f"/attendance/{cuc}/take-back".encode() not in client.get(f"/sessions/{training.id}/").data
    assert client.get(f"/sessions/{training.id}/attendance/{cuc}/take-back").status_code == 404
    assert _present(db) == {cuc}
    assert f"/attendance/{cuc}/take-back".encode() in admin.get(f"/sessions/{training.id}/").data
    assert _take_back(admin, training, people["outsider"]).status_code == 302  # the administrator may
    assert _present(db) == set()


def test_taking_back_needs_the_form_token_and_a_session_not_cancelled(client, db, login, people, make_session):
    training = make_session()
    lan = people["officer"]
    login("thu")
    _tick(client, training, lan)
    url = f"/sessions/{training.id}/attendance/{lan.id}/take-back"
    assert client.post(url, data={}).status_code == 400  # no form token: refused, nothing removed
    assert _present(db) == {lan.id}
    token = csrf_token_from(client.get(f"/sessions/{training.id}/"))
    client.post(f"/sessions/{training.id}/cancel", data={"csrf_token": token})
    assert url.encode() not in client.get(f"/sessions/{training.id}/").data
    refused = client.post(url, data={"csrf_token": token}, follow_redirects=True)
    assert b"This session has been cancelled: its attendance can no longer be changed." in refused.data
    assert _present(db) == {lan.id}

