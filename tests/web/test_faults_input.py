"""Input no page accepts: control characters (on SQLite and PostgreSQL alike), dates, page
numbers and ids out of range, forms with too many fields; and log lines that cannot be forged."""
from __future__ import annotations

import io
import logging
import time

import pytest
from conftest import csrf_token_from
from sqlalchemy import func, select
from wtforms import Form, StringField, TextAreaField

from app.models import Member

HUGE = str(2**63)
CONTROL_MESSAGE = b"invisible control character"


@pytest.fixture
def coordinator(make_unit, province, make_member, login):
    district = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=district)
    make_member("chi", role="coordinator", unit=province)
    assert login("chi").status_code == 302


@pytest.fixture
def admin(make_member, login):
    make_member("ha", role="admin")
    assert login("ha").status_code == 302


def _members(db) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(Member))


# Control characters, at every input --------------------------------------------------------

def test_sign_in_with_a_nul_is_a_form_error(client, make_member):
    make_member("lan")
    page = client.get("/login")
    response = client.post("/login", data={"username": "lan\x00", "password": "x",
                                           "csrf_token": csrf_token_from(page)})
    assert response.status_code in (200, 400)
    assert CONTROL_MESSAGE in response.data


def test_certificate_check_with_a_nul_is_a_400(client):
    response = client.get("/certificates/" + "a" * 20 + "%00" + "b" * 10)
    assert response.status_code == 400
    assert CONTROL_MESSAGE in response.data


def test_member_search_with_a_nul_is_a_400(client, admin):
    response = client.get("/admin/members/?q=lan%00")
    assert response.status_code == 400
    assert CONTROL_MESSAGE in response.data


def test_member_form_with_a_nul_is_a_form_error_and_saves_nothing(client, admin, db, province):
    page = client.get("/admin/members/new")
    before = _members(db)
    response = client.post("/admin/members/new", data={
        "csrf_token": csrf_token_from(page), "username": "mai\x00", "full_name": "Trần\x00 Mai",
        "unit_id": str(province.id), "committee_role": "chair", "role": "officer", "language": "",
    })
    assert response.status_code in (200, 400)
    assert response.data.count(CONTROL_MESSAGE) == 2
    assert _members(db) == before


@pytest.mark.parametrize("where", ["start", "after 4 KB"])
def test_roster_with_a_nul_is_refused_at_the_dry_run(client, admin, db, where):
    row = "mai.tran,Trần\x00 Mai,BT,chair\n"
    filler = "".join(f"user{i:04d},Người {i},BT,chair\n" for i in range(200))  # > 4 KB
    body = row + filler if where == "start" else filler + row
    data = ("username,full_name,unit_code,committee_role\n" + body).encode("utf-8")
    page = client.get("/admin/roster/")
    before = _members(db)
    response = client.post("/admin/roster/", data={
        "csrf_token": csrf_token_from(page), "file": (io.BytesIO(data), "roster.csv"),
    }, content_type="multipart/form-data")
    assert response.status_code == 400
    expected = b"not a CSV or XLSX file" if where == "start" else b"Row 202, column 2 holds an invisible control"
    assert expected in response.data
    assert _members(db) == before


def test_a_text_box_keeps_its_line_breaks_but_no_nul():
    class Note(Form):
        title = StringField()
        body = TextAreaField()

    from werkzeug.datastructures import MultiDict

    from app.forms import refused_input

    form = Note(MultiDict({"title": "A\ttitle", "body": "line one\r\n\tline two"}))
    assert refused_input(form.title) is not None
    assert refused_input(form.body) is None
    form = Note(MultiDict({"title": "ok", "body": "line\x00"}))
    assert refused_input(form.title) is None and refused_input(form.body) is not None


# Out-of-range values -----------------------------------------------------------------------

@pytest.mark.parametrize("query", ["until=9999-12-31", "since=0001-01-01", "since=0001-01-01&until=9999-12-31"])
@pytest.mark.parametrize("page", ["/reports/", "/reports/export/csv"])
def test_report_dates_out_of_range_are_a_400(client, coordinator, page, query):
    response = client.get(f"{page}?{query}")
    assert response.status_code == 400
    assert b"Enter a date between" in response.data


@pytest.mark.parametrize("url", [f"/reports/?page={HUGE}", f"/reports/units/BT/roster?page={HUGE}",
                                 f"/admin/members/?page={HUGE}"])
def test_page_numbers_out_of_range_are_not_a_500(client, coordinator, url):
    assert client.get(url).status_code < 500


def test_a_huge_number_that_no_form_bounds_is_a_400(client, admin):
    response = client.get(f"/admin/members/?unit={HUGE}")
    assert response.status_code == 400
    assert b"is too large" in response.data


@pytest.mark.parametrize("url", [f"/reports/members/{HUGE}", f"/admin/members/{HUGE}", f"/admin/units/{HUGE}",
                                 f"/reports/members/{2**31}"])
def test_route_ids_out_of_range_are_a_404(client, coordinator, url):
    assert client.get(url).status_code == 404


@pytest.fixture
def quiz_dirs_config(app_config, quiz_dirs):
    courses, quizzes, _ = quiz_dirs
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(quizzes))
    return app_config


def test_a_nul_in_a_course_file_path_is_a_400(quiz_dirs_config, make_member, client, login):
    make_member("lan")
    login("lan")
    assert client.get("/courses/basics/files/a%00b.png").status_code == 400


def test_quiz_statistics_dates_out_of_range_are_a_400(quiz_dirs_config, make_member, client, login):
    make_member("tam", role="trainer")
    login("tam")
    assert client.get("/quizzes/basics/statistics?start=0001-01-01").status_code == 400
    assert client.get("/quizzes/basics/statistics?end=9999-12-31").status_code == 400


# Limits on forms -----------------------------------------------------------------------------

def test_a_post_with_100000_fields_is_refused_without_parsing_them(client, monkeypatch):
    import app.security as security

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("the fields were parsed")

    monkeypatch.setattr(security, "parse_qsl", no_parsing)
    body = "&".join(f"f{i}=1" for i in range(100_000))
    started = time.perf_counter()
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert time.perf_counter() - started < 1.0


def test_a_multipart_post_with_too_many_parts_is_a_413(client):
    data = {f"f{i}": "1" for i in range(2000)}
    assert client.post("/login", data=data, content_type="multipart/form-data").status_code == 413


def test_an_ordinary_sign_in_form_still_parses(client, make_member, login):
    make_member("lan")
    assert login("lan").status_code == 302


# Log lines -----------------------------------------------------------------------------------

def test_log_messages_escape_line_breaks_and_control_characters(app):
    record = logging.getLogger("union.audit").makeRecord(
        "union.audit", logging.WARNING, __file__, 1, "path=%s user=%r", ("/x\n2026 INFO login ok", "a\rb\x00"), None)
    message = record.getMessage()
    assert "\n" not in message and "\r" not in message and "\x00" not in message
    assert "\\n2026 INFO login ok" in message


def test_a_path_with_a_line_feed_cannot_forge_a_log_line(client, caplog):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        caplog.set_level("INFO")
        client.get("/reports/%0AINFO union.audit login ok: admin")
    finally:
        logging.getLogger().removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines, "the refused path was not logged"
    assert not [line for line in lines if line.startswith("INFO union.audit login ok")]
    assert any("\\nINFO union.audit login ok" in line for line in lines)
