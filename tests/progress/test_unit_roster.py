"""A unit's committee roster: status per assigned course, those behind first, scoped."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

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
    now = datetime.now(UTC)
    with db() as session:
        session.add(Assignment(course_slug="basics", unit_id=an_thuy.id, due_date=date.today() + timedelta(days=9)))
        session.add(Assignment(course_slug="basics", unit_id=ba_tri.id, due_date=date.today() - timedelta(days=3)))
        session.add(CourseCompletion(member_id=people["done"].id, course_slug="basics", completed_at=now))
        session.add(LessonProgress(member_id=people["started"].id, course_slug="basics", lesson_slug="hello",
                                   started_at=now))
        session.add(QuizAttempt(member_id=people["late"].id, quiz_id="basics", number=1, token="t" * 32, plan_json="{}",
                                submitted_at=now, percent=10, passed=False))
        session.commit()
    return ba_tri, an_thuy, cho_lach, people


def _rows(page) -> list[tuple[str, str]]:
    body = page.data.decode().split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'<th scope="row"><a [^>]+>([^<]+)</a></th>.*?<span class="badge badge-(\w+)"', body, re.S)


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


def _give_phones(db, people):
    from app.models import Member

    with db() as session:
        session.get(Member, people["idle"].id).phone = "0912 345 678"
        session.get(Member, people["far"].id).phone = "0987 000 111"
        session.commit()


def test_roster_shows_each_members_unit_and_phone(client, db, login, make_member, setup):
    ba_tri, _an_thuy, _cho_lach, people = setup
    _give_phones(db, people)
    make_member("phuong", role="coordinator", unit=ba_tri)
    login("phuong")
    page = client.get("/reports/units/bt-batri/roster").data.decode()
    head = page.split("<thead>")[1].split("</thead>")[0]
    assert "Unit" in head and "Phone" in head
    idle = page.split("Cuc Idle")[1].split("</tr>")[0]
    assert "Xã An Thủy" in idle and 'href="tel:0912345678"' in idle
    late = page.split("Dao Late")[1].split("</tr>")[0]
    assert "Huyện Ba Tri" in late
    assert "0987 000 111" not in page  # the other district's member is not on her roster


def test_roster_downloads_as_csv_and_xlsx_and_each_download_is_audited(client, db, login, make_member, setup):
    import io

    from openpyxl import load_workbook
    from sqlalchemy import select

    from app.models import AuditEntry

    ba_tri, _an_thuy, _cho_lach, people = setup
    _give_phones(db, people)
    make_member("phuong", role="coordinator", unit=ba_tri, full_name="Zz Coordinator")
    login("phuong")
    page = client.get("/reports/units/bt-batri/roster")
    assert b"/reports/units/BT-BATRI/roster/export/csv" in page.data
    csv_file = client.get("/reports/units/BT-BATRI/roster/export/csv")
    assert csv_file.status_code == 200 and csv_file.mimetype == "text/csv"
    lines = csv_file.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith('"Exported by Zz Coordinator (phuong) on ') and lines[1] == ""
    assert lines[2] == "Name,Unit,Committee role,Phone,Basics"
    assert "Cuc Idle,Xã An Thủy,Committee member,0912 345 678,Overdue" in lines
    assert not any("Em Far" in line for line in lines)
    xlsx = client.get("/reports/units/BT-BATRI/roster/export/xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "Unit", "Committee role", "Phone", "Basics"]
    assert len(values) == 1 + 5  # every member of Ba Tri and below, the coordinator included
    with db() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    exports = [e for e in entries if e.action == "export.members"]
    assert len(exports) == 2 and all(e.people == 5 for e in exports)
    assert client.get("/reports/units/BT-CL/roster/export/csv").status_code == 404
    assert client.get("/reports/units/BT-BATRI/roster/export/pdf").status_code == 404
