"""A quiz file is written by a trainer, not by us: whatever HTML it holds, the paper and the
result page show its texts sanitized (no script, no event handler, no ``javascript:`` link),
and what the officer typed is shown as text."""
from __future__ import annotations

import re
import textwrap

import pytest
from conftest import csrf_token_from

from quizweb.paper import answers, fields_on

HOSTILE = textwrap.dedent("""\
    ---
    title: Careful posting
    pass_mark: 50
    show_answers: after_attempt
    ---
    Intro-text <script>alert('intro')</script><img src="x.png" onerror="alert('intro-img')">

    ## Pick the safe post {#pick}
    Question-text <script>alert('question')</script> <a href="javascript:alert('link')">Link-text</a>

    - [x] Choice-right <b onclick="alert('choice')">bold</b>
      > Feedback-right <script>alert('feedback')</script><img src="x.png" onerror="alert('feedback-img')">
    - [ ] Choice-wrong <iframe src="https://example.org/"></iframe>

    > Explanation-text <script>alert('explanation')</script><svg onload="alert('svg')"></svg>

    ## Type the name {#typed}

    - answer: Answer-text <img src="x.png" onerror="alert('answer')">

    ## Match them {#match}

    - match: Prompt-text <script>alert('prompt')</script> -> Admin
    - match: Member -> Reads
    """)
TYPED = "<script>alert('typed')</script>"


@pytest.fixture
def app_config(app_config, quiz_dirs):
    (quiz_dirs[1] / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    return app_config


def _nothing_runs(page: str) -> None:
    assert not re.findall(r"<script(?![^>]*\bsrc=)", page)  # only the site's own script files
    for attribute in ("onerror", "onclick", "onload"):
        assert not re.search(rf"<[^>]*\b{attribute}\s*=", page, re.I), attribute
    assert "javascript:" not in page
    assert "<iframe" not in page and "<svg" not in page


def test_the_paper_shows_a_hostile_quiz_sanitized(client, make_member, login):
    make_member("lan")
    login("lan")
    page = client.get("/quizzes/hostile").data.decode()
    _nothing_runs(page)
    for text in ("Intro-text", "Question-text", "Link-text", "Choice-right", "Choice-wrong", "Prompt-text"):
        assert text in page
    assert "<b>bold</b>" in page  # the allowed HTML is shown as HTML, not escaped twice


def test_the_result_shows_feedback_and_her_typing_safely(client, make_member, login):
    make_member("lan")
    login("lan")
    page = client.get("/quizzes/hostile")
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', page.data).group(1).decode()
    data = {"csrf_token": csrf_token_from(page), "token": token,
            **answers(page, {"q-pick": "Choice-right bold", "q-typed": TYPED})}
    data.update({name: values[0] for name, (kind, values) in fields_on(page).items() if kind == "select"})
    sent = client.post("/quizzes/hostile", data=data)
    assert sent.status_code == 303
    result = client.get(sent.headers["Location"]).data.decode()
    _nothing_runs(result)
    for text in ("Question-text", "Feedback-right", "Explanation-text", "Answer-text", "Prompt-text"):
        assert text in result
    assert "&lt;script&gt;alert(&#39;typed&#39;)&lt;/script&gt;" in result  # as she typed it, as text
    assert "<b>bold</b>" in result
