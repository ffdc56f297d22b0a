"""A quiz page's markup is the same for a right choice as for a wrong one, but for its text.

The values are random for each attempt (never a choice id, never used twice), and every
choice's input carries the same attributes in the same order; the other pages of this
folder check that no feedback or explanation is on the page.
"""
from __future__ import annotations

import re

import pytest
from conftest import ROOT, csrf_token_from

from app.content.quiz_model import QuestionType
from app.content.quizzes import load_quizzes
from quizweb.paper import fields_on

ATTEMPTS = 20
VALUE = re.compile(r"[0-9a-f]{10}")
_CHOICE_MARKUP = re.compile(r'<label class="choice">(<input [^>]*>) <span>(.*?)</span></label>', re.S)


@pytest.fixture
def quiz_folder(tmp_path):
    """The shipped quizzes with their attempt limits lifted, so one member takes many."""
    folder = tmp_path / "shipped-quizzes"
    folder.mkdir()
    for source in (ROOT / "quizzes").glob("*.md"):
        text = re.sub(r"(?m)^max_attempts: *\d+", "max_attempts: 0", source.read_text(encoding="utf-8"))
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def app_config(app_config, quiz_folder):
    app_config.update(COURSES_DIR=str(ROOT / "courses"), QUIZZES_DIR=str(quiz_folder))
    return app_config


def test_choice_markup_and_values_tell_nothing(app, client, make_member, login, quiz_folder):
    make_member("lan")
    login("lan")
    quizzes, _ = load_quizzes(quiz_folder)
    assert quizzes, "no shipped quizzes"
    seen_values: set[str] = set()
    for quiz in quizzes.values():
        choice_ids = {c.id for q in quiz.questions for c in q.choices}
        kinds = {f"q-{q.id}": q.type for q in quiz.questions}
        for _ in range(ATTEMPTS):
            page = client.get(f"/quizzes/{quiz.id}")
            assert page.status_code == 200
            body = page.data.decode()
            inputs: dict[str, list[str]] = {}
            for tag, _label in _CHOICE_MARKUP.findall(body):
                name = re.search(r'name="([^"]+)"', tag).group(1)
                value = re.search(r'value="([^"]*)"', tag).group(1)
                assert VALUE.fullmatch(value) and value not in choice_ids, (quiz.id, tag)
                assert value not in seen_values, "a value was used twice"
                seen_values.add(value)
                inputs.setdefault(name, []).append(tag.replace(value, "VALUE"))
            fields = fields_on(page)
            for name, tags in inputs.items():
                # right and wrong choices: one and the same tag once the value is blanked
                assert len(set(tags)) == 1, (quiz.id, name, tags)
                assert kinds[name] in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE)
                assert len(fields[name][1]) == len(tags)
            token = re.search(r'name="token" type="hidden" value="([^"]+)"', body).group(1)
            data = {"csrf_token": csrf_token_from(page), "token": token}
            for name, (_kind, values) in fields.items():  # the first option everywhere, to move on
                data[name] = values[0] if values else "1"
            assert client.post(f"/quizzes/{quiz.id}", data=data).status_code == 303
