"""A province whose follow-up worklist is worked out by hand (see ``EXPECTED_ORDER``).

Today is 10 December 2026 in Vietnam (the clock is set to 10:00 there).

Catalogue: ``basics`` (lessons one and two, quiz basics-check, three attempts) and ``safety``
(lesson rules, no quiz).

Assignments: basics to the province, due 20/12 (in 10 days); basics to Chợ Lách, due 05/12
(5 days overdue there: the earlier date counts); safety to Ba Tri for chairs and vice
chairs, due 08/12 (2 days overdue); safety to Vĩnh Thành, no due date.

Members (viewers ``ha`` admin, ``phuong`` coordinator of Ba Tri, ``yen`` coordinator of
Vĩnh Thành; ``dao`` a trainer at the province):
    lan   chair, An Thủy, 0912 345 678, Vietnamese   safety: not started (2 overdue);
          basics: stopped at lesson One on 03/12, failed basics-check twice (due in 10)
    mai   committee member, An Thủy                  basics completed: not listed
    thu   vice chair, Tân Xuân, +84 987 654 321      safety: not started (2 overdue); basics: not started
    cuc   vice chair, Tân Xuân, SWITCHED OFF         never listed
    nga   committee member, Vĩnh Thành, 84901234567  basics: not started, missed the session of 06/12
          (5 overdue); safety: not started (no due date)
    yen   coordinator, Vĩnh Thành                    basics: not started (5 overdue), attended the session
    dao   trainer, province                          basics: not started (due in 10)
    phuong coordinator, Ba Tri                       basics: not started (due in 10)
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.models import (
    Assignment,
    Attendance,
    CourseCompletion,
    LessonProgress,
    QuizAttempt,
    SessionInvitation,
    TrainingSession,
)

ZONE = "Asia/Ho_Chi_Minh"
NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)
PUBLIC = "https://learn.example.vn"

COURSE_FILES = {
    "courses/basics/course.md": "---\ntitle: Basics\nquizzes: [basics-check]\n---\nOverview.\n",
    "courses/basics/01-start/01-one.md": "---\ntitle: One\n---\nText.\n",
    "courses/basics/01-start/02-two.md": "---\ntitle: Two\n---\nText.\n",
    "courses/safety/course.md": "---\ntitle: Safety first\n---\nOverview.\n",
    "courses/safety/01-rules/01-rules.md": "---\ntitle: Rules\n---\nText.\n",
    "quizzes/basics-check.md": "---\ntitle: Basics check\npass_mark: 50\nmax_attempts: 3\n---\n## Q1\nPick one.\n\n"
                               "- [x] Yes\n- [ ] No\n",
}

#: What the admin's worklist shows, most urgent first.
EXPECTED_ORDER = ["nga", "yen", "lan", "thu", "dao", "phuong"]


@pytest.fixture
def app_config(app_config, tmp_path):
    for relative, text in COURSE_FILES.items():
        path = tmp_path / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    app_config.update(COURSES_DIR=str(tmp_path / "content" / "courses"),
                      QUIZZES_DIR=str(tmp_path / "content" / "quizzes"), BABEL_DEFAULT_TIMEZONE=ZONE,
                      PUBLIC_URL=PUBLIC)
    return app_config


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    from app.followup import views
    from app.notices import current

    monkeypatch.setattr(views, "utc_now", lambda: NOW)
    monkeypatch.setattr(current, "utc_now", lambda: NOW)
    return NOW


def local(day: int, hour: int) -> datetime:
    """``hour`` o'clock on ``day`` December 2026 in Vietnam."""
    return datetime(2026, 12, day, hour, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def units(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    cho_lach = make_unit("BT-CL", name="Huyện Chợ Lách", kind="district", parent=province)
    return {
        "BT": province, "BT-BATRI": ba_tri, "BT-CL": cho_lach,
        "BT-BATRI-ANTHUY": make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=ba_tri),
        "BT-BATRI-TANXUAN": make_unit("BT-BATRI-TANXUAN", name="Xã Tân Xuân", parent=ba_tri),
        "BT-CL-VT": make_unit("BT-CL-VT", name="Xã Vĩnh Thành", parent=cho_lach),
    }


@pytest.fixture
def people(units, make_member, db):
    spec = [
        ("ha", "admin", "BT", "standing_member", True, "Nguyễn Thị Thanh Hà", None, "en"),
        ("phuong", "coordinator", "BT-BATRI", "standing_member", True, "Trần Thị Kim Phượng", None, "en"),
        ("yen", "coordinator", "BT-CL-VT", "chair", True, "Ngô Thị Yến", "0913 000 111", "en"),
        ("dao", "trainer", "BT", "none", True, "Lê Thị Đào", None, "en"),
        ("lan", "officer", "BT-BATRI-ANTHUY", "chair", True, "Phạm Thị Lan", "0912 345 678", "vi"),
        ("mai", "officer", "BT-BATRI-ANTHUY", "committee_member", True, "Lê Thị Mai", None, None),
        ("thu", "officer", "BT-BATRI-TANXUAN", "vice_chair", True, "Huỳnh Thị Thu", "+84 987 654 321", None),
        ("cuc", "officer", "BT-BATRI-TANXUAN", "vice_chair", False, "Đặng Thị Cúc", None, None),
        ("nga", "officer", "BT-CL-VT", "committee_member", True, "Bùi Thị Nga", "84901234567", "en"),
    ]
    members = {username: make_member(username, role=role, unit=units[code], committee_role=committee,
                                     active=active, full_name=name, language=language)
               for username, role, code, committee, active, name, _phone, language in spec}
    with db() as session:
        from app.models import Member

        for username, *_rest, phone, _language in spec:
            if phone:
                session.get(Member, members[username].id).phone = phone
        long_ago = NOW - timedelta(days=40)
        session.add_all([
            Assignment(course_slug="basics", unit_id=units["BT"].id, due_date=date(2026, 12, 20), created_at=long_ago),
            Assignment(course_slug="basics", unit_id=units["BT-CL"].id, due_date=date(2026, 12, 5),
                       created_at=long_ago),
            Assignment(course_slug="safety", unit_id=units["BT-BATRI"].id, committee_roles="chair,vice_chair",
                       due_date=date(2026, 12, 8), created_at=long_ago),
            Assignment(course_slug="safety", unit_id=units["BT-CL-VT"].id, created_at=long_ago),
        ])
        lan, mai, nga, yen = (members[n].id for n in ("lan", "mai", "nga", "yen"))
        session.add(LessonProgress(member_id=lan, course_slug="basics", lesson_slug="one", started_at=local(3, 9)))
        for number in (1, 2):
            session.add(QuizAttempt(member_id=lan, quiz_id="basics-check", number=number, token=f"lan-{number}",
                                    plan_json="{}", started_at=local(4, 9), submitted_at=local(4, 9 + number),
                                    percent=0.0, passed=False))
        for slug in ("one", "two"):
            session.add(LessonProgress(member_id=mai, course_slug="basics", lesson_slug=slug, started_at=local(1, 9),
                                       completed_at=local(1, 10)))
        session.add(QuizAttempt(member_id=mai, quiz_id="basics-check", number=1, token="mai-1", plan_json="{}",
                                started_at=local(1, 11), submitted_at=local(1, 11), percent=100.0, passed=True))
        session.add(CourseCompletion(member_id=mai, course_slug="basics", completed_at=local(1, 11)))
        training = TrainingSession(course_slug="basics", starts_at=local(6, 8), ends_at=local(6, 11),
                                   place="Hội trường xã Vĩnh Thành",
                                   invitations=[SessionInvitation(unit_id=units["BT-CL-VT"].id)])
        session.add(training)
        session.flush()
        session.add(Attendance(session_id=training.id, member_id=yen, method="ticked", recorded_at=local(6, 9)))
        session.commit()
        members["session_id"] = training.id
    return members
