"""Quiz statistics on a small example worked out by hand."""
from __future__ import annotations

import pytest

from app.content.quiz_model import Choice, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptRecord, describe_response, quiz_statistics

QUIZ = Quiz("q", "Q", pass_mark=50, questions=(
    Question("easy", T.SINGLE, "Easy", "", choices=(
        Choice("a", "Members", 1.0, correct=True), Choice("b", "Anyone", 0.0))),
    Question("tricky", T.SINGLE, "Tricky", "", choices=(
        Choice("a", "Right", 1.0, correct=True), Choice("b", "Tempting", 0.0),
        Choice("c", "Other", 0.0))),
    Question("essay", T.ESSAY, "Essay", "Why?"),
))

# member, percent, easy (score, key), tricky (score, key)
ROWS = [
    ("ann", 100, (1, "a"), (1, "a")),
    ("binh", 90, (1, "a"), (0, "b")),
    ("chi", 80, (1, "a"), (0, "b")),
    ("dung", 40, (1, "a"), (1, "a")),
    ("em", 30, (0, "b"), (0, "b")),
    ("ann", 20, (1, "a"), (0, "c")),
]
ATTEMPTS = [AttemptRecord(m, p, {"easy": e, "tricky": t}) for m, p, e, t in ROWS]


def test_quiz_level_numbers():
    stats = quiz_statistics(QUIZ, ATTEMPTS)
    assert (stats.attempts, stats.members) == (6, 5)
    assert stats.pass_rate == pytest.approx(3 / 6)  # 100, 90, 80 pass a 50 mark
    assert stats.member_pass_rate == pytest.approx(3 / 5)  # ann, binh, chi
    assert stats.mean_percent == pytest.approx(360 / 6)
    assert [q.question_id for q in stats.questions] == ["easy", "tricky"]  # essay left out


def test_question_numbers_and_discrimination():
    easy, tricky = quiz_statistics(QUIZ, ATTEMPTS).questions
    # ranked by percent: ann100 binh90 | chi80 dung40 | em30 ann20; thirds of 2
    assert (easy.attempts, easy.right_count, easy.share_correct) == (6, 5, pytest.approx(5 / 6))
    assert (easy.top_wrong, easy.top_wrong_count) == ("b", 1)
    assert easy.discrimination == pytest.approx(1.0 - 0.5)  # top (1,1) minus bottom (0,1)
    assert easy.verdicts == ()
    assert (tricky.right_count, tricky.share_correct) == (2, pytest.approx(2 / 6))
    assert (tricky.top_wrong, tricky.top_wrong_count) == ("b", 3)
    assert tricky.discrimination == pytest.approx(0.5 - 0.0)  # top (1,0), bottom (0,0)
    # "b" was chosen 3 times, the right answer only twice
    assert tricky.verdicts == ("misleading",)


def test_verdicts_need_enough_attempts():
    stats = quiz_statistics(QUIZ, ATTEMPTS, min_attempts=7)
    assert all(q.verdicts == () for q in stats.questions)


def test_too_easy_too_hard_and_negative_discrimination():
    # percents 100, 90, ..., 50; only the three weakest get "tricky" right
    rows = [AttemptRecord(i, 100 - 10 * i, {"easy": (1, "a"),
                                            "tricky": (1, "a") if i >= 3 else (0, "c")})
            for i in range(6)]
    easy, tricky = quiz_statistics(QUIZ, rows).questions
    # everyone right: too easy, and it separates no one (discrimination 0)
    assert (easy.discrimination, easy.verdicts) == (0.0, ("too_easy", "misleading"))
    assert (tricky.discrimination, tricky.verdicts) == (-1.0, ("misleading",))
    hard = [AttemptRecord(i, 50, {"tricky": (0, "b")}) for i in range(9)] + \
        [AttemptRecord(9, 50, {"tricky": (1, "a")})]
    tricky = quiz_statistics(QUIZ, hard).questions[1]
    assert tricky.share_correct == 0.1 and "too_hard" in tricky.verdicts


def test_no_attempts():
    stats = quiz_statistics(QUIZ, [])
    assert (stats.attempts, stats.pass_rate, stats.mean_percent) == (0, 0.0, 0.0)
    assert stats.questions[0].discrimination is None


def test_describe_response_uses_choice_texts():
    assert describe_response(QUIZ, "tricky", "b") == "Tempting"
    assert describe_response(QUIZ, "essay", "whatever") == "whatever"


def test_matching_answer_is_described_as_prompt_arrow_answer_pairs():
    from app.content.quiz_model import MatchPair

    quiz = Quiz("m", "M", pass_mark=50, questions=(
        Question("where", T.MATCHING, "Where", "", pairs=(
            MatchPair("a", "Total members", "Under the name"),
            MatchPair("b", "Views", "Seen by; under the post"),
            MatchPair("c", "", "In the settings"))),))
    described = describe_response(quiz, "where", "a=Seen by; under the post;b=Under the name")
    assert described == "Total members → Seen by; under the post; Views → Under the name"
