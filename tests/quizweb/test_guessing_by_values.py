"""Answering by the form values alone scores no better than chance.

Trainers put right answers in habitual places (the second choice; the right ones first in
a multiple-answer question), and the form values used to be those places (a, b, c, ...).
Here members take 300 attempts per answering pattern through the web, each pattern a
fixed rule that looks only at the values and their order on the page (never at a text),
and the mean score must stay at what the same rule earns when the values and the shuffled
order carry no information.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from statistics import fmean
from textwrap import dedent

import pytest
from conftest import ROOT, csrf_token_from
from sqlalchemy import select

from app.content.quiz_model import QuestionType, Quiz
from app.content.quizzes import load_quizzes
from app.grading import grade_question
from app.models import Member, QuizAttempt
from quizweb.paper import fields_on

ATTEMPTS = 300
FALSE_ALARM = 1e-6  # the chance that the test fails although the values carry nothing
TYPED = "1"  # what every pattern types into a text field

#: A quiz written the way the shipped quizzes used to be: every single-choice right answer
#: second, the right answers of a multiple-answer question first, "True" right.
HABITS = dedent("""\
    ---
    title: Habits
    pass_mark: 70
    max_attempts: 0
    shuffle_choices: {shuffle}
    show_answers: after_attempt
    ---
    ## One {{#one}}
    - [ ] Wrong one
    - [x] Right one
    - [ ] Other one

    ## Two {{#two}}
    - [ ] Wrong two
    - [x] Right two
    - [ ] Other two
    - [ ] Last two

    ## Three {{#three}}
    - [ ] Wrong three
    - [x] Right three
    - [ ] Other three

    ## Four {{#four}}
    - [ ] Wrong four
    - [x] Right four
    - [ ] Other four

    ## Many {{#many}}
    - [x] Right many 1
    - [x] Right many 2
    - [x] Right many 3
    - [ ] Wrong many 1
    - [ ] Wrong many 2

    ## True? {{#tf}}
    - [x] True
    - [ ] False

    ## Pairs {{#pairs}}
    - match: Page -> public
    - match: Group -> members
    - match: Event -> date
    - match: -> nobody

    ## How many? {{#count}}
    - number: 3
    """)


def _second_first(items: list[str]) -> list[str]:
    return items[1:2] + items[:1] + items[2:]


@dataclass(frozen=True)
class Pattern:
    """A rule that orders the values of a question by preference. ``by_value`` rules look
    at the values themselves, the others at their order on the page. A radio question gets
    the first preferred value, a check-box question the first half, every matching prompt
    the first option."""

    name: str
    by_value: bool
    prefer: Callable[[list[str]], list[str]]


PATTERNS = (
    Pattern("first-on-the-page", False, list),
    Pattern("last-on-the-page", False, lambda values: values[::-1]),
    Pattern("second-on-the-page", False, _second_first),  # where "b" used to be
    Pattern("smallest-value", True, sorted),
    Pattern("largest-value", True, lambda values: sorted(values, reverse=True)),
    Pattern("second-smallest-value", True, lambda values: _second_first(sorted(values))),  # "b"
)


def _ticks(count: int) -> int:
    return math.ceil(count / 2)


def fill(page, pattern: Pattern) -> dict[str, object]:
    data: dict[str, object] = {"csrf_token": csrf_token_from(page), "token": re.search(
        rb'name="token" type="hidden" value="([^"]+)"', page.data).group(1).decode()}
    for name, (kind, values) in fields_on(page).items():
        if kind == "text":
            data[name] = TYPED
        elif kind == "checkbox":
            data[name] = pattern.prefer(values)[:_ticks(len(values))]
        else:
            data[name] = pattern.prefer(values)[0]
    return data


def _score(question, response) -> float:
    return grade_question(question, response).score


def question_chance(quiz: Quiz, question, pattern: Pattern) -> float:
    """What ``pattern`` earns on ``question`` on average when the values and the shuffled
    order say nothing: a uniformly random pick of as many choices as it ticks, except
    where the page's order is the file's own (true/false, or shuffling off), where a rule
    by position always picks the same choices."""
    kind = question.type
    if kind is QuestionType.MATCHING:
        prompts = [p.id for p in question.pairs if not p.is_distractor]
        return fmean(_score(question, dict.fromkeys(prompts, option)) for option in question.match_options)
    if kind not in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE):
        return _score(question, TYPED)
    ids = [c.id for c in question.choices]
    single = kind is not QuestionType.MULTIPLE
    picked = 1 if single else _ticks(len(ids))
    as_response = (lambda chosen: chosen[0]) if single else frozenset  # noqa: E731
    shuffled = quiz.shuffle_choices and kind is not QuestionType.TRUEFALSE
    if pattern.by_value or shuffled:
        return fmean(_score(question, as_response(list(chosen))) for chosen in combinations(ids, picked))
    return _score(question, as_response(pattern.prefer(ids)[:picked]))


def tolerance(chances: list[float], drawn: int, checks: int) -> float:
    """How far (in percent points) a mean over ATTEMPTS attempts may stray from chance.

    An attempt's percent is 100/N times the sum of its N drawn questions' scores (each in
    [0, 1]); the percent stored is truncated, which only lowers it. The mean over n
    attempts minus the chance mean splits into two parts:

    - the questions drawn: each attempt's mean of its drawn questions' chances lies
      between ``low`` (the N smallest chances) and ``high`` (the N largest), independently
      per attempt, so Hoeffding's inequality bounds a deviation of ``a`` by
      exp(-2 n a^2 / (high - low)^2); without a pool high = low and this part is 0;
    - the answers: given what was drawn, each of the n*N question scores minus its chance
      is a martingale difference in an interval of length 1 (every question's order and
      values are drawn afresh), so Azuma-Hoeffding bounds a deviation of ``b`` of their
      mean by exp(-2 n N b^2).

    Each of these two parts, for each side (too high, too low) and for each of ``checks``
    patterns, gets FALSE_ALARM / (4 * checks): by the union bound the whole test fails by
    chance with probability below FALSE_ALARM (one in a million), whatever the random
    values turn out to be. For the quizzes here that is 6 to 7 points, while answering
    by the old values (a, b, c, ...) scored 37 to 50 points above chance (71% against 34%
    on fb-interaction as it was then, 78% against 27.5% on the habits quiz).
    """
    log_term = math.log(4 * checks / FALSE_ALARM)
    ranked = sorted(chances)
    low, high = fmean(ranked[:drawn]), fmean(ranked[-drawn:])
    spread = (high - low) * math.sqrt(log_term / (2 * ATTEMPTS))
    answers = math.sqrt(log_term / (2 * ATTEMPTS * drawn))
    return 100 * (spread + answers)


def _quiz_files(tmp_path, quiz_id: str, text: str):
    folder = tmp_path / "quizzes-under-test"
    folder.mkdir()
    # One member takes every attempt of a pattern, so the attempt limit is lifted.
    (folder / f"{quiz_id}.md").write_text(
        re.sub(r"(?m)^max_attempts: *\d+", "max_attempts: 0", text), encoding="utf-8")
    quizzes, _ = load_quizzes(folder)
    return folder, quizzes[quiz_id]


CASES = {
    # The quiz of the finding, as shipped (its pool and shuffles included).
    "fb-interaction": (lambda: (ROOT / "quizzes" / "fb-interaction.md").read_text(encoding="utf-8"),
                       PATTERNS),
    # Habits in plain sight; shuffling on.
    "habits": (lambda: HABITS.format(shuffle="true"), PATTERNS),
    # Shuffling off: the order is the trainer's, so rules by position earn what that
    # order gives them; rules by value must still be at chance.
    "habits-unshuffled": (lambda: HABITS.format(shuffle="false"),
                          tuple(p for p in PATTERNS if p.by_value)),
}


@pytest.fixture
def case(request, tmp_path):
    """(quiz folder, quiz, patterns) of the case named by the test's parameter."""
    name = request.param
    text, patterns = CASES[name]
    quiz_id = "fb-interaction" if name == "fb-interaction" else "habits"
    folder, quiz = _quiz_files(tmp_path, quiz_id, text())
    return folder, quiz, patterns


