"""What a coordinator and an admin act on, on a 360 px phone in Vietnamese: the assignments
that reach her units (also the province's), removal and revocation that ask first, the list
of certificates and the committee roster with units, phones and downloads."""
from __future__ import annotations

import re

import pytest

from .conftest import screenshot_dir, sign_in, skip_without_chromium
from .page_checks import layout_problems

skip_without_chromium()
pytestmark = pytest.mark.browser

PHONE_VI = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True,
            "has_touch": True, "locale": "vi-VN"}
VI_TITLE = "Quản trị nhóm Facebook của Hội"


def _shot(page, name: str) -> list[str]:
    page.screenshot(path=str(screenshot_dir() / f"phone-vi-{name}.png"), full_page=True)
    return layout_problems(page, page.url)


def test_coordinator_sees_the_province_wide_assignment_in_vietnamese(context_factory):
    page = context_factory(**PHONE_VI).new_page()
    sign_in(page, "coordinator")
    page.goto("/admin/assignments/")
    table = page.locator("main table")
    assert "Chưa giao khóa học nào" not in table.inner_text()
    # The province's assignment of the course, wherever its due date sorts it (the union's
    # day, UTC+7, is already tomorrow in the evening of a UTC machine).
    row = table.locator("tbody tr", has_text="Tỉnh Vĩnh Long").filter(has_text=VI_TITLE)
    assert row.count() == 1, table.inner_text()
    assert row.locator("button").count() == 0  # made above her (the province's): read-only
    assert VI_TITLE in page.locator("select#course").inner_text()
    problems = _shot(page, "coordinator-assignments")
    assert not problems, "\n".join(problems)


def test_removing_an_assignment_and_revoking_a_certificate_ask_first(context_factory):
    page = context_factory(**PHONE_VI).new_page()
    sign_in(page, "admin")
    page.goto("/admin/assignments/")
    rows_before = page.locator("main table tbody tr").count()
    page.locator("main table tbody tr button").first.click()
    page.wait_for_url(re.compile(r"/admin/assignments/\d+/remove$"))
    assert page.locator("main button.danger").count() == 1
    problems = _shot(page, "admin-assignment-remove")
    page.locator("main a.button.secondary").click()  # "No, keep it"
    page.wait_for_url(re.compile(r"/admin/assignments/$"))
    assert page.locator("main table tbody tr").count() == rows_before

    page.goto("/admin/certificates/")
    problems += _shot(page, "admin-certificates")
    revoke = page.locator("main a[href*='/revoke?back=list']").first
    revoke.click()
    page.wait_for_url(re.compile(r"/certificates/[^/]+/revoke\?back=list$"))
    assert page.locator("main input[name=reason]").count() == 1
    problems += _shot(page, "admin-certificate-revoke")
    page.locator("main a.button.secondary").click()  # keep it valid
    page.wait_for_url(re.compile(r"/certificates/[^/]+$"))
    assert page.locator("main .verdict.ok").count() == 1
    assert not problems, "\n".join(problems)


def test_roster_shows_units_and_phones_and_offers_downloads(context_factory):
    page = context_factory(**PHONE_VI).new_page()
    sign_in(page, "coordinator")
    page.goto("/reports/")
    page.goto(page.locator("main a[href*='/roster']").first.get_attribute("href"))
    headers = page.locator("main table thead th").all_inner_texts()
    assert any("Đơn vị" in h for h in headers) and len(headers) >= 5
    assert page.locator("main a[href*='/roster/export/csv']").count() == 1
    assert page.locator("main a[href*='/roster/export/xlsx']").count() == 1
    problems = _shot(page, "coordinator-roster")
    assert not problems, "\n".join(problems)
