"""Every shipped quiz page, in every language, carries no right answer, feedback or explanation."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT

from app.content.quiz_model import QuestionType
from app.content.quizzes import load_quizzes

SHIPPED, _ = load_quizzes(ROOT / "quizzes")


@pytest.fixture
def app_config(app_config):
    app_config.update(COURSES_DIR=str(ROOT / "courses"), QUIZZES_DIR=str(ROOT / "quizzes"))
    return app_config


def _secrets(quiz) -> list[str]:
    """Texts that only a graded result may show: feedback and explanations."""
    found = []
    for q in quiz.questions:
        found += [c.feedback for c in q.choices if c.feedback]
        found += [a.feedback for a in q.answers if a.feedback]
        found += [a.feedback for a in q.numeric if a.feedback]
        if q.explanation:
            found.append(q.explanation)
    return [text.strip().splitlines()[0][:60] for text in found if text.strip()]


@pytest.mark.parametrize("quiz_id", sorted(SHIPPED))
@pytest.mark.parametrize("language", ["en", "vi"])
def test_shipped_quiz_page_leaks_nothing(client, make_member, login, quiz_id, language):
    make_member("lan", language=language)
    login("lan")
    page = client.get(f"/quizzes/{quiz_id}")
    assert page.status_code == 200
    html = page.data.decode()
    quiz = SHIPPED[quiz_id].text_for(language)
    for secret in _secrets(quiz):
        escaped = secret.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
        assert secret not in html and escaped not in html, secret
    assert not re.search(r"\b(correct|checked|selected)\b",
                         html.split('<form method="post" action="/quizzes')[1].split("</form>")[0])
    source = SHIPPED[quiz_id]
    drawn = [q for q in quiz.questions if q.type is not QuestionType.DESCRIPTION]
    shown = min(source.pool, len(drawn)) if source.pool else len(drawn)
    descriptions = len(quiz.questions) - len(drawn)
    assert len(re.findall(r'<fieldset class="card question"', html)) == shown + descriptions
