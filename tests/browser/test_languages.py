"""Three languages: the switcher remembers the choice (in the session when signed out, on the
member when signed in), and lessons show in the member's language with progress shared."""
from __future__ import annotations

import pytest

from .conftest import sign_in, skip_without_chromium

skip_without_chromium()
pytestmark = pytest.mark.browser


def _switch(page, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator("form.language button[type=submit]").click()
    page.wait_for_load_state()


def test_switch_while_signed_out_is_remembered(page):
    page.goto("/login")
    assert page.locator("html").get_attribute("lang") == "en"
    _switch(page, "vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.goto("/login/code")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Đăng nhập" in page.locator("main").inner_text() or "mã" in page.locator("main").inner_text()


def test_switch_while_signed_in_is_stored_on_the_member(context_factory, make_member):
    password = make_member("lang.switcher")
    page = context_factory().new_page()
    sign_in(page, "lang.switcher", password)
    _switch(page, "vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    # A new browser (no session language) shows her choice after she signs in.
    other = context_factory().new_page()
    sign_in(other, "lang.switcher", password)
    other.goto("/me")
    assert other.locator("html").get_attribute("lang") == "vi"


def test_lesson_in_each_members_language_with_shared_progress(context_factory, make_member):
    password = make_member("hoa.bilingual")
    vi = context_factory().new_page()
    sign_in(vi, "hoa.bilingual", password)
    _switch(vi, "vi")
    vi.goto("/courses/browser-basics/hello")
    assert vi.locator("html").get_attribute("lang") == "vi"
    assert "Nội dung tiếng Việt" in vi.locator("article").inner_text()
    vi.locator("form.done-form button").click()
    vi.wait_for_url("**/courses/browser-basics/rules")

    en = context_factory().new_page()
    sign_in(en, "hoa.bilingual", password)
    _switch(en, "en")
    en.goto("/courses/browser-basics/hello")
    assert en.locator("html").get_attribute("lang") == "en"
    text = en.locator("article").inner_text()
    assert "English lesson text" in text and "Nội dung" not in text
    assert "done" in en.locator("article .muted").inner_text()  # done in Vietnamese, done in English
