"""A small province whose report numbers are worked out by hand (see ``EXPECTED``).

Catalogue: ``basics`` (lessons one, two required; extra optional; quiz basics-check) and
``safety`` (lesson rules, no quiz).

Assignments: basics to the province (due in 30 days); basics again to Chợ Lách (due 10
days ago: the earlier date wins there); safety to Ba Tri for chairs and vice chairs (due
5 days ago).

Members and what they did (today is the union's today):
    ha      admin, province itself, standing   basics: nothing              -> not started
    phuong  coordinator, Ba Tri itself          basics: nothing              -> not started
    lan     chair, An Thủy                     basics: completed 10 days ago, quiz 60 then 80
                                               safety: opened rules        -> overdue
    mai     committee member, An Thủy          basics: opened one, quiz 40 -> in progress
    hoa     vice chair, An Thủy, SWITCHED OFF  (counts nowhere)
    thu     vice chair, Tân Xuân               basics: nothing -> not started; safety -> overdue
    cuc     committee member, Tân Xuân         basics: opened a lesson no longer in the course
                                               -> not started
    nga     committee member, Vĩnh Thành (Chợ Lách)  basics: opened two -> overdue
    yen     chair, Vĩnh Thành                  basics: completed 40 days ago, quiz 100
Giồng Trôm (district) has no members.
"""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.models import Assignment, CourseCompletion, LessonProgress, QuizAttempt
from app.progress.assignments import today_in
from app.progress.counts import bring_up_to_date

ZONE = "Asia/Ho_Chi_Minh"

COURSE_FILES = {
    "courses/basics/course.md": "---\ntitle: Basics\nquizzes: [basics-check]\n---\nOverview.\n",
    "courses/basics/01-start/01-one.md": "---\ntitle: One\n---\nText.\n",
    "courses/basics/01-start/02-two.md": "---\ntitle: Two\n---\nText.\n",
    "courses/basics/01-start/03-extra.md": "---\ntitle: Extra\nrequired: false\n---\nText.\n",
    "courses/safety/course.md": "---\ntitle: Safety first\n---\nOverview.\n",
    "courses/safety/01-rules/01-rules.md": "---\ntitle: Rules\n---\nText.\n",
    "quizzes/basics-check.md": "---\ntitle: Basics check\npass_mark: 50\n---\n## Q1\nPick one.\n\n"
                               "- [x] Yes\n- [ ] No\n",
}

#: Hand-worked numbers: (members, assigned, not started, in progress, completed, overdue,
#: percent complete, average best quiz score).
EXPECTED = {
    "district": {
        "BT": (1, 1, 1, 0, 0, 0, 0.0, None),  # the province's own member
        "BT-BATRI": (5, 7, 3, 1, 1, 2, 100 / 7, 60.0),
        "BT-CL": (2, 2, 0, 0, 1, 1, 50.0, 100.0),
        "BT-GT": (0, 0, 0, 0, 0, 0, None, None),
    },
    "commune": {
        "BT": (1, 1, 1, 0, 0, 0, 0.0, None),
        "BT-BATRI": (1, 1, 1, 0, 0, 0, 0.0, None),
        "BT-BATRI-ANTHUY": (2, 3, 0, 1, 1, 1, 100 / 3, 60.0),
        "BT-BATRI-TANXUAN": (2, 3, 2, 0, 0, 1, 0.0, None),
        "BT-CL-VT": (2, 2, 0, 0, 1, 1, 50.0, 100.0),
    },
    "province": {"BT": (8, 10, 4, 1, 2, 3, 20.0, 220 / 3)},
    "member": {  # within An Thủy
        "lan": (1, 2, 0, 0, 1, 1, 50.0, 80.0),
        "mai": (1, 1, 0, 1, 0, 0, 0.0, 40.0),
    },
}


@pytest.fixture
def app_config(app_config, tmp_path):
    for relative, text in COURSE_FILES.items():
        path = tmp_path / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    app_config["COURSES_DIR"] = str(tmp_path / "content" / "courses")
    app_config["QUIZZES_DIR"] = str(tmp_path / "content" / "quizzes")
    app_config["BABEL_DEFAULT_TIMEZONE"] = ZONE
    return app_config


def at(days_ago: int, hour: int = 10) -> datetime:
    """An instant ``days_ago`` days before the union's today, at ``hour`` local time."""
    day = today_in(ZONE) - timedelta(days=days_ago)
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(ZONE)).astimezone(UTC)


