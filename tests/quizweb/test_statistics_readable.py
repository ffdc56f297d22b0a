"""Quiz statistics a trainer can read: matching answers in words, no verdict on too few
answers, and counts that agree with each other."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.content_store import catalogue
from app.models import QuizAttempt

PAIRS = """\
---
title: Finding the numbers
pass_mark: 50
---
## Where do you find each number? {#where}
- match: Total members -> Under the group's name
- match: Views of a post -> Seen by
- match: -> In the settings

## Is a private group visible? {#visible}

- [x] True
- [ ] False
"""


PAIRS_VI = """\
---
title: Tìm các con số
---
## Chị tìm mỗi con số ở đâu? {#where}
- match: Tổng số thành viên -> Dưới tên nhóm
- match: Lượt xem bài -> Người đã xem
- match: -> Trong phần cài đặt

## Nhóm riêng tư có hiện ra không? {#visible}

- [x] Đúng
- [ ] Sai
"""


@pytest.fixture
def app_config(app_config, quiz_dirs):
    _, quizzes, _ = quiz_dirs
    (quizzes / "pairs.md").write_text(PAIRS, encoding="utf-8")
    (quizzes / "pairs.vi.md").write_text(PAIRS_VI, encoding="utf-8")
    return app_config


def _store_attempts(app, db, members, count: int, *, visible_only: int = 0):
    """``count`` attempts that swap the two answers; ``visible_only`` more that drew only the
    true/false question (as a pool would)."""
    with app.test_request_context():
        question = catalogue().quiz("pairs").question("where")
        total, views = (p.id for p in question.pairs if p.prompt)
    wrong_key = ";".join(sorted([f"{total}=Seen by", f"{views}=Under the group's name"]))
    with db() as session:
        for n in range(count + visible_only):
            questions = {"visible": {"score": 1.0, "status": "correct", "key": "a"}}
            if n < count:
                questions["where"] = {"score": 0.0, "status": "wrong", "key": wrong_key}
            session.add(QuizAttempt(
                member_id=members[n % len(members)].id, quiz_id="pairs", number=n + 1, token=f"{n:032d}",
                plan_json="{}", submitted_at=datetime.now(UTC), percent=50, passed=True,
                result_json=json.dumps({"percent": 50, "passed": True, "questions": questions})))
        session.commit()


@pytest.fixture
def trainer(app, make_member, login):
    make_member("trainer1", role="trainer")
    login("trainer1")


def test_statistics_show_matching_answers_as_words_and_no_verdict_under_the_minimum(
        app, client, db, make_member, trainer):
    members = [make_member(f"o{i}") for i in range(3)]
    _store_attempts(app, db, members, 3, visible_only=2)
    page = client.get("/quizzes/pairs/statistics").data.decode()
    assert "Total members → Seen by; Views of a post → Under the group&#39;s name (3)" in page
    assert "=Seen by" not in page
    assert "5 attempts; each question shows how many of them answered it" in page
    where = page.split("Where do you find each number?")[1].split("</tr>")[0]
    assert '<td class="num">3</td>' in where and "no verdict yet: 3 of 20 answers" in where
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "too hard" not in table and "misleading" not in table
    assert "Given only from 20 answers on" in page


def test_statistics_give_a_verdict_from_the_minimum_on(app, app_config, client, db, make_member, trainer):
    app.config["QUIZ_STATS_MIN_ANSWERS"] = 3
    members = [make_member(f"o{i}") for i in range(3)]
    _store_attempts(app, db, members, 3)
    page = client.get("/quizzes/pairs/statistics").data.decode()
    where = page.split("Where do you find each number?")[1].split("</tr>")[0]
    assert "too hard" in where and "no verdict yet" not in where


def test_statistics_speak_the_readers_language(app, client, db, make_member, login):
    members = [make_member(f"o{i}") for i in range(2)]
    _store_attempts(app, db, members, 2)
    make_member("diem", role="trainer", language="vi")
    login("diem")
    page = client.get("/quizzes/pairs/statistics").data.decode()
    assert "Tìm các con số" in page and "Chị tìm mỗi con số ở đâu?" in page
    assert "Tổng số thành viên → Seen by" in page  # her prompt; the answer as it was given
