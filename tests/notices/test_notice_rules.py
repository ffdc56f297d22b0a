"""Which notices apply, around the edges of days in Hồ Chí Minh City (UTC+7).

Every instant below is written in UTC with the local time beside it: 16:59:59 UTC is
23:59:59 there, 17:00 UTC is the next day's midnight.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from app.notices.rules import (
    AssignedCourse,
    CourseShape,
    NoticeKind,
    QuizRecord,
    Situation,
    UpcomingSession,
    notices_for,
    tomorrow_window,
)

ZONE = "Asia/Ho_Chi_Minh"
COURSES = {"basics": CourseShape("basics", (("basics-check", 3),)),
           "safety": CourseShape("safety", (("safety-open", 0),))}
DUE = date(2026, 12, 15)


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def kinds(situation: Situation, now: datetime, courses=COURSES) -> list[tuple[str, str]]:
    return [(n.kind.value, n.key) for n in notices_for(situation, courses, now=now, zone=ZONE)]


def due(day=DUE, assigned_at=None, slug="basics") -> Situation:
    return Situation(assigned=(AssignedCourse(slug, day, assigned_at),), started=frozenset({slug}))


def test_the_due_date_is_due_soon_until_local_midnight_then_overdue():
    last_minute = notices_for(due(), COURSES, now=utc(2026, 12, 15, 16, 59, 59), zone=ZONE)  # 23:59:59 on the 15th
    assert [(n.kind, n.days, n.key) for n in last_minute] == [(NoticeKind.DUE_SOON, 0, "due-soon:basics:2026-12-15")]
    midnight = notices_for(due(), COURSES, now=utc(2026, 12, 15, 17, 0), zone=ZONE)  # 00:00 on the 16th
    assert [(n.kind, n.days, n.key) for n in midnight] == [(NoticeKind.OVERDUE, 1, "overdue:basics:2026-12-15")]


def test_due_soon_starts_seven_days_ahead_at_local_midnight():
    assert kinds(due(), utc(2026, 12, 7, 16, 59, 59)) == []  # 23:59:59 on the 7th: 8 days ahead
    week = notices_for(due(), COURSES, now=utc(2026, 12, 7, 17, 0), zone=ZONE)  # 00:00 on the 8th
    assert [(n.kind, n.days) for n in week] == [(NoticeKind.DUE_SOON, 7)]


def test_an_early_morning_in_vietnam_is_still_the_previous_day_in_utc():
    # 05:30 on the 16th in Vietnam is 22:30 on the 15th in UTC: overdue already.
    assert kinds(due(), utc(2026, 12, 15, 22, 30)) == [("overdue", "overdue:basics:2026-12-15")]


def test_a_new_assignment_is_new_for_fourteen_local_days_and_until_she_starts():
    assigned_at = utc(2026, 11, 30, 20, 0)  # 03:00 on 1 December in Vietnam
    fresh = Situation(assigned=(AssignedCourse("basics", None, assigned_at),))
    assert kinds(fresh, utc(2026, 12, 15, 16, 59)) == [("new", "new:basics:2026-12-01")]  # 23:59 on the 15th
    assert kinds(fresh, utc(2026, 12, 15, 17, 0)) == []  # the 16th: fifteen days on
    started = Situation(assigned=fresh.assigned, started=frozenset({"basics"}))
    assert kinds(started, utc(2026, 12, 2)) == []


def test_one_assignment_gives_one_notice_the_most_pressing():
    assigned_at = utc(2026, 12, 10, 3, 0)
    situation = Situation(assigned=(AssignedCourse("basics", DUE, assigned_at),))
    assert kinds(situation, utc(2026, 12, 10, 4, 0)) == [("due-soon", "due-soon:basics:2026-12-15")]


def test_a_dismissed_notice_stays_closed_and_is_not_replaced_by_a_milder_one():
    assigned_at = utc(2026, 12, 10, 3, 0)
    situation = Situation(assigned=(AssignedCourse("basics", DUE, assigned_at),),
                          dismissed=frozenset({"due-soon:basics:2026-12-15"}))
    assert kinds(situation, utc(2026, 12, 11)) == []


def test_a_new_due_date_makes_a_new_notice_after_a_dismissal():
    dismissed = frozenset({"due-soon:basics:2026-12-15"})
    moved = Situation(assigned=(AssignedCourse("basics", date(2026, 12, 18)),), started=frozenset({"basics"}),
                      dismissed=dismissed)
    assert kinds(moved, utc(2026, 12, 11)) == [("due-soon", "due-soon:basics:2026-12-18")]


def test_the_overdue_notice_is_another_notice_than_due_soon():
    situation = Situation(assigned=(AssignedCourse("basics", DUE),), started=frozenset({"basics"}),
                          dismissed=frozenset({"due-soon:basics:2026-12-15"}))
    assert kinds(situation, utc(2026, 12, 16, 3, 0)) == [("overdue", "overdue:basics:2026-12-15")]


def test_completed_hidden_and_undated_courses_make_no_due_notice():
    completed = Situation(assigned=(AssignedCourse("basics", DUE),), completed=frozenset({"basics"}))
    assert kinds(completed, utc(2026, 12, 20)) == []
    hidden = Situation(assigned=(AssignedCourse("draft-course", DUE),))
    assert kinds(hidden, utc(2026, 12, 20)) == []
    undated = Situation(assigned=(AssignedCourse("basics", None),), started=frozenset({"basics"}))
    assert kinds(undated, utc(2026, 12, 20)) == []


def test_a_failed_quiz_with_attempts_left_may_be_taken_again():
    situation = Situation(assigned=(AssignedCourse("basics", None),),
                          quizzes={"basics-check": QuizRecord("basics-check", 1, False)})
    [notice] = notices_for(situation, COURSES, now=utc(2026, 12, 1), zone=ZONE)
    assert (notice.kind, notice.key, notice.attempts_left) == (NoticeKind.RETAKE, "retake:basics-check:1", 2)


def test_another_failed_attempt_is_a_new_retake_notice():
    situation = Situation(assigned=(AssignedCourse("basics", None),),
                          quizzes={"basics-check": QuizRecord("basics-check", 2, False)},
                          dismissed=frozenset({"retake:basics-check:1"}))
    assert kinds(situation, utc(2026, 12, 1)) == [("retake", "retake:basics-check:2")]


def test_no_retake_when_passed_used_up_finished_or_not_taking_the_course():
    record = lambda attempts, passed: {"basics-check": QuizRecord("basics-check", attempts, passed)}  # noqa: E731
    assigned = (AssignedCourse("basics", None),)
    assert kinds(Situation(assigned=assigned, quizzes=record(1, True)), utc(2026, 12, 1)) == []
    assert kinds(Situation(assigned=assigned, quizzes=record(3, False)), utc(2026, 12, 1)) == []
    assert kinds(Situation(assigned=assigned, quizzes=record(1, False), completed=frozenset({"basics"})),
                 utc(2026, 12, 1)) == []
    assert kinds(Situation(quizzes=record(1, False)), utc(2026, 12, 1)) == []


def test_an_unlimited_quiz_of_a_started_course_has_no_count_of_attempts_left():
    situation = Situation(started=frozenset({"safety"}), quizzes={"safety-open": QuizRecord("safety-open", 5, False)})
    [notice] = notices_for(situation, COURSES, now=utc(2026, 12, 1), zone=ZONE)
    assert (notice.key, notice.attempts_left) == ("retake:safety-open:5", None)


def test_a_session_is_tomorrow_by_the_local_calendar():
    # 00:30 on the 16th in Vietnam is 17:30 on the 15th in UTC.
    session = UpcomingSession(7, "basics", utc(2026, 12, 15, 17, 30), "Hội trường xã")
    situation = Situation(sessions=(session,))
    assert kinds(situation, utc(2026, 12, 14, 16, 59)) == []  # 23:59 on the 14th: it is two days away
    assert kinds(situation, utc(2026, 12, 14, 17, 0)) == [("session-tomorrow", "session-tomorrow:7:2026-12-16")]
    assert kinds(situation, utc(2026, 12, 15, 16, 59)) == [("session-tomorrow", "session-tomorrow:7:2026-12-16")]
    assert kinds(situation, utc(2026, 12, 15, 17, 0)) == []  # it is today now


def test_tomorrow_is_asked_for_from_local_midnight_to_local_midnight():
    assert tomorrow_window(utc(2026, 12, 14, 17, 0), ZONE) == (utc(2026, 12, 15, 17, 0), utc(2026, 12, 16, 17, 0))
    assert tomorrow_window(utc(2026, 12, 14, 16, 59), ZONE) == (utc(2026, 12, 14, 17, 0), utc(2026, 12, 15, 17, 0))


def test_notices_come_most_pressing_first():
    situation = Situation(
        assigned=(AssignedCourse("basics", date(2026, 12, 12)), AssignedCourse("safety", date(2026, 12, 9)),
                  AssignedCourse("other", None, utc(2026, 12, 9))),
        started=frozenset({"basics", "safety"}),
        quizzes={"basics-check": QuizRecord("basics-check", 1, False)},
        sessions=(UpcomingSession(3, "basics", utc(2026, 12, 11, 2, 0)),),
    )
    courses = {**COURSES, "other": CourseShape("other")}
    assert [key for _kind, key in kinds(situation, utc(2026, 12, 10, 3, 0), courses)] == [
        "overdue:safety:2026-12-09", "session-tomorrow:3:2026-12-11", "due-soon:basics:2026-12-12",
        "retake:basics-check:1", "new:other:2026-12-09"]