@pytest.fixture
def app_config(app_config, case):
    app_config.update(COURSES_DIR=str(ROOT / "courses"), QUIZZES_DIR=str(case[0]))
    return app_config


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES), indirect=True)
def test_answering_by_values_alone_scores_no_better_than_chance(app, case, db, make_member, login):
    _folder, quiz, patterns = case
    drawable = [q for q in quiz.questions if q.type is not QuestionType.DESCRIPTION]
    assert drawable and all(q.graded for q in drawable), "the bound assumes no essays"
    drawn = min(quiz.pool or len(drawable), len(drawable))
    expected = {}
    for pattern in patterns:
        make_member(pattern.name)
        member_client = app.test_client()
        login(pattern.name, client_=member_client)
        for _ in range(ATTEMPTS):
            page = member_client.get(f"/quizzes/{quiz.id}")
            assert page.status_code == 200
            sent = member_client.post(f"/quizzes/{quiz.id}", data=fill(page, pattern))
            assert sent.status_code == 303, pattern.name
        chances = [question_chance(quiz, q, pattern) for q in drawable]
        expected[pattern.name] = (100 * fmean(chances), tolerance(chances, drawn, len(patterns)))
    with db() as session:
        percents = {}
        for name, percent in session.execute(select(Member.username, QuizAttempt.percent).join(
                QuizAttempt, QuizAttempt.member_id == Member.id).where(QuizAttempt.submitted_at.is_not(None))):
            percents.setdefault(name, []).append(percent)
    report = {name: (round(fmean(percents[name]), 2), round(chance, 2), round(slack, 2))
              for name, (chance, slack) in expected.items()}
    for name, (chance, slack) in expected.items():
        assert len(percents[name]) == ATTEMPTS, name
        mean = fmean(percents[name])
        assert mean <= chance + slack, f"{name} beats chance: (mean, chance, tolerance) = {report}"
        # The other side shows the answers were really sent and graded (0.01: truncation).
        assert mean >= chance - slack - 0.01, f"{name} below chance: {report}"
