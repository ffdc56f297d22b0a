"""Taking a quiz: server-side grading, no answers leaked, one attempt per token, limits."""
from __future__ import annotations

import re
import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from conftest import SQLITE_ONLY, csrf_token_from
from sqlalchemy import select

from app.models import CourseCompletion, Member, QuizAttempt
from quizweb.paper import answers, choices_on

# Answers by the texts the member reads: the form values are random for each attempt.
RIGHT = {"q-private": "Only members", "q-twostep": "True", "q-posts": "3"}
WRONG = {"q-private": "Anyone on Facebook", "q-twostep": "False", "q-posts": "9"}


@pytest.fixture
def officer(make_member, login):
    member = make_member("lan")
    login("lan")
    return member


def _paper(client):
    page = client.get("/quizzes/basics")
    assert page.status_code == 200
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', page.data).group(1).decode()
    return page, token


def _send(client, page, token, by_text, csrf=None):
    return _post(client, page, token, answers(page, by_text), csrf)


def _post(client, page, token, form_data, csrf=None):
    """Send form values as they are (forged or stale ones included)."""
    data = {"csrf_token": csrf or csrf_token_from(page), "token": token, **form_data}
    return client.post("/quizzes/basics", data=data)


def test_quiz_page_has_no_trace_of_the_right_answers(client, officer):
    page, _ = _paper(client)
    html = page.data.decode()
    for leak in ("Feedback-right", "Feedback-wrong", "Explanation-private", "correct", "checked",
                 "± 1", 'value="3"'):
        assert leak not in html
    assert "Only members" in html and "Anyone on Facebook" in html


def test_right_answers_pass_and_show_feedback(client, db, officer):
    page, token = _paper(client)
    response = _send(client, page, token, RIGHT)
    assert response.status_code == 303
    result = client.get(response.headers["Location"])
    assert b"You passed" in result.data and b"Feedback-right-members" in result.data
    with db() as session:
        attempt = session.scalars(select(QuizAttempt)).one()
        assert attempt.passed and attempt.percent == 100.0


def test_reload_shows_the_same_paper(client, officer):
    first, token = _paper(client)
    second, token_again = _paper(client)
    assert token == token_again and choices_on(first) == choices_on(second)
    assert len(choices_on(first)["q-private"]) == 2


def test_double_post_records_one_attempt_and_shows_the_same_result(client, db, officer):
    page, token = _paper(client)
    first = _send(client, page, token, WRONG)
    second = _send(client, page, token, RIGHT)  # a retry, even with other answers
    assert first.headers["Location"] == second.headers["Location"]
    with db() as session:
        attempts = session.scalars(select(QuizAttempt)).all()
        assert len(attempts) == 1 and attempts[0].passed is False


def test_expired_csrf_token_returns_the_form_with_answers_kept(client, db, officer):
    page, token = _paper(client)
    sent = answers(page, {"q-private": "Only members", "q-posts": "3,5"})
    response = _post(client, page, token, sent, csrf="expired-or-forged")
    assert response.status_code == 400
    html = response.data.decode()
    assert "Your answers are kept" in html
    assert f'name="q-private" value="{sent["q-private"]}" checked' in html
    assert 'value="3,5"' in html
    with db() as session:
        assert session.scalars(select(QuizAttempt)).one().submitted_at is None
    # The page she got back carries a fresh token that works.
    retry = _send(client, response, token, RIGHT)
    assert retry.status_code == 303


def test_unanswered_question_keeps_the_other_answers(client, officer):
    page, token = _paper(client)
    sent = answers(page, {"q-private": "Only members"})
    response = _post(client, page, token, sent)
    assert response.status_code == 400
    assert b"Please answer this question" in response.data
    assert f'name="q-private" value="{sent["q-private"]}" checked'.encode() in response.data


def test_answer_for_a_question_not_in_the_attempt_is_refused(client, db, officer):
    page, token = _paper(client)
    response = _post(client, page, token, {**answers(page, RIGHT), "q-intruder": "a"})
    assert response.status_code == 400
    assert b"does not match your quiz" in response.data
    with db() as session:
        assert session.scalars(select(QuizAttempt)).one().submitted_at is None


def test_unknown_choice_is_refused(client, db, officer):
    page, token = _paper(client)
    response = _post(client, page, token, {**answers(page, RIGHT), "q-private": "z"})
    assert response.status_code == 400
    assert b"Please answer this question" in response.data
    with db() as session:
        assert session.scalars(select(QuizAttempt)).one().submitted_at is None


