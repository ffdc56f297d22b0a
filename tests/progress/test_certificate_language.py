"""A certificate reads in the language its holder finished the course in."""
from __future__ import annotations

import io
import re

import pytest
from conftest import csrf_token_from
from pypdf import PdfReader
from quizweb.paper import answers as by_text
from sqlalchemy import select

from app.models import Certificate

RIGHT = {"q-private": "Only members", "q-twostep": "True", "q-posts": "3"}


@pytest.fixture
def app_config(app_config, quiz_dirs):
    """The course has a Vietnamese translation before the app reads the catalogue."""
    courses, _, _ = quiz_dirs
    (courses / "basics" / "course.vi.md").write_text(
        "---\ntitle: Những điều cơ bản\n---\nXin chào.\n", encoding="utf-8")
    return app_config


def _finish(client):
    lesson = client.get("/courses/basics/hello")
    client.post("/courses/basics/hello/done", data={"csrf_token": csrf_token_from(lesson)})
    paper = client.get("/quizzes/basics?course=basics")
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
    client.post("/quizzes/basics?course=basics", data={"csrf_token": csrf_token_from(paper), "token": token,
                                                       **by_text(paper, RIGHT)})




def test_certificate_is_in_vietnamese_for_a_member_who_finished_in_vietnamese(app, client, db, make_member,
                                                                                 login):
    make_member("lan", full_name="Nguyễn Thị Lan", language="vi")
    login("lan")
    _finish(client)
    with db() as session:
        certificate = session.scalars(select(Certificate)).one()
        code = certificate.code
        assert (certificate.language, certificate.course_title) == ("vi", "Những điều cơ bản")

    mine = client.get(f"/me/certificates/{code}")
    assert "Những điều cơ bản".encode() in mine.data

    public = app.test_client()  # an English reader still sees the title she earned it in
    check = public.get(f"/certificates/{code}", headers={"Accept-Language": "en"})
    assert "Những điều cơ bản".encode() in check.data and b"This certificate is valid" in check.data

    pdf = client.get(f"/me/certificates/{code}.pdf")
    text = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Chứng nhận hoàn thành" in text and "Những điều cơ bản" in text
    assert "(Basics)" in text  # the original title beneath


def test_certificate_in_the_source_language_carries_one_title(app, client, db, make_member, login):
    make_member("mai", language="en")
    login("mai")
    _finish(client)
    with db() as session:
        certificate = session.scalars(select(Certificate)).one()
        assert (certificate.language, certificate.course_title) == ("en", "Basics")
    text = PdfReader(io.BytesIO(client.get(f"/me/certificates/{certificate.code}.pdf").data)).pages[0].extract_text()
    assert "Certificate of completion" in text and "(Basics)" not in text


def test_older_certificate_without_language_shows_the_title_in_its_holders_language(app, db, make_member,
                                                                                      province):
    holder = make_member("hoa", language="vi")
    with db() as session:
        session.add(Certificate(code="o" * 32, member_id=holder.id, course_slug="basics",
                                course_title="Basics", unit_id=province.id))
        session.commit()
    page = app.test_client().get("/certificates/" + "o" * 32)
    assert "Những điều cơ bản".encode() in page.data


def test_marking_the_last_lesson_done_gives_a_certificate_in_the_language_she_read_in(client, db, make_member,
                                                                                       login):
    make_member("thu", language=None)  # follows her browser, which reads Vietnamese
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "vi"
    login("thu")
    lesson = client.get("/courses/basics/hello")
    paper = client.get("/quizzes/basics?course=basics")
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
    client.post("/quizzes/basics?course=basics", data={"csrf_token": csrf_token_from(paper), "token": token,
                                                       **by_text(paper, RIGHT)})
    with db() as session:
        assert session.scalars(select(Certificate)).first() is None  # the lesson is still to do
    client.post("/courses/basics/hello/done", data={"csrf_token": csrf_token_from(lesson)})
    with db() as session:
        certificate = session.scalars(select(Certificate)).one()
        assert (certificate.language, certificate.course_title) == ("vi", "Những điều cơ bản")
