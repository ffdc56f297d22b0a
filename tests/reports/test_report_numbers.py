"""The report's numbers at every level against the hand-checked province in conftest."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.content_store import catalogue
from app.models import Unit
from app.progress.assignments import today_in
from app.reports.completion import CompletionRow, make_query, roll_up, run_report

from .conftest import EXPECTED, ZONE, assert_numbers, numbers


def report(db, level, *, root="BT", course=None, **filters):
    with db() as session:
        unit = session.scalars(select(Unit).where(Unit.code == root)).one()
        courses = [c for c in catalogue().visible_courses() if course in (None, c.slug)]
        query = make_query(root=unit, level=level, courses=courses, today=today_in(ZONE), zone=ZONE, **filters)
        return run_report(session, query, root=unit)


@pytest.mark.parametrize("level", ["district", "commune", "province"])
def test_unit_levels_match_the_hand_count(app, db, people, level):
    result = report(db, level)
    by_code = {row.code: numbers(row) for row in result.rows}
    assert set(by_code) == set(EXPECTED[level])
    for code, expected in EXPECTED[level].items():
        assert_numbers(by_code[code], expected)


def test_the_total_rolls_up_to_the_province(app, db, people):
    for level in ("district", "commune"):
        assert_numbers(numbers(report(db, level).total), EXPECTED["province"]["BT"])


def test_member_level_lists_each_active_member_with_her_courses(app, db, people):
    result = report(db, "member", root="BT-BATRI-ANTHUY")
    by_username = {row.code: numbers(row) for row in result.rows}
    assert set(by_username) == {"lan", "mai"}  # hoa is switched off
    for username, expected in EXPECTED["member"].items():
        assert_numbers(by_username[username], expected)


def test_paged_member_list_takes_its_total_from_the_whole_unit(app, db, people):
    result = report(db, "member", page=1)
    assert len(result.rows) == 8
    assert_numbers(numbers(result.total), EXPECTED["province"]["BT"])
    assert result.row_count == 8


def test_one_members_courses_have_one_status_each(app, db, people):
    with db() as session:
        query = make_query(root=None, level="course", courses=catalogue().visible_courses(),
                           today=today_in(ZONE), zone=ZONE, member_id=people["lan"].id)
        rows = {row.key: row for row in run_report(session, query).rows}
    assert rows["basics"].status == "completed" and rows["basics"].average_score == 80.0
    assert rows["safety"].status == "overdue" and rows["safety"].average_score is None
    assert rows["safety"].last_activity is not None


def test_one_course_counts_only_that_course(app, db, people):
    rows = {row.code: numbers(row) for row in report(db, "district", course="basics").rows}
    assert_numbers(rows["BT-BATRI"], (5, 5, 3, 1, 1, 0, 20.0, 60.0))
    assert_numbers(rows["BT-CL"], (2, 2, 0, 0, 1, 1, 50.0, 100.0))


def test_committee_role_filter_counts_only_those_members(app, db, people):
    rows = {row.code: numbers(row) for row in report(db, "district", committee_role="chair").rows}
    assert_numbers(rows["BT-BATRI"], (1, 2, 0, 0, 1, 1, 50.0, 80.0))
    assert_numbers(rows["BT-CL"], (1, 1, 0, 0, 1, 0, 100.0, 100.0))
    assert "BT" not in rows  # the province's own member is not a chair


def test_from_date_leaves_out_earlier_learning(app, db, people):
    since = today_in(ZONE) - timedelta(days=20)
    rows = {row.code: numbers(row) for row in report(db, "district", since=since).rows}
    # yen finished 40 days ago: not completed in the period, and not overdue either.
    assert_numbers(rows["BT-CL"], (2, 2, 1, 0, 0, 1, 0.0, None))
    assert_numbers(rows["BT-BATRI"], EXPECTED["district"]["BT-BATRI"])


def test_to_date_shows_the_state_at_the_end_of_that_day(app, db, people):
    until = today_in(ZONE) - timedelta(days=15)
    rows = {row.code: numbers(row) for row in report(db, "district", until=until).rows}
    # Fifteen days ago nobody in Ba Tri had begun and nothing was due yet.
    assert_numbers(rows["BT-BATRI"], (5, 7, 7, 0, 0, 0, 0.0, None))
    # nga had opened a lesson (20 days ago); her due date (10 days ago) was still ahead.
    assert_numbers(rows["BT-CL"], (2, 2, 0, 1, 1, 0, 50.0, 100.0))


def test_sorting_by_percent_puts_the_best_district_first(app, db, people):
    rows = report(db, "district", sort="percent", descending=True).rows
    assert [row.code for row in rows] == ["BT-CL", "BT-BATRI", "BT", "BT-GT"]  # no percent last


def test_roll_up_adds_counts_and_averages_the_scores_of_those_who_tried():
    def row(assigned, completed, scored, score_sum):
        return CompletionRow(key=1, name="x", code="x", kind=None, unit_name=None, members=assigned,
                             assigned=assigned, not_started=assigned - completed, in_progress=0,
                             completed=completed, overdue=0, scored=scored, score_sum=score_sum,
                             last_activity=None)

    total = roll_up([row(4, 1, 2, 150.0), row(6, 4, 1, 90.0), row(0, 0, 0, 0.0)])
    assert (total.assigned, total.completed, total.percent) == (10, 5, 50.0)
    assert total.average_score == pytest.approx(80.0)
    assert roll_up([]).percent is None and roll_up([]).average_score is None



def test_due_today_is_not_yet_overdue_and_a_quiz_alone_means_in_progress(app, db, people, units,
                                                                           make_member):
    from app.models import Assignment, QuizAttempt

    make_member("first", unit=units["BT-GT"])
    second = make_member("second", unit=units["BT-GT"])
    third = make_member("third", unit=units["BT-GT"])
    with db() as session:
        session.add(Assignment(course_slug="safety", unit_id=units["BT-GT"].id, due_date=today_in(ZONE)))
        # An attempt at a quiz of basics means "in progress" only once it is submitted.
        session.add(QuizAttempt(member_id=second.id, quiz_id="basics-check", number=1, token="a",
                                plan_json="{}"))
        session.add(QuizAttempt(member_id=third.id, quiz_id="basics-check", number=1, token="b",
                                plan_json="{}", submitted_at=datetime.now(UTC),
                                percent=30.0, passed=False))
        session.commit()
    safety = {row.code: numbers(row) for row in report(db, "district", course="safety").rows}
    assert_numbers(safety["BT-GT"], (3, 3, 3, 0, 0, 0, 0.0, None))  # due today: not overdue
    basics = {row.code: numbers(row) for row in report(db, "district", course="basics").rows}
    assert_numbers(basics["BT-GT"], (3, 3, 2, 1, 0, 0, 0.0, 30.0))


def test_last_activity_is_the_latest_lesson_or_submitted_attempt(app, db, people):
    from .conftest import at

    rows = {row.code: row for row in report(db, "member", root="BT-BATRI-ANTHUY").rows}
    assert rows["lan"].last_activity == at(3)  # opened the safety lesson
    assert rows["mai"].last_activity == at(1)  # her submitted attempt; the open one does not count
    district = {row.code: row for row in report(db, "district").rows}
    assert district["BT-BATRI"].last_activity == at(1)
    assert district["BT-GT"].last_activity is None