@pytest.fixture
def units(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    cho_lach = make_unit("BT-CL", name="Huyện Chợ Lách", kind="district", parent=province)
    giong_trom = make_unit("BT-GT", name="Huyện Giồng Trôm", kind="district", parent=province)
    return {
        "BT": province, "BT-BATRI": ba_tri, "BT-CL": cho_lach, "BT-GT": giong_trom,
        "BT-BATRI-ANTHUY": make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=ba_tri),
        "BT-BATRI-TANXUAN": make_unit("BT-BATRI-TANXUAN", name="Xã Tân Xuân", parent=ba_tri),
        "BT-CL-VT": make_unit("BT-CL-VT", name="Xã Vĩnh Thành", parent=cho_lach),
    }


@pytest.fixture
def people(units, make_member, db):
    """The hand-checked province; returns members by username."""
    spec = [
        ("ha", "admin", "BT", "standing_member", True, "Nguyễn Thị Thanh Hà"),
        ("phuong", "coordinator", "BT-BATRI", "standing_member", True, "Trần Thị Kim Phượng"),
        ("lan", "officer", "BT-BATRI-ANTHUY", "chair", True, "Phạm Thị Lan"),
        ("mai", "officer", "BT-BATRI-ANTHUY", "committee_member", True, "Lê Thị Mai"),
        ("hoa", "officer", "BT-BATRI-ANTHUY", "vice_chair", False, "Võ Thị Hoa"),
        ("thu", "officer", "BT-BATRI-TANXUAN", "vice_chair", True, "Huỳnh Thị Thu"),
        ("cuc", "officer", "BT-BATRI-TANXUAN", "committee_member", True, "Đặng Thị Cúc"),
        ("nga", "officer", "BT-CL-VT", "committee_member", True, "Bùi Thị Nga"),
        ("yen", "coordinator", "BT-CL-VT", "chair", True, "Ngô Thị Yến"),
    ]
    members = {username: make_member(username, role=role, unit=units[code], committee_role=committee,
                                     active=active, full_name=name)
               for username, role, code, committee, active, name in spec}
    today = today_in(ZONE)
    with db() as session:
        session.add_all([
            Assignment(course_slug="basics", unit_id=units["BT"].id, due_date=today + timedelta(days=30)),
            Assignment(course_slug="basics", unit_id=units["BT-CL"].id, due_date=today - timedelta(days=10)),
            Assignment(course_slug="safety", unit_id=units["BT-BATRI"].id, committee_roles="chair,vice_chair",
                       due_date=today - timedelta(days=5)),
        ])
        lan, mai, hoa, cuc, nga, yen = (members[n].id for n in ("lan", "mai", "hoa", "cuc", "nga", "yen"))
        for slug in ("one", "two"):
            session.add(LessonProgress(member_id=lan, course_slug="basics", lesson_slug=slug,
                                       started_at=at(12), completed_at=at(11)))
            session.add(LessonProgress(member_id=yen, course_slug="basics", lesson_slug=slug,
                                       started_at=at(42), completed_at=at(41)))
        session.add(LessonProgress(member_id=lan, course_slug="safety", lesson_slug="rules", started_at=at(3)))
        session.add(LessonProgress(member_id=mai, course_slug="basics", lesson_slug="one", started_at=at(2)))
        session.add(LessonProgress(member_id=hoa, course_slug="basics", lesson_slug="one", started_at=at(2)))
        session.add(LessonProgress(member_id=cuc, course_slug="basics", lesson_slug="gone", started_at=at(2)))
        session.add(LessonProgress(member_id=nga, course_slug="basics", lesson_slug="two", started_at=at(20)))
        attempts = [(lan, 1, 60.0, at(11, 9)), (lan, 2, 80.0, at(10)), (mai, 1, 40.0, at(1)),
                    (yen, 1, 100.0, at(40))]
        for member_id, number, percent, when in attempts:
            session.add(QuizAttempt(member_id=member_id, quiz_id="basics-check", number=number,
                                    token=f"t-{member_id}-{number}", plan_json="{}", started_at=when,
                                    submitted_at=when, percent=percent, passed=percent >= 50))
        session.add(QuizAttempt(member_id=mai, quiz_id="basics-check", number=2, token="open",
                                plan_json="{}", started_at=at(0)))  # not submitted: no score
        session.add(CourseCompletion(member_id=lan, course_slug="basics", completed_at=at(10)))
        session.add(CourseCompletion(member_id=yen, course_slug="basics", completed_at=at(40)))
        session.commit()
        bring_up_to_date(session)  # as `flask init` does: reports by unit read the kept counts
        session.commit()
    return members


def numbers(row) -> tuple:
    """A report row as the tuple used in ``EXPECTED``."""
    return (row.members, row.assigned, row.not_started, row.in_progress, row.completed, row.overdue,
            row.percent, row.average_score)


def assert_numbers(actual: tuple, expected: tuple) -> None:
    assert actual[:6] == expected[:6]
    for got, want in zip(actual[6:], expected[6:], strict=False):
        assert (got is None) == (want is None), (actual, expected)
        if want is not None:
            assert got == pytest.approx(want)
