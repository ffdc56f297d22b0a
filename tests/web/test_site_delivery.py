"""The site's name, icon, manifest and compression; Vietnamese dates and English plurals."""
from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime

import pytest


def test_favicon_and_manifest_are_served(client):
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200 and icon.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    manifest = client.get("/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest.mimetype == "application/manifest+json"
    data = json.loads(manifest.data)
    assert data["name"] == "Hội LHPN tỉnh Vĩnh Long – Học tập số" and data["theme_color"].startswith("#")
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for entry in data["icons"]:
        with client.get(entry["src"]) as response:
            assert response.status_code == 200


def test_site_name_is_a_setting_used_in_brand_and_title(app, client):
    page = client.get("/login").data.decode()
    assert "<title>" in page and "· Hội LHPN tỉnh Vĩnh Long – Học tập số</title>" in page
    assert 'class="brand"' in page and "Union Learning" not in page
    app.config["SITE_NAME"] = "Hội LHPN tỉnh Bến Tre"
    assert "Hội LHPN tỉnh Bến Tre</a>" in client.get("/login").data.decode()
    assert json.loads(client.get("/manifest.webmanifest").data)["name"] == "Hội LHPN tỉnh Bến Tre"


def test_pages_and_static_text_are_compressed_when_the_browser_accepts_it(client):
    page = client.get("/login", headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"
    assert b"<html" in gzip.decompress(page.data)
    assert "Accept-Encoding" in page.headers.get("Vary", "")
    with client.get("/static/app.css", headers={"Accept-Encoding": "gzip"}) as css:
        assert css.headers.get("Content-Encoding") == "gzip" and b"--brand" in gzip.decompress(css.data)
    plain = client.get("/login")
    assert "Content-Encoding" not in plain.headers and b"<html" in plain.data


@pytest.mark.parametrize("language, expected", [("vi", "31/12/2026"), ("en", "Dec 31, 2026")])
def test_dates_in_the_readers_form(app, language, expected):
    with app.test_request_context():
        from flask_babel import force_locale

        with force_locale(language):
            render = app.jinja_env.from_string("{{ d|format_date }}|{{ t|format_datetime('short') }}")
            text = render.render(d=date(2026, 12, 31), t=datetime(2026, 12, 31, 3, 5, tzinfo=UTC))
    day, moment = text.split("|")
    assert day == expected
    if language == "vi":
        assert moment == "10:05 31/12/2026"  # Asia/Ho_Chi_Minh, the century kept


def test_english_plurals_on_the_course_page(app, client, make_member, login, tmp_path):
    make_member("lan")
    login("lan")
    catalogue = client.get("/courses/").data.decode()
    import re
    slug = re.search(r'href="/courses/([a-z0-9-]+)/"', catalogue).group(1)
    page = client.get(f"/courses/{slug}/").data.decode()
    match = re.search(r"0 of (\d+) lessons? read", page)
    assert match
    total = int(match.group(1))
    assert match.group(0) == (f"0 of {total} lesson read" if total == 1 else f"0 of {total} lessons read")
