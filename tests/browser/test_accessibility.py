"""Accessibility: axe-core (bundled in the axe-playwright-python package) on every main page,
signed in as each role, plus a keyboard-only quiz with a visible focus."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from .conftest import sign_in, skip_without_chromium

skip_without_chromium()
pytestmark = pytest.mark.browser

pytest.importorskip(
    "axe_playwright_python",
    reason="axe-playwright-python (it bundles axe-core) is missing: pip install -r requirements-dev.txt")
AXE_SOURCE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
LESSON = "/courses/running-facebook-groups/who-can-see-and-join"

PAGES = {
    None: ["/login", "/login/code"],
    "officer": ["/me", "/courses/", "/courses/running-facebook-groups/", LESSON, "/quizzes/fb-setting-up",
                "/account/password"],
    "coordinator": ["/reports/", "/reports/?by=member", "/admin/members/", "/admin/assignments/"],
    "trainer": ["/content/health", "/quizzes/fb-setting-up/statistics", "/courses/"],
    "admin": ["/admin/units/", "/admin/roster/", "/admin/members/new", "/reports/"],
}


def axe_violations(page) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations on the current page, one line each.
    (``page.evaluate`` is not subject to the page's CSP, so no inline script is needed.)"""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("opts => axe.run(document, opts)", AXE_OPTIONS)
    return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(n["html"][:120] for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("role", list(PAGES), ids=lambda r: r or "signed-out")
def test_axe_on_main_pages(role, page):
    if role:
        sign_in(page, role)
    problems = []
    for path in PAGES[role]:
        response = page.goto(path)
        assert response.status == 200, path
        lang = page.locator("html").get_attribute("lang")
        assert lang in ("en", "vi", "th"), path
        problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_axe_catches_a_planted_violation(page):
    """The harness is not hollow: an unlabelled field and grey-on-white text are reported."""
    page.goto("/login")
    page.evaluate("""() => { const m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<input type="text" name="x"><p id="faint">faint text</p>');
        const p = document.getElementById('faint');  // CSSOM, since the CSP refuses style attributes
        p.style.color = '#ccc'; p.style.background = '#fff'; }""")
    found = " ".join(axe_violations(page))
    assert "label" in found and "color-contrast" in found, found


@pytest.mark.parametrize("language", ["vi", "th"])
def test_axe_in_other_languages(language, page):
    page.goto("/login")
    page.select_option("#language-select", language)
    page.locator("form.language button[type=submit]").click()
    page.wait_for_load_state()
    problems = []
    for path in ["/login", "/login/code"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        problems += axe_violations(page)
    assert not problems, "\n".join(problems)


def test_every_control_has_a_label(page):
    sign_in(page, "admin")
    unlabelled = []
    for path in ["/admin/members/new", "/admin/roster/", "/reports/", "/admin/assignments/"]:
        page.goto(path)
        unlabelled += page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length)
                          && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map(el => location.pathname + ' ' + el.outerHTML.slice(0, 100))""")
    assert not unlabelled, unlabelled


def _focus_info(page) -> dict:
    return page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
        return {tag: el.tagName, type: el.type || '', name: el.name || '', value: el.value || '',
                text: (el.innerText || '').trim(),
                visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; }""")


def test_keyboard_only_quiz_with_visible_focus(live_server, page, make_member):
    password = make_member("kb.officer")
    sign_in(page, "kb.officer", password)
    page.goto("/quizzes/browser-quiz")
    seen = []
    # Tab until the first answer of question 1, choose "Only members" with the arrow key.
    for _ in range(40):
        page.keyboard.press("Tab")
        info = _focus_info(page)
        seen.append(info)
        assert info["visible"], f"no visible focus on {info}"
        if info["type"] == "radio":
            break
    else:
        pytest.fail(f"Tab never reached the quiz: {seen}")
    page.keyboard.press("Space")       # "Anyone on Facebook"
    page.keyboard.press("ArrowDown")   # "Only members" (radio groups move and check with arrows)
    page.keyboard.press("Tab")         # question 2
    info = _focus_info(page)
    assert info["type"] == "radio" and info["visible"], info
    page.keyboard.press("Space")       # "True"
    page.keyboard.press("Tab")
    info = _focus_info(page)
    assert info["tag"] == "BUTTON" and "Send my answers" in info["text"] and info["visible"], info
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/"))
    assert "100" in page.locator("main").inner_text()
