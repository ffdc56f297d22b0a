"""Security headers on every kind of response, not only on ordinary pages (SECURITY.md, V14).

The scanners in `make security` check a live server; these tests pin the same properties in
the suite: error pages, static files and the public certificate page carry the headers,
signed-in pages are never cached, and production refuses the default key and marks cookies
Secure.
"""
from __future__ import annotations

import pytest

from app import create_app

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _assert_headers(response):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (name, response.status_code)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers.get("X-Request-ID")


@pytest.mark.parametrize("path", ["/no/such/page", "/certificates/NOSUCHCODE", "/static/app.css",
                                  "/login", "/healthz"])
def test_anonymous_responses_carry_the_headers(client, path):
    response = client.get(path)
    response.close()
    assert response.status_code in (200, 404)
    _assert_headers(response)


def test_method_not_allowed_and_forbidden_pages_carry_the_headers(client, make_member, login):
    _assert_headers(client.post("/healthz"))
    make_member("lan")
    login("lan")
    forbidden = client.get("/admin/members/")
    assert forbidden.status_code in (403, 404)
    _assert_headers(forbidden)
    assert forbidden.headers["Cache-Control"] == "no-store"


def test_unhandled_error_is_generic_and_carries_the_headers(app, client):
    @app.get("/_boom")
    def boom():  # pragma: no cover - raised on purpose
        raise RuntimeError("secret detail /etc/passwd")

    response = client.get("/_boom")
    assert response.status_code == 500
    _assert_headers(response)
    assert b"secret detail" not in response.data and b"Traceback" not in response.data


@pytest.mark.parametrize("path", ["/me", "/courses/", "/account/password", "/no/such/page"])
def test_signed_in_pages_are_never_cached(client, make_member, login, path):
    make_member("lan")
    login("lan")
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store", path
    _assert_headers(response)


def test_the_sign_in_redirect_is_not_cached(client, make_member, login):
    make_member("lan")
    response = login("lan")
    assert response.status_code == 302
    assert response.headers["Cache-Control"] == "no-store"


def test_anonymous_redirect_to_sign_in_leaks_nothing(client):
    response = client.get("/reports/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    _assert_headers(response)


def test_production_refuses_the_default_key(app_config, monkeypatch, tmp_path):
    monkeypatch.setenv("UNION_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("UNION_ENV", "production")
    config = dict(app_config)
    config.pop("SECRET_KEY")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config)


def test_production_marks_the_session_cookie_secure(app_config, monkeypatch, tmp_path):
    monkeypatch.setenv("UNION_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("UNION_ENV", "production")
    application = create_app(dict(app_config))
    assert application.config["SESSION_COOKIE_SECURE"] is True
    assert application.config["REMEMBER_COOKIE_SECURE"] is True
    assert application.config["SESSION_COOKIE_HTTPONLY"] is True


def test_no_cross_origin_access_is_granted(client):
    response = client.get("/login", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_failed_sign_in_logs_the_username_but_never_the_password(client, make_member, login, caplog):
    make_member("lan")
    caplog.set_level("INFO")
    login("lan", "Wrong-Secret-Passw0rd")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "lan" in text
    assert "Wrong-Secret-Passw0rd" not in text


def test_a_session_cookie_older_than_its_lifetime_is_refused(app_config, make_member):
    """A stolen cookie stops working: the signed timestamp is checked against the lifetime."""
    import time

    from conftest import TEST_PASSWORD, csrf_token_from

    from app import create_app
    from app.extensions import db

    app_config["PERMANENT_SESSION_LIFETIME"] = 1
    application = create_app(app_config)
    client = application.test_client()
    make_member("lan")
    try:
        page = client.get("/login")
        client.post("/login", data={"username": "lan", "password": TEST_PASSWORD,
                                    "csrf_token": csrf_token_from(page)})
        assert client.get("/me").status_code == 200
        time.sleep(2.1)
        response = client.get("/me")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    finally:
        with application.app_context():
            db.engine.dispose()  # this app is not the fixture's: close its connections
