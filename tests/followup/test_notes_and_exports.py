"""Follow-up notes (the log on the member's page) and the worklist's downloads, within the
coordinator's own units."""
from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook
from sqlalchemy import func, select

from app.models import AuditEntry
from app.models.followup import FollowUpNote
from tests.conftest import csrf_token_from


def write_note(client, member, text, *, page="/reports/follow-up", next_url=None):
    token = csrf_token_from(client.get(page))
    data = {"csrf_token": token, "text": text}
    if next_url is not None:
        data["next"] = next_url
    return client.post(f"/reports/members/{member.id}/follow-up", data=data)


def notes(db):
    with db() as session:
        return [(n.member_id, n.author_label, n.text) for n in session.scalars(select(FollowUpNote))]


def test_a_note_stays_in_her_log_with_date_and_author(client, login, people, db):
    login("phuong")
    response = write_note(client, people["lan"], "  called 3/12, will finish this week  ",
                          next_url=f"/reports/follow-up#member-{people['lan'].id}")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#member-{people['lan'].id}")
    assert notes(db) == [(people["lan"].id, "Trần Thị Kim Phượng (phuong)", "called 3/12, will finish this week")]
    page = client.get(f"/reports/members/{people['lan'].id}").get_data(as_text=True)
    log = page[page.index('id="follow-up"'):]
    assert "called 3/12, will finish this week" in log and "Trần Thị Kim Phượng (phuong)" in log
    assert "12/10/26, 10:00" in log  # when it was written, in the union's time zone
    worklist = client.get("/reports/follow-up").get_data(as_text=True)
    assert "Latest note:" in worklist and "called 3/12, will finish this week" in worklist


def test_an_empty_or_too_long_note_is_refused_with_the_reason(client, login, people, db):
    login("phuong")
    response = write_note(client, people["lan"], "   ")
    assert response.status_code == 303
    assert "The note was not saved" in client.get(response.headers["Location"]).get_data(as_text=True)
    write_note(client, people["lan"], "x" * 1001)
    assert notes(db) == []


def test_a_coordinator_writes_and_reads_notes_only_in_her_units(app, client, login, people, db):
    login("phuong")
    assert write_note(client, people["nga"], "not mine").status_code == 404
    assert client.get(f"/reports/members/{people['nga'].id}").status_code == 404
    other = app.test_client()
    login("yen", client_=other)
    assert write_note(other, people["nga"], "called, will come on Friday").status_code == 303
    assert "called, will come on Friday" in other.get("/reports/follow-up").get_data(as_text=True)
    assert other.get(f"/reports/members/{people['lan'].id}").status_code == 404
    assert "called, will come on Friday" not in client.get("/reports/follow-up").get_data(as_text=True)
    assert [text for _m, _a, text in notes(db)] == ["called, will come on Friday"]


def test_a_note_needs_the_form_token(client, login, people, db):
    login("phuong")
    client.post(f"/reports/members/{people['lan'].id}/follow-up", data={"text": "no token"})
    assert notes(db) == []


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_csv_holds_her_units_only_says_who_and_when_and_is_audited(client, login, people, db):
    login("phuong")
    response = client.get("/reports/follow-up/export/csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = read_csv(response)
    assert rows[0][0].startswith("Exported by Trần Thị Kim Phượng (phuong) on ") and rows[1] == []
    header, body = rows[2], rows[3:]
    assert header[:6] == ["Name", "Username", "Unit", "Committee role", "Phone", "Course"]
    assert [(r[1], r[5], r[6], r[7], r[8]) for r in body] == [
        ("lan", "Safety first", "2026-12-08", "2", ""), ("lan", "Basics", "2026-12-20", "", "10"),
        ("thu", "Safety first", "2026-12-08", "2", ""), ("thu", "Basics", "2026-12-20", "", "10")]
    assert body[1][header.index("Why")] == (
        "Stopped at lesson “One” on 03/12/2026; Failed the quiz “Basics check” 2 times")
    assert "https://learn.example.vn/courses/safety/" in body[0][header.index("Message")]
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export.members")).one()
        assert entry.people == 2 and json.loads(entry.detail)["filters"] == {"follow_up": "BT-BATRI"}


def test_a_coordinator_cannot_export_another_unit(client, login, people, db):
    login("phuong")
    assert client.get("/reports/follow-up/export/csv?unit=BT-CL-VT").status_code == 404
    assert client.get("/reports/follow-up/export/xlsx?unit=BT").status_code == 404
    with db() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "export.members")) == 0


def test_cells_that_a_spreadsheet_would_run_stay_text(client, login, people):
    login("yen")
    write_note(client, people["nga"], '=HYPERLINK("http://evil.example","x")')
    rows = read_csv(client.get("/reports/follow-up/export/csv"))
    header = rows[2]
    note = rows[3][header.index("Latest note")]
    assert note.startswith("'=HYPERLINK")


def test_the_xlsx_names_who_and_when_on_its_about_sheet(client, login, people, db):
    login("ha")
    response = client.get("/reports/follow-up/export/xlsx?course=safety")
    book = load_workbook(io.BytesIO(response.data))
    sheet, about = book.worksheets
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[1] for row in values[1:]] == ["lan", "thu", "nga", "yen"]
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["Exported by"] == "Nguyễn Thị Thanh Hà (ha)" and facts["Course"] == "Safety first"
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export.members")).one()
        assert json.loads(entry.detail) == {"filters": {"course": "safety", "follow_up": "BT"}, "format": "xlsx"}


def test_erasing_a_member_removes_the_notes_about_her(client, login, people, db, runner):
    login("phuong")
    write_note(client, people["lan"], "called Lan on 0912 345 678")
    write_note(client, people["thu"], "called Thu")
    result = runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    assert result.exit_code == 0, result.output
    assert [(member_id, text) for member_id, _a, text in notes(db)] == [(people["thu"].id, "called Thu")]
