"""An officer reads lessons, marks them done, sees her progress move, leaves and resumes."""
from __future__ import annotations

import re

import pytest
from conftest import csrf_token_from
from sqlalchemy import func, select

from app.models import LessonProgress

COURSE = "running-facebook-groups"


@pytest.fixture
def officer(make_member, login):
    member = make_member("lan", full_name="Nguyễn Thị Lan")
    login("lan")
    return member


def _percent(page) -> int:
    match = re.search(rb'aria-valuenow="(\d+)"', page.data)
    assert match, "no progress bar"
    return int(match.group(1))


def _lessons(client):
    page = client.get(f"/courses/{COURSE}/")
    assert page.status_code == 200
    return re.findall(rf'href="/courses/{COURSE}/([a-z0-9-]+)"'.encode(), page.data)


def _mark_done(client, slug):
    page = client.get(f"/courses/{COURSE}/{slug}")
    assert page.status_code == 200
    return client.post(f"/courses/{COURSE}/{slug}/done", data={"csrf_token": csrf_token_from(page)})


def test_catalogue_lists_the_course_with_progress(client, officer):
    page = client.get("/courses/")
    assert page.status_code == 200
    assert f'href="/courses/{COURSE}/"'.encode() in page.data
    assert _percent(page) == 0


def test_reading_moves_the_progress_bar_and_resume_finds_her_place(client, officer):
    slugs = [s.decode() for s in dict.fromkeys(_lessons(client))]
    assert len(slugs) >= 15
    first, second, third = slugs[:3]
    response = _mark_done(client, first)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/courses/{COURSE}/{second}")
    overview = client.get(f"/courses/{COURSE}/")
    after_one = _percent(overview)
    assert after_one > 0
    _mark_done(client, second)
    assert _percent(client.get(f"/courses/{COURSE}/")) > after_one
    # She opens the third lesson, leaves, and comes back: "Continue" takes her there.
    client.get(f"/courses/{COURSE}/{third}")
    overview = client.get(f"/courses/{COURSE}/")
    continue_link = re.search(rb'<a class="button wide" href="([^"]+)">Continue', overview.data)
    assert continue_link and continue_link.group(1).decode().endswith(f"/{third}")


def test_marking_twice_writes_one_record(client, db, officer):
    slug = _lessons(client)[0].decode()
    _mark_done(client, slug)
    _mark_done(client, slug)
    with db() as session:
        rows = session.scalars(select(LessonProgress).where(LessonProgress.member_id == officer.id)).all()
        assert len(rows) == 1 and rows[0].completed_at is not None and rows[0].content_hash


def test_opening_a_lesson_does_not_complete_it(client, db, officer):
    slug = _lessons(client)[0].decode()
    client.get(f"/courses/{COURSE}/{slug}")
    with db() as session:
        row = session.scalars(select(LessonProgress)).one()
        assert row.completed_at is None
        count = session.scalar(select(func.count()).select_from(LessonProgress))
    assert count == 1


def test_lesson_page_has_breadcrumbs_minutes_and_one_done_action(client, officer):
    slug = _lessons(client)[0].decode()
    page = client.get(f"/courses/{COURSE}/{slug}")
    html = page.data.decode()
    assert 'class="crumbs"' in html
    assert "minutes" in html
    assert html.count("Mark as done and continue") == 1


def test_unknown_course_and_lesson_are_404(client, officer):
    assert client.get("/courses/no-such-course/").status_code == 404
    assert client.get(f"/courses/{COURSE}/no-such-lesson").status_code == 404


def test_signed_out_visitor_is_sent_to_login(client):
    response = client.get(f"/courses/{COURSE}/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
