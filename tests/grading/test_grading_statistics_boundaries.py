"""Statistics at their boundaries: the attempts a verdict needs, "over 90%" and "under 30%",
"more often than the right one", a pass at exactly the mark, and answers described after
the quiz was edited."""
from __future__ import annotations

import pytest

from app.content.quiz_model import Choice, MatchPair, Question, Quiz
from app.content.quiz_model import QuestionType as T
from app.grading import AttemptRecord, describe_response, question_statistics, quiz_statistics

QUIZ = Quiz("basics", "Basics", pass_mark=70, questions=(
    Question("q", T.SINGLE, "Q", "", choices=(
        Choice("a", "Members", 1.0, correct=True), Choice("b", "Anyone", 0.0),
        Choice("c", "Admins", 0.0))),
    Question("multi", T.MULTIPLE, "Habits", "", choices=(
        Choice("a", "Photo", 0.5, correct=True), Choice("b", "Question", 0.5, correct=True),
        Choice("c", "Spam", -1.0))),
))


def answers(*keys: str, percent=None) -> list[AttemptRecord]:
    """One attempt per key, strongest first ("a" is right); percents 100, 90, 80, ..."""
    return [AttemptRecord(i, 100 - 10 * i if percent is None else percent,
                          {"q": (1.0 if key == "a" else 0.0, key)}) for i, key in enumerate(keys)]


def test_verdicts_come_with_five_answers_by_default_not_four():
    five = answers("b", "b", "b", "b", "b")
    assert quiz_statistics(QUIZ, five).questions[0].verdicts == ("too_hard", "misleading")
    assert question_statistics("q", five).verdicts == ("too_hard", "misleading")
    assert quiz_statistics(QUIZ, five[:4]).questions[0].verdicts == ()
    assert question_statistics("q", five[:4]).verdicts == ()


def test_verdicts_with_exactly_the_minimum_given():
    assert question_statistics("q", answers(*"bbbbbb"), min_attempts=6).verdicts != ()
    assert question_statistics("q", answers(*"bbbbb"), min_attempts=6).verdicts == ()


def test_nine_in_ten_right_is_not_over_ninety_percent():
    stats = question_statistics("q", answers(*"aaaaaaaaab"))
    assert stats.share_correct == 0.9 and "too_easy" not in stats.verdicts
    assert "too_easy" in question_statistics("q", answers(*"aaaaaaaaaaaaaaaaaaab")).verdicts


def test_three_in_ten_right_is_not_under_thirty_percent():
    stats = question_statistics("q", answers(*"aaabbbbccc"))
    assert stats.share_correct == 0.3 and "too_hard" not in stats.verdicts
    assert "too_hard" in question_statistics("q", answers(*"aabbbbbccc")).verdicts


def test_a_wrong_answer_as_popular_as_the_right_one_is_not_misleading():
    # the strong get it right, so it discriminates well; "b" only ties with "a"
    tied = question_statistics("q", answers(*"aaabbb"))
    assert (tied.right_count, tied.top_wrong, tied.top_wrong_count) == (3, "b", 3)
    assert tied.discrimination == 1.0 and "misleading" not in tied.verdicts
    more = question_statistics("q", answers(*"aaabbbb"))
    assert "misleading" in more.verdicts


def test_the_most_chosen_wrong_answer_wins_and_ties_go_by_key():
    assert question_statistics("q", answers(*"abccc")).top_wrong == "c"
    assert question_statistics("q", answers(*"acb")).top_wrong == "b"  # one each
    stats = question_statistics("q", answers(*"aacbbc"))
    assert (stats.top_wrong, stats.top_wrong_count) == ("b", 2)


def test_when_everyone_is_right_there_is_no_wrong_answer():
    stats = question_statistics("q", answers(*"aaaaa"))
    assert (stats.top_wrong, stats.top_wrong_count, stats.right_count) == (None, 0, 5)


def test_unanswered_attempts_are_not_counted_as_a_wrong_answer():
    blank = [AttemptRecord(i, 50, {"q": (0.0, "")}) for i in range(4)]
    stats = question_statistics("q", blank + answers("b"))
    assert (stats.attempts, stats.top_wrong, stats.top_wrong_count) == (5, "b", 1)


def test_the_mean_score_counts_partial_credit():
    rows = [AttemptRecord(i, 50, {"multi": (score, key)})
            for i, (score, key) in enumerate([(1.0, "a+b"), (0.5, "a"), (0.0, "c"), (0.5, "b")])]
    stats = question_statistics("multi", rows)
    assert stats.mean_score == 0.5 and stats.share_correct == 0.25
    assert (stats.top_wrong, stats.top_wrong_count) == ("a", 1)  # partly right is not right


def test_an_attempt_at_exactly_the_pass_mark_passed():
    rows = [AttemptRecord("lan", 69.99, {}), AttemptRecord("lan", 70, {}),
            AttemptRecord("mai", 69.99, {})]
    stats = quiz_statistics(QUIZ, rows)
    assert (stats.quiz_id, stats.attempts, stats.members) == ("basics", 3, 2)
    assert stats.pass_rate == pytest.approx(1 / 3)
    assert stats.member_pass_rate == 0.5  # Lan passed at her second attempt, Mai did not


def test_answers_are_described_in_words_after_the_quiz_changed():
    assert describe_response(QUIZ, "multi", "a+c") == "Photo + Spam"
    assert describe_response(QUIZ, "multi", "b") == "Question"
    assert describe_response(QUIZ, "q", "z") == "z"  # a choice removed since keeps its id
    assert describe_response(QUIZ, "multi", "a+z") == "Photo + z"
    assert describe_response(QUIZ, "gone", "a+b") == "a+b"  # so does a removed question


MATCH = Quiz("m", "M", questions=(Question("where", T.MATCHING, "Where", "", pairs=(
    MatchPair("a", "Reach", "Seen by"), MatchPair("b", "Growth", "1=2"),
    MatchPair("c", "", "In the settings"))),))


def test_matching_answers_may_hold_the_separators():
    assert describe_response(MATCH, "where", "a=Seen by;b=1=2") == "Reach → Seen by; Growth → 1=2"
    assert describe_response(MATCH, "where", "a=likes;shares=2") == "Reach → likes;shares=2"


def test_a_matching_key_from_before_the_prompts_changed_is_still_described():
    assert describe_response(MATCH, "where", "x=Seen by;b=1=2") == "? → x=Seen by; Growth → 1=2"
