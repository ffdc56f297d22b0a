"""Sharing a course: a short public link that only redirects, and its QR code."""
from __future__ import annotations

import pytest

from app.qr import qr_svg

from .conftest import PUBLIC


@pytest.fixture
def draft(app_config, tmp_path):
    folder = tmp_path / "content" / "courses" / "secret"
    (folder / "01-a").mkdir(parents=True)
    (folder / "course.md").write_text("---\ntitle: Secret\ndraft: true\n---\nSoon.\n", encoding="utf-8")
    (folder / "01-a" / "01-a.md").write_text("---\ntitle: A\n---\nText.\n", encoding="utf-8")
    return "secret"


def test_the_short_link_sends_anyone_to_the_course_page_which_asks_her_to_sign_in(client, people):
    response = client.get("/c/basics")
    assert response.status_code == 302 and response.headers["Location"].endswith("/courses/basics/")
    course = client.get(response.headers["Location"])
    assert course.status_code == 302 and "/login" in course.headers["Location"]


def test_unknown_and_draft_courses_have_no_short_link(draft, client, login, people):
    assert client.get("/c/nope").status_code == 404
    assert client.get(f"/c/{draft}").status_code == 404
    login("dao")  # a trainer may preview drafts
    assert client.get(f"/c/{draft}").status_code == 302


def test_the_course_page_shows_the_short_link_and_its_qr_code(client, login, people):
    login("lan")
    page = client.get("/courses/basics/").get_data(as_text=True)
    link = f"{PUBLIC}/c/basics"
    assert f'value="{link}"' in page
    assert qr_svg(link) in page  # the QR code holds exactly the short link
    assert 'href="/courses/basics/share/"' in page


def test_the_share_page_prints_the_code_large_and_the_picture_downloads(client, login, people):
    login("lan")
    sheet = client.get("/courses/basics/share/").get_data(as_text=True)
    assert qr_svg(f"{PUBLIC}/c/basics") in sheet and f"{PUBLIC}/c/basics" in sheet
    picture = client.get("/courses/basics/share/qr.png")
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    assert picture.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert client.get("/courses/nope/share/").status_code == 404


def test_the_links_never_come_from_the_request_host(client, login, people):
    login("lan")
    page = client.get("/courses/basics/", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page
