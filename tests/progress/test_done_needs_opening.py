"""A lesson can be marked done only once she has opened it (the lesson page records that),
so a script cannot collect lessons, or a certificate, without reading them."""
from __future__ import annotations

import re

import pytest
from conftest import csrf_token_from
from quizweb.paper import answers
from sqlalchemy import select

from app.models import Certificate, CourseCompletion, LessonProgress
from app.progress import records

LESSONS = ("hello", "rules", "photos")
RIGHT = {"q-private": "Only members", "q-twostep": "True", "q-posts": "3"}


@pytest.fixture
def app_config(app_config, quiz_dirs):
    """The small course with two more lessons."""
    module = quiz_dirs[0] / "basics" / "01-start"
    for number, slug in ((2, "rules"), (3, "photos")):
        (module / f"0{number}-{slug}.md").write_text(f"---\ntitle: {slug.title()}\nminutes: 2\n---\nRead.\n",
                                                     encoding="utf-8")
    return app_config


@pytest.fixture
def officer(make_member, login):
    member = make_member("lan")
    login("lan")
    return member


def _token(client) -> str:
    """A valid CSRF token of her session, from a page that is not the lesson."""
    return csrf_token_from(client.get("/me"))


def _done(client, slug, token):
    return client.post(f"/courses/basics/{slug}/done", data={"csrf_token": token})


def _pass_quiz(client):
    paper = client.get("/quizzes/basics")
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
    sent = client.post("/quizzes/basics", data={"csrf_token": csrf_token_from(paper), "token": token,
                                                **answers(paper, RIGHT)})
    assert sent.status_code == 303


def _progress(db) -> dict[str, bool]:
    with db() as session:
        return {p.lesson_slug: p.completed_at is not None for p in session.scalars(select(LessonProgress))}


def test_done_for_a_lesson_never_opened_is_refused_and_writes_nothing(client, db, officer):
    response = _done(client, "rules", _token(client))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/courses/basics/rules")
    assert _progress(db) == {}
    page = client.get(response.headers["Location"])
    assert b"Please read this lesson first" in page.data
    # Following the redirect opened the lesson: now it can be done.
    assert _done(client, "rules", csrf_token_from(page)).status_code == 302
    assert _progress(db) == {"rules": True}


def test_done_after_opening_the_lesson_works(client, db, officer):
    page = client.get("/courses/basics/hello")
    response = _done(client, "hello", csrf_token_from(page))
    assert response.status_code == 302 and response.headers["Location"].endswith("/courses/basics/rules")
    assert _progress(db) == {"hello": True}
    assert _done(client, "hello", csrf_token_from(page)).status_code == 302  # twice: still done once
    assert _progress(db) == {"hello": True}


def test_a_script_cannot_earn_the_certificate_without_opening_every_lesson(client, db, officer):
    token = _token(client)
    _pass_quiz(client)
    for slug in LESSONS:  # the whole course in one go, no lesson opened
        _done(client, slug, token)
    client.get("/courses/basics/hello")
    client.get("/courses/basics/photos")
    for slug in LESSONS:  # again, with one lesson still never opened
        _done(client, slug, token)
    assert _progress(db) == {"hello": True, "photos": True}
    with db() as session:
        assert session.scalars(select(CourseCompletion)).all() == []
        assert session.scalars(select(Certificate)).all() == []
    client.get("/courses/basics/rules")
    _done(client, "rules", token)
    with db() as session:
        assert session.scalars(select(Certificate)).one().course_slug == "basics"


def test_marking_done_needs_the_opened_row(db, officer):
    with db() as session:
        with pytest.raises(records.LessonNotOpened):
            records.mark_lesson_done(session, officer.id, "basics", "hello", "hash")
        assert session.scalars(select(LessonProgress)).all() == []
        records.lesson_opened(session, officer.id, "basics", "hello")
        assert records.mark_lesson_done(session, officer.id, "basics", "hello", "hash") is True
        assert records.mark_lesson_done(session, officer.id, "basics", "hello", "hash") is False
        session.rollback()
