"""The result page shows what she answered beside the right answer, in words, as the quiz's
``show_answers`` policy allows."""
from __future__ import annotations

import re

import pytest
from conftest import csrf_token_from

from quizweb.paper import answers

WRONG = {"q-private": "Anyone on Facebook", "q-twostep": "False", "q-posts": "9"}


@pytest.fixture
def officer(make_member, login):
    member = make_member("lan")
    login("lan")
    return member


def _result(client, by_text):
    page = client.get("/quizzes/basics")
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', page.data).group(1).decode()
    sent = client.post("/quizzes/basics", data={"csrf_token": csrf_token_from(page), "token": token,
                                                **answers(page, by_text)})
    assert sent.status_code == 303
    return client.get(sent.headers["Location"]).data.decode()


def _blocks(html: str) -> list[str]:
    return re.findall(r'<section class="card question-result.*?</section>', html, re.S)


def test_each_question_shows_her_choice_and_the_right_one(client, officer):
    html = _result(client, WRONG)
    private = next(b for b in _blocks(html) if "Anyone on Facebook" in b or "Only members" in b)
    given = re.search(r'<div class="given">(.*?)</div>', private, re.S).group(1)
    right = re.search(r'<div class="correct">(.*?)</div>', private, re.S).group(1)
    assert "Your answer:" in given and "Anyone on Facebook" in given and "Only members" not in given
    assert "Only members" in right
    typed = next(b for b in _blocks(html) if 'class="typed"' in b)
    assert re.search(r'<span class="typed">9</span>', typed)


def test_matching_and_blank_answers_in_words():
    from app.content.quiz_model import MatchPair, Question, QuestionType
    from app.quiz.answered import answer_in_words

    question = Question("m", QuestionType.MATCHING, "Match", "Match them.", pairs=(
        MatchPair("a", "Admin", "runs the group"), MatchPair("b", "Member", "reads and posts"),
        MatchPair("c", "", "sells things")))
    parts = answer_in_words(question, {"a": "sells things", "b": "reads and posts"})
    assert [p.text for p in parts] == ["Admin → sells things", "Member → reads and posts"]
    assert answer_in_words(question, None) == ()