def test_failed_then_passed_completes_the_course_quiz_step(client, db, officer):
    page, token = _paper(client)
    _send(client, page, token, WRONG)
    page, token2 = _paper(client)
    assert token2 != token
    _send(client, page, token2, RIGHT)
    lesson = client.get("/courses/basics/hello")
    client.post("/courses/basics/hello/done", data={"csrf_token": csrf_token_from(lesson)})
    with db() as session:
        assert session.scalars(select(CourseCompletion)).one().course_slug == "basics"


def test_attempt_limit_is_enforced(client, db, officer, quiz_dirs, app):
    quiz_dirs[2](max_attempts=1)
    app.extensions["catalogue"]._catalogue = None  # pick up the new file
    page, token = _paper(client)
    _send(client, page, token, WRONG)
    again = client.get("/quizzes/basics")
    assert b"used all your attempts" in again.data
    late = _send(client, page, token, RIGHT)
    assert late.status_code == 303  # the same result again, no new attempt
    with db() as session:
        assert len(session.scalars(select(QuizAttempt)).all()) == 1


def test_racing_submissions_store_one_attempt_and_respect_the_limit(app, db, officer, quiz_dirs, login):
    quiz_dirs[2](max_attempts=2)
    app.extensions["catalogue"]._catalogue = None
    clients = [app.test_client() for _ in range(6)]
    for c in clients:
        login("lan", client_=c)
    papers = [_paper(c) for c in clients]  # every device shows the same open attempt
    assert len({token for _, token in papers}) == 1
    barrier = threading.Barrier(len(clients))
    statuses = []

    def submit(c, paper):
        barrier.wait()
        statuses.append(_send(c, paper[0], paper[1], RIGHT).status_code)

    threads = [threading.Thread(target=submit, args=(c, p)) for c, p in zip(clients, papers, strict=False)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses and set(statuses) == {303}
    # Now race to open new attempts beyond the limit.
    opened = []

    def open_paper(c):
        barrier.wait()
        opened.append(c.get("/quizzes/basics").status_code)

    threads = [threading.Thread(target=open_paper, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    with db() as session:
        attempts = session.scalars(select(QuizAttempt)).all()
        assert len([a for a in attempts if a.submitted_at]) == 1
        assert len(attempts) <= 2


def test_statistics_page_for_trainers_only(app, client, make_member, login, officer):
    page, token = _paper(client)
    _send(client, page, token, RIGHT)
    assert client.get("/quizzes/basics/statistics").status_code == 403
    make_member("trainer1", role="trainer")
    trainer = app.test_client()
    login("trainer1", client_=trainer)
    stats = trainer.get("/quizzes/basics/statistics")
    assert stats.status_code == 200 and b"1 attempt" in stats.data


@contextmanager
def _another_writer(app_config, seconds: float):
    """Another connection's write transaction on the SQLite file, held for ``seconds``."""
    path = app_config["DATABASE_URL"].removeprefix("sqlite:///")
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    release = threading.Timer(seconds, lambda: (conn.execute("ROLLBACK"), conn.close()))
    release.start()
    try:
        yield
    finally:
        release.join()


@SQLITE_ONLY
def test_reopening_an_open_attempt_does_not_wait_for_writers(app_config, client, officer):
    _paper(client)  # opens the attempt (a write)
    with _another_writer(app_config, 4.0):
        start = time.perf_counter()
        page, _ = _paper(client)  # the same attempt again: a read only
        assert time.perf_counter() - start < 2.0, "the quiz page waited for another writer"


@SQLITE_ONLY
def test_a_submission_waits_for_the_write_lock_and_is_stored(app_config, client, db, officer):
    page, token = _paper(client)
    with _another_writer(app_config, 1.0):
        start = time.perf_counter()
        response = _send(client, page, token, RIGHT)
        assert response.status_code == 303 and time.perf_counter() - start >= 0.9
    with db() as session:
        assert session.scalars(select(QuizAttempt)).one().passed


def test_a_submission_notes_her_activity(client, db, officer):
    page, token = _paper(client)
    assert _send(client, page, token, WRONG).status_code == 303
    with db() as session:
        assert session.get(Member, officer.id).last_seen_at is not None


@SQLITE_ONLY
def test_a_submission_is_checked_before_it_waits_for_the_write_lock(app_config, client, db, officer):
    page, token = _paper(client)
    with _another_writer(app_config, 4.0):
        start = time.perf_counter()
        response = _send(client, page, token, {"q-private": "Only members"})  # two answers missing
        waited = time.perf_counter() - start
        assert response.status_code == 400 and waited < 2.0, "validation waited for a writer"
