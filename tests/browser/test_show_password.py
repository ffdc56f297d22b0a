"""The "Show password" checkbox works with JavaScript and is out of the way without it."""
from __future__ import annotations

import pytest

from .conftest import DEMO_PASSWORD, sign_in, skip_without_chromium

skip_without_chromium()
pytestmark = pytest.mark.browser


def test_show_password_switches_the_field_and_signing_in_still_works(context_factory, live_server):
    page = context_factory().new_page()
    page.goto(live_server.url + "/login")
    box = page.get_by_label("Show password")
    assert box.is_visible()
    page.fill("#password", DEMO_PASSWORD)
    box.check()
    assert page.get_attribute("#password", "type") == "text"
    box.uncheck()
    assert page.get_attribute("#password", "type") == "password"


def test_without_javascript_the_checkbox_is_hidden_and_the_form_signs_in(context_factory, live_server,
                                                                           make_member):
    password = make_member("nojs")
    page = context_factory(java_script_enabled=False).new_page()
    page.goto("/login")
    assert page.locator("label.show-password").count() == 1
    assert not page.locator("label.show-password").is_visible()
    sign_in(page, "nojs", password)
