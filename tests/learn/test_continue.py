""""Continue" and the lesson page tell the truth: no link looks like progress without
recording it, and "continue" leads to her first unfinished step (lesson or quiz)."""
from __future__ import annotations

import re

import pytest
from conftest import csrf_token_from

COURSE = "running-facebook-groups"


@pytest.fixture
def officer(make_member, login):
    member = make_member("mai", full_name="Trần Thị Mai")
    login("mai")
    return member


def _lessons(client) -> list[str]:
    page = client.get(f"/courses/{COURSE}/")
    return list(dict.fromkeys(s.decode() for s in re.findall(
        rf'href="/courses/{COURSE}/([a-z0-9-]+)"'.encode(), page.data)))


def _continue_href(page) -> str:
    match = re.search(rb'<a class="button wide" href="([^"]+)">(?:Continue|Start|Take the quiz)', page.data)
    assert match, page.data.decode()[:2000]
    return match.group(1).decode().replace("&amp;", "&")


def _mark_done(client, slug):
    page = client.get(f"/courses/{COURSE}/{slug}")
    return client.post(f"/courses/{COURSE}/{slug}/done", data={"csrf_token": csrf_token_from(page)})


def test_lesson_page_offers_no_next_link_that_records_nothing(client, officer):
    first, second = _lessons(client)[:2]
    html = client.get(f"/courses/{COURSE}/{second}").data.decode()
    assert 'rel="next"' not in html
    assert f'href="/courses/{COURSE}/{first}"' in html  # "previous" stays, as a plain link
    assert html.count('type="submit" class="button wide"') == 1


def test_continue_leads_to_the_first_unread_lesson_not_the_last_opened(client, officer):
    slugs = _lessons(client)
    for slug in slugs[:5]:  # opened, never marked, as "Next" used to allow
        client.get(f"/courses/{COURSE}/{slug}")
    _mark_done(client, slugs[0])
    overview = client.get(f"/courses/{COURSE}/")
    assert _continue_href(overview).endswith(f"/courses/{COURSE}/{slugs[1]}")
    assert _continue_href(client.get("/me")).endswith(f"/courses/{COURSE}/{slugs[1]}")


def test_module_quiz_is_the_next_step_after_the_modules_last_lesson(client, officer):
    slugs = _lessons(client)
    module_zero = slugs[:4]  # "00-ready-to-start" has four lessons and the quiz fb-ready
    for slug in module_zero[:-1]:
        _mark_done(client, slug)
    response = _mark_done(client, module_zero[-1])
    assert response.status_code == 302
    assert "/quizzes/fb-ready" in response.headers["Location"]
    overview = client.get(f"/courses/{COURSE}/")
    assert "/quizzes/fb-ready?course=" + COURSE in _continue_href(overview)
    assert "/quizzes/fb-ready" in _continue_href(client.get("/me"))
