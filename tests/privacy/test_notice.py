"""The privacy notice: the newest version in the reader's language, Vietnamese otherwise,
older versions readable, the text sanitized by the one Markdown renderer."""
from __future__ import annotations

import shutil

import pytest

from app.privacy.notices import all_notices, problems


@pytest.fixture
def notices(app, tmp_path):
    folder = tmp_path / "notices"
    shutil.copytree(app.config["PRIVACY_NOTICES_DIR"], folder)
    app.config["PRIVACY_NOTICES_DIR"] = str(folder)
    return folder


def test_the_notice_is_in_the_readers_language(client):
    english = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    vietnamese = client.get("/privacy", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert "legal counsel must confirm" in english
    assert "Bộ phận pháp chế của Hội" in vietnamese and "legal counsel" not in vietnamese


def test_a_language_without_a_notice_falls_back_to_vietnamese(client):
    thai = client.get("/privacy", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert "Bộ phận pháp chế của Hội" in thai
    assert 'lang="vi"' in thai


def test_the_notice_says_what_who_how_long_and_the_72_hours(client):
    page = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    for words in ("quiz attempts", "certificates", "attendance", "her own units", "anonymous statistics",
                  "730 days", "365 days", "2 working days", "15 days", "72 hours", "withdraw"):
        assert words in page, words


def test_the_newest_version_is_shown_and_the_old_one_stays(client, notices):
    text = (notices / "2026-01-01.en.md").read_text(encoding="utf-8")
    (notices / "2026-09-01.en.md").write_text(
        text.replace("2026-01-01", "2026-09-01").replace("## Who is responsible", "## New section\n\nNEW TEXT.\n\n"
                                                         "## Who is responsible"), encoding="utf-8")
    assert "NEW TEXT" in client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    old = client.get("/privacy/2026-01-01", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "NEW TEXT" not in old and "An older version" in old
    # The new version exists only in English: a Vietnamese reader gets that, not nothing.
    assert "NEW TEXT" in client.get("/privacy", headers={"Accept-Language": "vi"}).get_data(as_text=True)


def test_an_unknown_version_is_not_found(client):
    assert client.get("/privacy/2020-01-01").status_code == 404


def test_raw_html_in_the_notice_is_sanitized(client, notices):
    path = notices / "2026-01-01.en.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n<script>alert(1)</script><a href="javascript:x()">x</a>\n',
                    encoding="utf-8")
    page = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<script>alert" not in page and "javascript:x()" not in page


def test_a_broken_notice_file_is_left_out_and_said_why(client, notices):
    (notices / "2026-10-01.vi.md").write_text("---\nversion: 2026-10-02\ndate: 2026-10-01\n---\nText\n",
                                              encoding="utf-8")
    assert ("2026-10-01", "vi") not in all_notices(str(notices))
    assert problems(str(notices)) == ("2026-10-01.vi.md: version '2026-10-02' differs from the file name",)
    assert client.get("/privacy").status_code == 200
