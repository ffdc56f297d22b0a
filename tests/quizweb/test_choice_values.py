"""Random choice values on the web: stale or forged values are no answer, old attempts
(opened before choices had random values) still grade and display, and what is stored
for statistics names the choices themselves."""
from __future__ import annotations

import json
import re

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.models import QuizAttempt
from quizweb.paper import answers, choices_on

RIGHT = {"q-private": "Only members", "q-twostep": "True", "q-posts": "3"}
WRONG = {"q-private": "Anyone on Facebook", "q-twostep": "False", "q-posts": "9"}
#: The plan an attempt got before choice values were random: the choices under their ids.
LEGACY_PLAN = json.dumps({"version": 1, "questions": ["private", "twostep", "posts"],
                          "choices": {"private": ["b", "a"], "twostep": ["true", "false"]},
                          "matches": {}})


@pytest.fixture
def officer(make_member, login):
    member = make_member("lan")
    login("lan")
    return member


def _paper(client):
    page = client.get("/quizzes/basics")
    assert page.status_code == 200
    return page, re.search(rb'name="token" type="hidden" value="([^"]+)"', page.data).group(1).decode()


def _post(client, page, token, data):
    return client.post("/quizzes/basics", data={"csrf_token": csrf_token_from(page), "token": token, **data})


def _make_legacy(db):
    with db() as session:
        attempt = session.scalars(select(QuizAttempt).where(QuizAttempt.submitted_at.is_(None))).one()
        attempt.plan_json = LEGACY_PLAN
        session.commit()


def _only_attempt(db) -> QuizAttempt:
    with db() as session:
        attempt = session.scalars(select(QuizAttempt)).one()
        session.expunge(attempt)
        return attempt


def test_values_of_an_earlier_attempt_count_as_no_answer(client, db, officer):
    first, token = _paper(client)
    stale = answers(first, RIGHT)
    assert _post(client, first, token, answers(first, WRONG)).status_code == 303
    second, token2 = _paper(client)
    response = _post(client, second, token2, stale)
    assert response.status_code == 400
    assert response.data.count(b"Please answer this question") == 2  # both choice questions
    with db() as session:
        assert len(session.scalars(select(QuizAttempt).where(QuizAttempt.submitted_at.is_not(None))).all()) == 1


@pytest.mark.parametrize("forged", [{"q-private": ["x", "y"]}, {"q-twostep": "a"}, {"q-private": "false"},
                                    {"q-private": "0" * 10}, {"q-twostep": ""}])
def test_forged_values_are_no_answer_never_an_error(client, db, officer, forged):
    page, token = _paper(client)
    response = _post(client, page, token, {**answers(page, RIGHT), **forged})
    assert response.status_code == 400 and b"Please answer this question" in response.data
    assert _only_attempt(db).submitted_at is None


def test_an_attempt_opened_before_the_change_is_graded_by_its_old_values(client, db, officer):
    page, token = _paper(client)
    _make_legacy(db)
    # The page she was shown then carried the choice ids; sending it now still counts.
    assert _post(client, page, token, {"q-private": "b", "q-twostep": "true", "q-posts": "3"}).status_code == 303
    attempt = _only_attempt(db)
    assert attempt.passed and attempt.percent == 100.0
    assert json.loads(attempt.responses_json)["responses"]["private"] == "b"


def test_an_old_open_attempt_shown_again_gets_random_values_and_keeps_its_order(client, db, officer):
    _paper(client)
    _make_legacy(db)
    page, token = _paper(client)
    shown = choices_on(page)
    assert [text for _, text in shown["q-private"]] == ["Only members", "Anyone on Facebook"]
    assert [text for _, text in shown["q-twostep"]] == ["True", "False"]
    values = [value for field in shown.values() for value, _ in field]
    assert all(re.fullmatch(r"[0-9a-f]{10}", v) for v in values)
    assert json.loads(_only_attempt(db).plan_json)["version"] == 2
    # Stored: a reload shows the same values in the same order (the page's CSRF token carries
    # a timestamp, so the pages themselves may differ by a second).
    assert choices_on(_paper(client)[0]) == shown
    old_ids = _post(client, page, token, {"q-private": "b", "q-twostep": "true", "q-posts": "3"})
    assert old_ids.status_code == 400  # the choice ids are no answer any more
    assert _post(client, page, token, answers(page, RIGHT)).status_code == 303
    assert _only_attempt(db).passed


def test_the_result_of_an_old_attempt_still_shows_its_answers(client, db, officer):
    page, token = _paper(client)
    result = _post(client, page, token, answers(page, RIGHT))
    with db() as session:
        session.scalars(select(QuizAttempt)).one().plan_json = LEGACY_PLAN
        session.commit()
    shown = client.get(result.headers["Location"])
    assert shown.status_code == 200
    assert b"You passed" in shown.data and b"Feedback-right-members" in shown.data


def test_stored_answers_and_statistics_name_the_choices(app, client, db, officer, make_member, login):
    page, token = _paper(client)
    _post(client, page, token, answers(page, WRONG))
    attempt = _only_attempt(db)
    assert json.loads(attempt.responses_json)["responses"] == {"private": "a", "twostep": "false", "posts": "9"}
    assert json.loads(attempt.result_json)["questions"]["private"]["key"] == "a"
    make_member("trainer1", role="trainer")
    trainer = app.test_client()
    login("trainer1", client_=trainer)
    stats = trainer.get("/quizzes/basics/statistics")
    assert b"Anyone on Facebook (1)" in stats.data
