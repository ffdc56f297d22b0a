"""Assignments through the web, and a course completed, certified, verified and revoked."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from conftest import csrf_token_from
from pypdf import PdfReader
from quizweb.paper import answers as by_text
from sqlalchemy import select

from app.models import Assignment, Certificate

RIGHT = {"q-private": "Only members", "q-twostep": "True", "q-posts": "3"}
WRONG = {"q-private": "Anyone on Facebook", "q-twostep": "False", "q-posts": "9"}


@pytest.fixture
def units(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    an_thuy = make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=ba_tri)
    cho_lach = make_unit("BT-CL", name="Huyện Chợ Lách", kind="district", parent=province)
    return {"ba_tri": ba_tri, "an_thuy": an_thuy, "cho_lach": cho_lach}


def _assign(client, **data):
    page = client.get("/admin/assignments/")
    return client.post("/admin/assignments/", data={"csrf_token": csrf_token_from(page), **data})


def test_coordinator_assigns_to_her_units_only_and_bad_input_is_explained(app, client, db, make_member, login, units):
    make_member("phuong", role="coordinator", unit=units["ba_tri"])
    login("phuong")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    outside = _assign(client, course="basics", unit_id=units["cho_lach"].id, due_date=tomorrow)
    assert outside.status_code == 400 and b"only assign courses to your own units" in outside.data
    missing = _assign(client, course="no-such-course", unit_id=units["an_thuy"].id, due_date=tomorrow)
    assert missing.status_code == 400 and "There is no course “no-such-course”".encode() in missing.data
    past = _assign(client, course="basics", unit_id=units["an_thuy"].id, due_date="2020-01-01")
    assert past.status_code == 400 and b"due date is in the past" in past.data
    with db() as session:
        assert session.scalars(select(Assignment)).all() == []
    ok = _assign(client, course="basics", unit_id=units["ba_tri"].id, due_date=tomorrow,
                 committee_roles=["chair"])
    assert ok.status_code == 302
    with db() as session:
        assignment = session.scalars(select(Assignment)).one()
        assert assignment.unit_id == units["ba_tri"].id and assignment.committee_roles == "chair"


def test_assigned_course_shows_first_on_my_learning(app, client, db, make_member, login, units):
    with db() as session:
        session.add(Assignment(course_slug="basics", unit_id=units["ba_tri"].id,
                               due_date=date.today() + timedelta(days=5)))
        session.commit()
    make_member("lan", unit=units["an_thuy"], committee_role="chair")
    login("lan")
    page = client.get("/me")
    assert page.status_code == 200
    assert b"Courses assigned to you" in page.data and b"Not started" in page.data


def test_officer_completes_the_course_and_her_certificate_verifies(app, client, db, make_member, login, units):
    officer = make_member("lan", full_name="Nguyễn Thị Phượng Hằng", unit=units["an_thuy"])
    login("lan")
    lesson = client.get("/courses/basics/hello")
    client.post("/courses/basics/hello/done", data={"csrf_token": csrf_token_from(lesson)})
    for answers in (WRONG, RIGHT):  # fails once, then passes
        paper = client.get("/quizzes/basics?course=basics")
        token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
        client.post("/quizzes/basics?course=basics", data={"csrf_token": csrf_token_from(paper), "token": token,
                                                           **by_text(paper, answers)})
    with db() as session:
        certificate = session.scalars(select(Certificate)).one()
        code = certificate.code
        assert certificate.member_id == officer.id and len(code) >= 32
    me = client.get("/me")
    assert f"/me/certificates/{code}".encode() in me.data

    pdf = client.get(f"/me/certificates/{code}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.data))
    text = reader.pages[0].extract_text()
    assert "Nguyễn Thị Phượng Hằng" in text
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    verify_links = [link for link in links if link.endswith(f"/certificates/{code}")]
    assert verify_links, links  # the QR code carries the public link

    public = app.test_client()  # anyone, not signed in
    path = "/" + verify_links[0].split("/", 3)[3]
    page = public.get(path)
    assert page.status_code == 200
    assert "Nguyễn Thị Phượng Hằng".encode() in page.data and b"This certificate is valid" in page.data
    assert b"Basics" in page.data and "Xã An Thủy".encode() in page.data
    main = page.data.split(b"<main")[1].split(b"</main>")[0]
    assert not re.search(rb"\blan\b", main)  # no username or any other detail about her

    make_member("boss", role="admin")
    admin = app.test_client()
    login("boss", client_=admin)
    form = admin.get(path)
    asked = admin.post(f"/certificates/{code}/revoke", data={"csrf_token": csrf_token_from(form),
                                                             "reason": "Issued by mistake"})
    assert asked.status_code == 200 and b"This cannot be undone" in asked.data
    assert b"This certificate is valid" in public.get(path).data  # not revoked until confirmed
    revoked = admin.post(f"/certificates/{code}/revoke", data={"csrf_token": csrf_token_from(asked),
                                                               "reason": "Issued by mistake", "confirmed": "yes"})
    assert revoked.status_code == 302
    assert b"has been revoked" in public.get(path).data


def test_unknown_certificate_code_is_plain_not_found(client):
    assert client.get("/certificates/" + "x" * 32).status_code == 404
    assert client.get("/certificates/short").status_code == 404


def test_certificate_lookups_are_throttled(app, client):
    statuses = [client.get("/certificates/" + "y" * 32).status_code for _ in range(35)]
    assert statuses[-1] == 429


def test_officer_cannot_revoke_or_open_someone_elses_copy(app, client, db, make_member, login, units):
    make_member("lan", unit=units["an_thuy"])
    other = make_member("mai", unit=units["an_thuy"])
    with db() as session:
        session.add(Certificate(code="c" * 32, member_id=other.id, course_slug="basics",
                                course_title="Basics", unit_id=units["an_thuy"].id))
        session.commit()
    login("lan")
    assert client.get("/me/certificates/" + "c" * 32).status_code == 404
    page = client.get("/certificates/" + "c" * 32)
    assert b"Revoke" not in page.data
    response = client.post("/certificates/" + "c" * 32 + "/revoke",
                           data={"csrf_token": csrf_token_from(client.get("/me")), "reason": "x"})
    assert response.status_code == 403
