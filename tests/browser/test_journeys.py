"""End-to-end journeys in Debian's chromium against a real server: officer, coordinator,
trainer and admin, each through the pages she would use."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import DEMO_PASSWORD, sign_in, skip_without_chromium

skip_without_chromium()
pytestmark = pytest.mark.browser


def _answer(page, question: int, text: str) -> None:
    page.locator(f"#question-{question} label.choice", has_text=text).locator("input").check()


def test_officer_code_sign_in_course_quiz_retry_certificate_and_public_check(live_server, page):
    out = live_server.flask("users", "create", "thuy.nguyen", "--role", "officer", "--unit", "29110",
                            "--name", "Nguyễn Thị Thủy", "--code")
    code = re.search(r"One-time sign-in code: (\S+)", out).group(1)

    # One-time code, then her own password.
    page.goto("/login/code")
    page.fill("input[name=username]", "thuy.nguyen")
    page.fill("input[name=code]", code)
    page.fill("input[name=new_password]", "my river at dawn")
    page.fill("input[name=confirm]", "my river at dawn")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(re.compile(r"/me$"))

    # Her assigned course is on "My learning"; she opens it and reads both lessons.
    page.get_by_role("link", name="Browser basics").first.click()
    page.wait_for_url(re.compile(r"/courses/browser-basics/$"))
    page.goto("/courses/browser-basics/hello")
    assert "a private group keeps posts for members" in page.locator("article").inner_text()
    page.get_by_role("button", name="Mark as done and continue").click()
    page.wait_for_url(re.compile(r"/courses/browser-basics/rules"))
    page.get_by_role("button", name="Mark as done and continue").click()
    page.wait_for_load_state()

    # The quiz: first a wrong answer (fails), then a retry that passes.
    page.goto("/quizzes/browser-quiz?course=browser-basics")
    _answer(page, 1, "Anyone on Facebook")
    _answer(page, 2, "True")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(re.compile(r"/attempts/"))
    assert "Not passed" in page.locator("main").inner_text() or "not passed" in page.locator("main").inner_text()
    page.get_by_role("link", name="Try again").click()
    _answer(page, 1, "Only members")
    _answer(page, 2, "True")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(re.compile(r"/attempts/"))
    main = page.locator("main").inner_text()
    assert "100" in main

    # The certificate is on "My learning"; the public page verifies it.
    page.goto("/me")
    page.locator("a[href*='/me/certificates/']").first.click()
    page.wait_for_url(re.compile(r"/me/certificates/"))
    verify_url = page.locator("a[href*='/certificates/']", has_text="/certificates/").first.get_attribute("href")
    assert "Browser basics" in page.locator("main").inner_text()

    public = page.context.browser.new_context()  # signed out
    try:
        pub = public.new_page()
        pub.goto(verify_url)
        text = pub.locator("main").inner_text()
        assert "Nguyễn Thị Thủy" in text and "Browser basics" in text
        assert re.search(r"\bvalid\b", text, re.I)
    finally:
        public.close()


def test_coordinator_commune_report_drill_down_and_csv(page):
    sign_in(page, "coordinator")
    page.goto("/reports/")
    table = page.locator("main table").first.inner_text()
    assert "Chi hội ấp An Thạnh" in table and "Total: Xã Ba Tri" in table  # her commune, by branch
    assert "Mỏ Cày" not in table  # nothing from other communes
    page.locator("main table a", has_text="Chi hội ấp An Thạnh").first.click()
    page.wait_for_url(re.compile(r"unit=29110-AT"))
    members = page.locator("main table").first.inner_text()
    assert "Total: Chi hội ấp An Thạnh" in members
    with page.expect_download() as info:
        page.locator("a[href*='/export/csv']").first.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel keeps the Vietnamese
    # The branch's members are the demo's own (generated names): take the first one listed.
    first = page.locator("main table a[href*='/reports/members/']").first
    name = first.inner_text().strip()
    assert name and name.encode() in data
    first.click()
    page.wait_for_url(re.compile(r"/reports/members/\d+"))
    assert name in page.locator("main h1").inner_text()
    assert "Running your union's Facebook group" in page.locator("main").inner_text()


def test_trainer_content_health_and_quiz_statistics(page):
    sign_in(page, "trainer")
    page.goto("/content/health")
    main = page.locator("main").inner_text()
    assert "Browser basics" in main and "Running your union's Facebook group" in main
    assert "No problems found" in main
    page.locator("a[href='/quizzes/browser-quiz/statistics']").click()
    page.wait_for_url(re.compile(r"/quizzes/browser-quiz/statistics"))
    stats = page.locator("main table").last.inner_text()
    assert "Who sees posts in a private group?" in stats and "Pin the rules" in stats


def test_admin_imports_roster_with_bad_row_then_fixed(page, tmp_path):
    sign_in(page, "admin")
    page.goto("/admin/roster/")
    bad = tmp_path / "roster.csv"
    header = "username,full_name,unit_code,committee_role,phone\n"
    bad.write_text(header + "mai.tran,Trần Thị Mai,BT-BATRI-ANTHUY,chair,0912345678\n"
                            "lan.vo,Võ Thị Lan,NO-SUCH-UNIT,,\n", encoding="utf-8")
    page.set_input_files("input[type=file]", str(bad))
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    problems = page.locator("table.problems").inner_text()
    assert "3" in problems and "unit_code" in problems

    fixed = tmp_path / "roster-fixed.csv"
    fixed.write_text(header + "mai.tran,Trần Thị Mai,BT-BATRI-ANTHUY,chair,0912345678\n"
                              "lan.vo,Võ Thị Lan,BT-BATRI-TT,,\n", encoding="utf-8")
    page.get_by_role("link", name="Upload a corrected file").click()
    page.set_input_files("input[type=file]", str(fixed))
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    assert "2" in page.locator("ul.counts").inner_text()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "mai.tran" in text and "lan.vo" in text  # the sign-in code slips
    assert DEMO_PASSWORD not in text
