"""Who is behind, why, and in which order: the pure rule, with hand-built progress."""
from __future__ import annotations

from datetime import UTC, date, datetime

from app.followup.reasons import CourseFacts, Reason, ReasonKind, behind_in, worklist

TODAY = date(2026, 12, 10)
STOPPED_AT = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def facts(slug="basics", due=None, *, complete=False, started=False, last=None, quizzes=(), missed=()):
    return CourseFacts(slug, due, complete, started, last, quizzes, missed)


def test_a_completed_course_is_not_behind():
    assert behind_in(facts(due=date(2026, 12, 1), complete=True, started=True), TODAY) is None


def test_not_started():
    behind = behind_in(facts(due=date(2026, 12, 20)), TODAY)
    assert behind.reasons == (Reason(ReasonKind.NOT_STARTED),)
    assert (behind.days_overdue, behind.overdue, behind.days_left) == (-10, False, 10)


def test_stopped_at_a_lesson_on_a_day_and_failed_a_quiz_twice():
    behind = behind_in(facts(due=date(2026, 12, 8), started=True, last=("one", STOPPED_AT),
                             quizzes=[("basics-check", 2, False), ("other-check", 0, False)]), TODAY)
    assert behind.reasons == (Reason(ReasonKind.STOPPED, lesson_slug="one", on=STOPPED_AT),
                              Reason(ReasonKind.FAILED_QUIZ, quiz_id="basics-check", times=2))
    assert (behind.days_overdue, behind.overdue) == (2, True)


def test_a_quiz_passed_after_failing_is_no_reason():
    behind = behind_in(facts(started=True, last=("two", STOPPED_AT), quizzes=[("basics-check", 2, True)]), TODAY)
    assert [r.kind for r in behind.reasons] == [ReasonKind.STOPPED]


def test_a_missed_session_is_a_reason_beside_not_started():
    when = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)
    behind = behind_in(facts(due=date(2026, 12, 5), missed=[(4, when)]), TODAY)
    assert behind.reasons == (Reason(ReasonKind.NOT_STARTED), Reason(ReasonKind.MISSED_SESSION, on=when, session_id=4))


def test_most_urgent_first_overdue_by_most_days_then_due_soonest_then_no_date():
    members = {
        1: [facts("a", None)],
        2: [facts("a", date(2026, 12, 20))],
        3: [facts("a", date(2026, 12, 8))],
        4: [facts("a", date(2026, 12, 12))],
        5: [facts("a", date(2026, 12, 1))],
        6: [facts("a", date(2026, 12, 10))],  # due today: not overdue yet
        7: [facts("a", date(2026, 12, 1), complete=True)],
    }
    assert [e.member_id for e in worklist(members, members, TODAY)] == [5, 3, 6, 4, 2, 1]


def test_a_member_is_as_urgent_as_her_most_urgent_course_which_comes_first():
    members = {1: [facts("later", date(2026, 12, 30))],
               2: [facts("later", date(2026, 12, 30)), facts("late", date(2026, 12, 9))]}
    entries = worklist([1, 2], members, TODAY)
    assert [e.member_id for e in entries] == [2, 1]
    assert [c.course_slug for c in entries[0].courses] == ["late", "later"]


def test_equally_urgent_members_keep_the_order_given_which_is_by_name():
    members = {9: [facts("a", date(2026, 12, 8))], 3: [facts("a", date(2026, 12, 8))], 5: [facts("a", None)]}
    assert [e.member_id for e in worklist([9, 3, 5], members, TODAY)] == [9, 3, 5]
    assert [e.member_id for e in worklist([3, 9, 5], members, TODAY)] == [3, 9, 5]


def test_members_with_nothing_assigned_or_everything_done_are_not_listed():
    members = {1: [], 2: [facts("a", None, complete=True, started=True)]}
    assert worklist([1, 2, 3], members, TODAY) == []
