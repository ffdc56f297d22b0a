"""Password fields can be shown as text by a script-only checkbox, and a username she typed
stays in the form when something else was wrong."""
from __future__ import annotations

import re

import pytest
from conftest import csrf_token_from

TOGGLE = '<label class="check show-password" hidden><input type="checkbox" data-show-password>'
SCRIPT = re.compile(r'<script src="/static/show-password\.js[^"]*" defer></script>')


def _assert_toggle(html: str):
    form = html[html.index("<form method=\"post\""):]
    form = form[:form.index("</form>")]
    assert TOGGLE in form  # inside the form, hidden until the script shows it
    assert "name=" not in form[form.index(TOGGLE):form.index(TOGGLE) + len(TOGGLE)]  # never submitted
    assert SCRIPT.search(html) and "<script>" not in html  # external file, as the CSP asks


@pytest.mark.parametrize("path", ["/login", "/login/code"])
def test_sign_in_pages_offer_show_password(client, path):
    _assert_toggle(client.get(path).data.decode())


def test_change_password_page_offers_show_password(client, make_member, login):
    make_member("lan")
    login("lan")
    _assert_toggle(client.get("/account/password").data.decode())


def test_script_is_served(client):
    response = client.get("/static/show-password.js")
    assert response.status_code == 200 and b"data-show-password" in response.data
    response.close()


def test_username_is_kept_after_a_wrong_password(client, make_member, login):
    make_member("lan")
    page = login("lan", "not the password")
    assert re.search(rb'<input[^>]*name="username"[^>]*value="lan"', page.data)
    assert b"not the password" not in page.data  # the password is never sent back


def test_username_is_kept_after_a_wrong_code(client, make_member):
    make_member("mai", password=None)
    page = client.get("/login/code")
    response = client.post("/login/code", data={
        "csrf_token": csrf_token_from(page), "username": "mai", "code": "ABCDE-FGHJK",
        "new_password": "a long sentence", "confirm": "a long sentence"})
    assert response.status_code == 200
    assert re.search(rb'<input[^>]*name="username"[^>]*value="mai"', response.data)
    assert b"a long sentence" not in response.data
