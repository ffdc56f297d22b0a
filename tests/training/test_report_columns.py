"""The completion report gains attendance columns (invited, attended, rate) by unit level,
on the page and in the downloads, for sessions that have begun."""
from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from app.models import Assignment, Attendance
from app.models.privacy import Erasure


def _setup(db, people, units, make_session, make_member):
    held = make_session(starts_in=timedelta(days=-2), unit_keys=("ba_tri",))  # lan, mai, thu invited
    make_session(starts_in=timedelta(days=3), unit_keys=("ba_tri",))  # not begun: not counted
    an_hoi = make_session(starts_in=timedelta(days=-1), unit_keys=("an_hoi", "province"))  # everyone
    make_member("gone", unit=units["an_hoi"])
    with db() as session:
        session.add(Assignment(course_slug="hall", unit_id=units["province"].id))
        session.add(Attendance(session_id=held.id, member_id=people["officer"].id, method="paper"))
        session.add(Attendance(session_id=an_hoi.id, member_id=people["outsider"].id, method="code"))
        session.add(Attendance(session_id=an_hoi.id, member_id=people["officer"].id, method="code"))
        session.add(Erasure(member_id=session.query(type(people["officer"])).filter_by(username="gone").one().id,
                            reason="operator"))
        session.commit()


def _texts(row: str) -> list[str]:
    """The words of each cell of one table row, tags taken out."""
    return [" ".join(re.sub(r"<[^>]+>", " ", cell.split(">", 1)[1]).split()) for cell in row.split("<td")[1:]]


def _cells(html: str, name: str) -> list[str]:
    return _texts(html.split(f">{name}</a></th>")[1].split("</tr>")[0])


def test_report_by_commune_has_attendance_columns(client, db, login, people, units, make_session, make_member):
    _setup(db, people, units, make_session, make_member)
    login("boss")
    page = client.get("/reports/?unit=BT&by=commune&course=hall")
    assert page.status_code == 200
    html = page.data.decode()
    assert "Sessions attended" in html
    # Xã Ba Tri: thu, lan, mai invited twice each (their own session and the province-wide one); lan at both.
    assert _cells(html, "Xã Ba Tri")[-1] == "2 of 6 33.3%"
    # Xã An Hội: hoa and cuc invited once (the erased member is not counted); cuc came.
    assert _cells(html, "Xã An Hội")[-1] == "1 of 2 50%"
    assert _texts(html.split("<tfoot>")[1].split("</tfoot>")[0])[-1] == "3 of 10 30%"


def test_report_export_carries_the_columns(client, db, login, people, units, make_session, make_member):
    _setup(db, people, units, make_session, make_member)
    login("thu")  # coordinator of Xã Ba Tri: her members
    data = client.get("/reports/export/csv?unit=29110&by=member&course=hall").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Name")  # after the export stamp
    header, rows = rows[start], rows[start:]
    assert header[-3:] == ["Invited to sessions", "Attended sessions", "Attendance rate"]
    by_name = {row[0]: row for row in rows[1:] if row}
    assert by_name["Nguyễn Thị Lan"][-3:] == ["2", "2", "100.0"]
    assert by_name["Phạm Thị Mai"][-3:] == ["2", "0", "0.0"]


def test_online_only_report_has_no_attendance_columns(client, db, login, people, units, make_session):
    with db() as session:
        session.add(Assignment(course_slug="online", unit_id=units["province"].id))
        session.commit()
    make_session(starts_in=timedelta(days=-1), course="hall")
    login("boss")
    html = client.get("/reports/?unit=BT&by=commune&course=online").data.decode()
    assert "Sessions attended" not in html
