"""Mobile (360x740) and slow networks: screenshots, no sideways scrolling, 44 px tap targets,
a light lesson page with nothing from elsewhere, and the core path with JavaScript off."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import screenshot_dir, sign_in, skip_without_chromium

skip_without_chromium()
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
LESSON = "/courses/running-facebook-groups/who-can-see-and-join"
PAGES = {
    None: ["/login", "/login/code"],
    "officer": ["/me", "/courses/", "/courses/running-facebook-groups/", LESSON, "/quizzes/fb-setting-up"],
    "coordinator": ["/reports/", "/admin/members/"],
    "trainer": ["/content/health", "/quizzes/fb-setting-up/statistics"],
    "admin": ["/admin/roster/", "/admin/units/"],
}

#: Controls a finger must hit: buttons, form fields, links styled as buttons and the site's
#: navigation. Links inside running text are exempt (WCAG 2.5.5 "inline").
SMALL_TARGETS = """() => [...document.querySelectorAll(
        'button, input:not([type=hidden]), select, textarea, a.button, header a, footer a, nav a, label.choice')]
    .filter(el => el.offsetParent !== null && !el.closest('.lesson-body, .qtext, .intro, table, .skip'))
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => {
        // a radio or checkbox counts with its label, which is the real target
        if ((el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) return false;
        return r.height < 44 || (r.width < 44);
    })
    .map(([el, r]) => `${el.tagName.toLowerCase()} "${(el.innerText || el.name || '').trim().slice(0, 30)}" \
${Math.round(r.width)}x${Math.round(r.height)}`)"""


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"


@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "signed-out")
def test_phone_screenshots_no_sideways_scroll_and_big_tap_targets(role, context_factory):
    page = context_factory(**PHONE).new_page()
    if role:
        sign_in(page, role)
    out = screenshot_dir()
    problems = []
    for path in PAGES[role]:
        page.goto(path)
        file = out / f"{role or 'signed-out'}-{_slug(path)}.png"
        page.screenshot(path=str(file), full_page=True)
        print(f"screenshot: {file}")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: scrolls sideways by {overflow}px")
        problems += [f"{path}: small tap target {t}" for t in page.evaluate(SMALL_TARGETS)]
    assert not problems, "\n".join(problems)


def test_lesson_page_weighs_at_most_50_kb_and_loads_nothing_from_elsewhere(live_server, context_factory):
    page = context_factory(**PHONE).new_page()
    sign_in(page, "officer")
    responses = []

    def collect(response):
        responses.append(response)

    page.on("response", collect)
    page.goto(LESSON)
    page.wait_for_load_state("load")
    page.remove_listener("response", collect)
    sizes = {r.url: len(r.body()) for r in responses
             if r.request.resource_type in ("document", "stylesheet", "script")}
    assert any(r.request.resource_type == "document" for r in responses), responses
    assert any(r.request.resource_type == "stylesheet" for r in responses), responses
    total = sum(sizes.values())
    print(f"lesson page: {total} bytes of HTML, CSS and JS in {len(sizes)} responses")
    assert total <= 50 * 1024, f"lesson page weighs {total} bytes: {sizes}"
    origin = urlsplit(live_server.url).netloc
    external = page.evaluate(
        """() => [...document.querySelectorAll('link[rel~=stylesheet], script[src], link[rel=preload]')]
        .map(el => el.href || el.src)""")
    assert all(urlsplit(url).netloc == origin for url in external), external
    assert all(urlsplit(url).netloc == origin for url in sizes), sizes


def test_core_path_without_javascript(context_factory, make_member):
    password = make_member("nojs.officer")
    page = context_factory(java_script_enabled=False, **PHONE).new_page()
    sign_in(page, "nojs.officer", password)
    page.goto("/courses/browser-basics/hello")
    page.get_by_role("button", name="Mark as done and continue").click()
    page.wait_for_url(re.compile(r"/courses/browser-basics/rules"))
    page.goto("/courses/browser-basics/hello")
    assert "done" in page.locator("article .muted").inner_text()
    page.goto("/quizzes/browser-quiz")
    page.locator("#question-1 label.choice", has_text="Only members").locator("input").check()
    page.locator("#question-2 label.choice", has_text="True").locator("input").check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(re.compile(r"/attempts/"))
    assert "100" in page.locator("main").inner_text()
