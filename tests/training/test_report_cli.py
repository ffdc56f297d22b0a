"""`flask report completion` carries the attendance columns the downloads have, with the same
numbers: the command line, the CSV and the XLSX agree."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

from openpyxl import load_workbook

from app.models import Assignment, Attendance

ATTENDANCE = ["Invited to sessions", "Attended sessions", "Attendance rate"]


def _held_session(db, people, units, make_session):
    held = make_session(starts_in=timedelta(days=-2))  # Xã Ba Tri: thu, lan and mai invited
    make_session(starts_in=timedelta(days=3))  # not begun: not counted
    with db() as session:
        session.add(Assignment(course_slug="hall", unit_id=units["province"].id))
        session.add(Assignment(course_slug="online", unit_id=units["province"].id))
        session.add(Attendance(session_id=held.id, member_id=people["officer"].id, method="paper"))
        session.commit()


def _number(cell: str):
    return None if cell == "" else float(cell) if "." in cell else int(cell)


def _rows(text: str, first: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return rows[next(i for i, row in enumerate(rows) if row and row[0] == first):]


def test_command_line_report_has_the_attendance_columns_of_the_downloads(client, db, login, runner, people,
                                                                         units, make_session, tmp_path):
    _held_session(db, people, units, make_session)
    args = ["report", "completion", "--unit", "29110", "--by", "member", "--course", "hall"]
    printed = runner.invoke(args=[*args, "--format", "csv"])
    assert printed.exit_code == 0, printed.output
    cli = _rows(printed.output, "Name")
    assert cli[0][-3:] == ATTENDANCE
    by_name = {row[0]: row[-3:] for row in cli[1:] if row}
    assert by_name["Nguyễn Thị Lan"] == ["1", "1", "100.0"] and by_name["Phạm Thị Mai"] == ["1", "0", "0.0"]
    login("thu")  # the coordinator of Xã Ba Tri downloads the same report
    download = _rows(client.get("/reports/export/csv?unit=29110&by=member&course=hall").data.decode("utf-8-sig"),
                     "Name")
    assert cli == download
    workbook = tmp_path / "completion.xlsx"
    assert runner.invoke(args=[*args, "--format", "xlsx", "--output", str(workbook)]).exit_code == 0
    sheet = list(load_workbook(workbook).worksheets[0].iter_rows(values_only=True))
    assert list(sheet[0]) == cli[0]
    assert [list(row[-3:]) for row in sheet[1:]] == [[_number(cell) for cell in row[-3:]] for row in cli[1:]]
    table = runner.invoke(args=args).output
    assert "Attendance rate" in table.splitlines()[0]


def test_command_line_report_by_unit_totals_the_attendance_of_blended_courses_only(
        db, runner, people, units, make_session):
    _held_session(db, people, units, make_session)
    printed = runner.invoke(args=["report", "completion", "--unit", "BT", "--by", "commune", "--course", "hall",
                                  "--format", "csv"])
    rows = _rows(printed.output, "Unit")
    assert rows[0][-3:] == ATTENDANCE
    by_unit = {row[0]: row[-3:] for row in rows[1:] if row}
    assert by_unit["Xã Ba Tri"] == ["3", "1", "33.3"]
    assert rows[-1][-3:] == ["3", "1", "33.3"]  # the total: nobody else was invited
    # Online courses alone: no session of theirs has begun, the report looks as it always did.
    printed = runner.invoke(args=["report", "completion", "--unit", "BT", "--by", "commune", "--course", "online",
                                  "--format", "csv"])
    assert printed.exit_code == 0 and _rows(printed.output, "Unit")[0][-1] == "Last activity"
