"""A unit's committee roster: status per assigned course, those behind first, scoped."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete

from app.models import Assignment, CourseCompletion, LessonProgress, QuizAttempt


@pytest.fixture
def setup(db, make_unit, province, make_member):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    an_thuy = make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=ba_tri)
    cho_lach = make_unit("BT-CL", name="Huyện Chợ Lách", kind="district", parent=province)
    people = {
        "done": make_member("done", full_name="Anh Done", unit=an_thuy),
        "started": make_member("started", full_name="Binh Started", unit=an_thuy),
        "idle": make_member("idle", full_name="Cuc Idle", unit=an_thuy),
        "late": make_member("late", full_name="Dao Late", unit=ba_tri),
        "far": make_member("far", full_name="Em Far", unit=cho_lach),
    }
    now = datetime.now(timezone.utc)
    with db() as session:
        session.add(Assignment(course_slug="basics", unit_id=an_thuy.id, due_date=date.today() + timedelta(days=9)))
        session.add(Assignment(course_slug="basics", unit_id=ba_tri.id, due_date=date.today() - timedelta(days=3)))
        session.add(CourseCompletion(member_id=people["done"].id, course_slug="basics", completed_at=now))
        session.add(LessonProgress(member_id=people["started"].id, course_slug="basics", lesson_slug="hello", started_at=now))
        session.add(QuizAttempt(member_id=people["late"].id, quiz_id="basics", number=1, token="t" * 32, plan_json="{}",
                                submitted_at=now, percent=10, passed=False))
        session.commit()
    return ba_tri, an_thuy, cho_lach, people


def _rows(page) -> list[tuple[str, str]]:
    body = page.data.decode().split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'<th scope="row"><a [^>]+>([^<]+)</a></th>.*?<span class="status (\w+)"', body, re.S)


def test_roster_shows_each_status_with_those_behind_first(client, login, make_member, setup):
    ba_tri, _an_thuy, _cho_lach, people = setup
    make_member("phuong", role="coordinator", unit=ba_tri, full_name="Zz Coordinator")
    login("phuong")
    page = client.get("/reports/units/bt-batri/roster")
    assert page.status_code == 200
    rows = _rows(page)
    # The earliest due date applies, so every assignment below Ba Tri is already overdue
    # for those who have not finished.
    assert rows[-1] == ("Anh Done", "completed")
    assert {name for name, status in rows if status == "overdue"} >= {"Binh Started", "Cuc Idle", "Dao Late"}
    assert "Em Far" not in page.data.decode()


def test_commune_roster_counts_in_progress_and_not_started(client, login, make_member, db, setup):
    ba_tri, an_thuy, _cho_lach, people = setup
    with db() as session:  # only the commune's own, later assignment
        session.execute(delete(Assignment).where(Assignment.unit_id == ba_tri.id))
        session.commit()
    make_member("phuong", role="coordinator", unit=ba_tri)
    login("phuong")
    rows = dict(_rows(client.get("/reports/units/BT-BATRI-ANTHUY/roster")))
    assert rows == {"Cuc Idle": "not_started", "Binh Started": "in_progress", "Anh Done": "completed"}
    names = list(rows)
    assert names == ["Cuc Idle", "Binh Started", "Anh Done"]


def test_coordinator_cannot_open_another_districts_roster(client, login, make_member, setup):
    ba_tri, _an_thuy, cho_lach, _people = setup
    make_member("phuong", role="coordinator", unit=ba_tri)
    login("phuong")
    assert client.get("/reports/units/BT-CL/roster").status_code == 404
    assert client.get("/reports/units/NO-SUCH/roster").status_code == 404


def test_member_page_lists_her_quiz_attempts(client, login, make_member, setup):
    ba_tri, _an_thuy, _cho_lach, people = setup
    make_member("phuong", role="coordinator", unit=ba_tri)
    login("phuong")
    page = client.get(f"/reports/members/{people['late'].id}")
    assert page.status_code == 200
    assert b"Quiz attempts" in page.data and b"Group basics" in page.data and b"Not passed" in page.data
    assert b"Progress in every course" in page.data and b"0 / 1" in page.data  # lessons read
