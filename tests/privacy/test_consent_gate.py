"""Before agreeing to the current notice a member opens only the notice, her own data and
sign-out; agreeing, declining and withdrawing are recorded with the notice's version."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Consent

CLOSED_PAGES = ["/", "/me", "/courses/", "/account/password", "/admin/", "/reports/"]
OPEN_PAGES = ["/privacy", "/privacy/2026-01-01", "/privacy/consent", "/me/data", "/me/data.json", "/me/data.csv",
              "/favicon.ico", "/manifest.webmanifest"]


@pytest.mark.parametrize("path", CLOSED_PAGES)
def test_no_other_page_opens_before_consent(client, make_member, login, path):
    make_member("lan", role="admin")
    login("lan")
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/privacy/consent")


@pytest.mark.parametrize("path", OPEN_PAGES)
def test_the_notice_and_her_own_data_open_before_consent(client, make_member, login, path):
    make_member("lan")
    login("lan")
    response = client.get(path)
    assert response.status_code == 200
    response.close()  # the icon is sent from its file


def test_sign_out_works_before_consent(client, make_member, login, post_form):
    make_member("lan")
    login("lan")
    response = post_form("/privacy/consent", "/logout")
    assert response.status_code == 302
    assert client.get("/me/data").status_code == 302  # signed out: to the sign-in page
    assert "/login" in client.get("/me/data").headers["Location"]


def test_public_pages_stay_open_without_signing_in(client):
    assert client.get("/privacy").status_code == 200
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/login").status_code == 200


def test_the_consent_screen_has_two_buttons_and_no_ticked_box(client, make_member, login):
    make_member("lan")
    login("lan")
    page = client.get("/privacy/consent").get_data(as_text=True)
    assert 'name="agree"' in page and 'name="decline"' in page
    assert 'type="checkbox"' not in page and "checked" not in page


def test_agreeing_opens_the_platform_and_records_the_version(client, make_member, login, agree, db):
    lan = make_member("lan")
    login("lan")
    agree()
    assert client.get("/me").status_code == 200
    with db() as session:
        consent = session.scalars(select(Consent).where(Consent.member_id == lan.id)).one()
        assert (consent.notice_version, consent.decision, consent.method) == ("2026-01-01", "given", "online")
        assert consent.recorded_by_id == lan.id
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.consent")).one()
        assert entry.target_member_id == lan.id


def test_declining_leaves_only_her_data(client, make_member, login, post_form, db):
    lan = make_member("lan")
    login("lan")
    response = post_form("/privacy/consent", "/privacy/consent", {"decline": "1"})
    assert response.headers["Location"].endswith("/me/data")
    assert client.get("/me").status_code == 302
    assert client.get("/me/data.json").status_code == 200
    with db() as session:
        assert session.scalars(select(Consent.decision).where(Consent.member_id == lan.id)).all() == ["declined"]


def test_withdrawing_closes_the_platform_again(client, make_member, login, agree, post_form, db):
    lan = make_member("lan")
    login("lan")
    agree()
    response = post_form("/me/data", "/privacy/withdraw")
    assert response.status_code == 302
    assert client.get("/me").status_code == 302
    assert client.get("/me/data").status_code == 200
    with db() as session:
        decisions = session.scalars(select(Consent.decision).where(Consent.member_id == lan.id)
                                    .order_by(Consent.id)).all()
    assert decisions == ["given", "withdrawn"]


def test_a_new_version_asks_again(client, make_member, login, agree, app, tmp_path):
    import shutil

    notices = tmp_path / "notices"
    shutil.copytree(app.config["PRIVACY_NOTICES_DIR"], notices)
    app.config["PRIVACY_NOTICES_DIR"] = str(notices)
    make_member("lan")
    login("lan")
    agree()
    assert client.get("/me").status_code == 200
    text = (notices / "2026-01-01.vi.md").read_text(encoding="utf-8").replace("2026-01-01", "2026-07-01")
    (notices / "2026-07-01.vi.md").write_text(text, encoding="utf-8")
    assert client.get("/me").headers["Location"].endswith("/privacy/consent")
    assert "An older version" in client.get("/privacy/2026-01-01").get_data(as_text=True)
    agree()
    assert client.get("/me").status_code == 200


def test_a_post_without_pressing_a_button_decides_nothing(client, make_member, login, post_form, db):
    lan = make_member("lan")
    login("lan")
    assert post_form("/privacy/consent", "/privacy/consent").status_code == 400
    with db() as session:
        assert session.scalars(select(Consent).where(Consent.member_id == lan.id)).all() == []
