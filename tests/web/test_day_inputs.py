"""Dates are typed as day/month/year whatever the browser's language: a plain text box that
says so, reads 31/12/2026 (and 2026-12-31), and refuses anything else with a clear message."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.forms import parse_day
from app.models import Assignment

COURSE = "running-facebook-groups"
#: Every page where officers, coordinators or admins enter a date.
DATE_PAGES = ["/admin/assignments/", "/reports/", "/admin/audit/", "/admin/certificates/",
              "/admin/privacy/requests", "/groups/new"]


@pytest.mark.parametrize("text, day", [
    ("31/12/2026", date(2026, 12, 31)), ("5/4/2026", date(2026, 4, 5)), ("05.04.2026", date(2026, 4, 5)),
    ("05-04-2026", date(2026, 4, 5)), ("05 04 2026", date(2026, 4, 5)), (" 5 / 4 / 2026 ", date(2026, 4, 5)),
    ("05042026", date(2026, 4, 5)), ("2026-04-05", date(2026, 4, 5)), ("2026-4-5", date(2026, 4, 5)),
])
def test_a_day_reads_day_first(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["31/02/2026", "13/13/2026", "5/4/26", "2026/04/05", "tomorrow", "4/5", "",
                                  "0504202", "٠٥٠٤٢٠٢٦"])
def test_what_is_not_a_day_is_none(text):
    assert parse_day(text) is None


@pytest.fixture
def admin(make_member, login):
    member = make_member("ha", role="admin", full_name="Nguyễn Thị Hà")
    login("ha")
    return member


def test_no_page_asks_the_browser_for_its_own_date_box(client, admin):
    for url in DATE_PAGES:
        html = client.get(url).get_data(as_text=True)
        assert 'type="date"' not in html, url
        boxes = re.findall(r'<input[^>]*placeholder="dd/mm/yyyy"[^>]*>', html)
        assert boxes, url
        for box in boxes:
            assert 'type="text"' in box and "-hint" in box, (url, box)  # the hint is read out with the box
        assert "Day/month/year, for example 31/12/2026." in html, url


def test_every_form_types_its_days_in_a_day_month_year_box():
    """No form of the app, present or added later, asks the browser for its own date box."""
    import importlib
    import pkgutil

    from wtforms import DateField
    from wtforms.fields.core import UnboundField

    import app as package
    from app.forms import AppForm, DayField

    for module in pkgutil.walk_packages(package.__path__, "app."):
        importlib.import_module(module.name)
    forms, found = [AppForm], []
    while forms:
        form = forms.pop()
        forms += form.__subclasses__()
        for name, value in vars(form).items():
            if isinstance(value, UnboundField) and issubclass(value.field_class, DateField):
                found.append((f"{form.__module__}.{form.__name__}.{name}", value.field_class))
    assert found and all(issubclass(kind, DayField) for _, kind in found), found


def test_a_due_date_typed_day_first_is_the_day_meant(client, db, admin, province):
    page = client.get("/admin/assignments/")
    due = date.today() + timedelta(days=40)
    response = client.post("/admin/assignments/", data={
        "csrf_token": csrf_token_from(page), "course": COURSE, "unit_id": province.id,
        "due_date": due.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    with db() as session:
        assert session.scalars(select(Assignment.due_date)).one() == due


def test_a_date_that_is_not_one_gets_a_message_at_its_box(client, db, admin, province):
    page = client.get("/admin/assignments/")
    response = client.post("/admin/assignments/", data={
        "csrf_token": csrf_token_from(page), "course": COURSE, "unit_id": province.id, "due_date": "31/02/2027"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "“31/02/2027” is not a date: write day/month/year, for example 31/12/2026." in html
    assert 'value="31/02/2027"' in html  # what she typed stays, to be corrected
    with db() as session:
        assert session.scalars(select(Assignment)).all() == []


def test_a_filter_given_as_an_iso_date_shows_day_first(client, admin):
    html = client.get("/reports/?since=2026-03-01").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="since"[^>]*value="01/03/2026"', html) or \
        re.search(r'<input[^>]*value="01/03/2026"[^>]*name="since"', html)


def test_vietnamese_officers_read_the_hint_in_vietnamese(client, make_member, login, province):
    make_member("phuong", role="coordinator", language="vi")
    login("phuong")
    html = client.get("/admin/assignments/").get_data(as_text=True)
    assert "Ngày/tháng/năm, ví dụ 31/12/2026." in html and 'placeholder="ngày/tháng/năm"' in html
