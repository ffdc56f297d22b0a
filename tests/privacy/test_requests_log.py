"""The admins' request log: deadlines from the union's calendar, overdue first, one extension,
an inspector's CSV that says who exported it and when."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEntry, PrivacyRequest
from tests.conftest import csrf_token_from
from tests.privacy.conftest import agree_as


@pytest.fixture
def admin(make_member, login, client):
    make_member("ha", role="admin", full_name="Nguyễn Thị Hà")
    login("ha")
    agree_as(client)


def _enter(client, username, kind, received_on, details=""):
    page = client.get("/admin/privacy/requests")
    return client.post("/admin/privacy/requests/new", data={
        "csrf_token": csrf_token_from(page), "username": username, "kind": kind, "channel": "paper",
        "received_on": received_on.isoformat(), "details": details})


def test_only_admins_open_the_log(client, make_member, login):
    make_member("phuong", role="coordinator")
    login("phuong")
    agree_as(client)
    assert client.get("/admin/privacy/requests").status_code == 403
    assert client.get("/admin/privacy/requests.csv").status_code == 403


def test_a_paper_request_is_entered_with_its_deadlines(client, admin, make_member, db):
    lan = make_member("lan")
    response = _enter(client, "lan", "correction", date(2026, 2, 13), "Sai tên đơn vị")
    assert response.status_code == 302
    page = client.get("/admin/privacy/requests").get_data(as_text=True)
    assert "Feb 24, 2026" in page  # acknowledge by: two working days after Tết
    assert "Mar 2, 2026" in page  # carry out by: 28 February is a Saturday
    with db() as session:
        asked = session.scalars(select(PrivacyRequest)).one()
        assert (asked.member_id, asked.channel, asked.received_on) == (lan.id, "paper", date(2026, 2, 13))
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.target_member_id == lan.id)).all() \
            == ["privacy.request"]


def test_an_unknown_username_is_refused_and_saves_nothing(client, admin, db):
    response = _enter(client, "nobody", "access", date(2026, 3, 2))
    assert response.status_code == 400
    assert "No member has this username." in response.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(PrivacyRequest)).all() == []


def test_overdue_requests_come_first(client, admin, make_member):
    make_member("lan", full_name="Lan Recent")
    make_member("mai", full_name="Mai Overdue")
    today = date.today()
    _enter(client, "lan", "access", today)
    _enter(client, "mai", "access", today - timedelta(days=40))
    page = client.get("/admin/privacy/requests").get_data(as_text=True)
    assert page.index("Mai Overdue") < page.index("Lan Recent")
    assert page.count("Overdue</strong>") == 1


def test_one_extension_of_at_most_fifteen_days(client, admin, make_member, db):
    make_member("lan")
    _enter(client, "lan", "access", date(2026, 3, 2))
    with db() as session:
        asked_id = session.scalars(select(PrivacyRequest.id)).one()
    page = client.get("/admin/privacy/requests")
    token = csrf_token_from(page)
    too_long = client.post(f"/admin/privacy/requests/{asked_id}/extend",
                           data={"csrf_token": token, "days": "16", "reason": "Cần xác minh"})
    assert too_long.status_code == 400
    assert "An extension is 1 to 15 days." in too_long.get_data(as_text=True)
    ok = client.post(f"/admin/privacy/requests/{asked_id}/extend",
                     data={"csrf_token": token, "days": "10", "reason": "Cần xác minh"})
    assert ok.status_code == 302
    again = client.post(f"/admin/privacy/requests/{asked_id}/extend",
                        data={"csrf_token": token, "days": "5", "reason": "Lần nữa"}, follow_redirects=True)
    assert "does not fit the request" in again.get_data(as_text=True)
    with db() as session:
        asked = session.get(PrivacyRequest, asked_id)
        assert (asked.extension_days, asked.extension_reason) == (10, "Cần xác minh")


def test_acknowledging_and_finishing_are_recorded(client, admin, make_member, db):
    make_member("lan")
    _enter(client, "lan", "access", date(2026, 3, 2))
    with db() as session:
        asked_id = session.scalars(select(PrivacyRequest.id)).one()
    token = csrf_token_from(client.get("/admin/privacy/requests"))
    assert client.post(f"/admin/privacy/requests/{asked_id}/acknowledge", data={"csrf_token": token}).status_code == 302
    assert client.post(f"/admin/privacy/requests/{asked_id}/done",
                       data={"csrf_token": token, "outcome": "Đã gửi bản sao"}).status_code == 302
    with db() as session:
        asked = session.get(PrivacyRequest, asked_id)
        assert asked.acknowledged_at and asked.done_at and asked.outcome == "Đã gửi bản sao"
        steps = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "privacy.request_update")).all()
    assert len(steps) == 2


def test_the_inspectors_export_says_who_and_when_and_is_recorded(client, admin, make_member, db):
    make_member("lan", full_name="=HYPERLINK(\"x\")")
    _enter(client, "lan", "deletion", date(2026, 3, 2))
    response = client.get("/admin/privacy/requests.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0].startswith("Exported by Nguyễn Thị Hà (ha) on ") and rows[1] == []
    assert rows[2][0] == "Request"
    assert rows[3][2] == "'=HYPERLINK(\"x\")"  # formula-neutralised
    assert rows[3][5] == "2026-03-02" and rows[3][6] == "2026-03-04" and rows[3][8] == "2026-03-17"
    with db() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export.privacy_requests")).one()
        assert entry.people == 1
