"""Privacy tests run with the consent gate on, as production does."""
from __future__ import annotations

import pytest

from tests.conftest import csrf_token_from


@pytest.fixture
def app_config(app_config):
    app_config["PRIVACY_CONSENT_REQUIRED"] = True
    return app_config


@pytest.fixture
def post_form(client):
    """POST a form found on the page at ``page_url``, with its CSRF token and ``data``."""

    def post(page_url: str, action: str, data: dict | None = None, *, client_=None, follow: bool = False):
        c = client_ or client
        page = c.get(page_url)
        assert page.status_code == 200, page.status_code
        return c.post(action, data={"csrf_token": csrf_token_from(page), **(data or {})}, follow_redirects=follow)

    return post


@pytest.fixture
def agree(post_form):
    """The signed-in member agrees to the current notice through the consent screen."""

    def do(client_=None):
        response = post_form("/privacy/consent", "/privacy/consent", {"agree": "1"}, client_=client_)
        assert response.status_code == 302
        return response

    return do


def agree_as(client):
    """The member signed in on ``client`` agrees to the current notice (without a fixture)."""
    page = client.get("/privacy/consent")
    response = client.post("/privacy/consent", data={"csrf_token": csrf_token_from(page), "agree": "1"})
    assert response.status_code == 302
