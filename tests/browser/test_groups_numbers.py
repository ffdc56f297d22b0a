"""An officer who runs a group enters a month's numbers on a 360 px phone, in Vietnamese, with
JavaScript off; a coordinator then confirms them."""
from __future__ import annotations

import re

import pytest

from .conftest import screenshot_dir, sign_in, skip_without_chromium

skip_without_chromium()
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True,
         "has_touch": True, "java_script_enabled": False, "locale": "vi-VN"}
GROUP = "Chi hội Phụ nữ xã An Thủy"  # the demo officer is its admin (app/groups/demo.py)
NUMBERS = {"members": "58", "new_members": "4", "posts": "12", "comments": "25", "reactions": "31",
           "member_posts": "5"}


def test_officer_enters_a_month_on_a_phone_without_javascript(context_factory):
    page = context_factory(**PHONE).new_page()
    sign_in(page, "officer")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator("header nav a[href='/groups/']").click()  # from the menu, as she would
    page.get_by_role("link", name=GROUP).click()
    group_url = page.url
    page.locator("a[href$='/numbers/new']").click()
    assert re.search(r"/groups/\d+/numbers/new$", page.url)
    assert "Công cụ quản trị" in page.locator("main").inner_text()  # where Insights is, as the app names it
    inputs = page.locator("form.numbers input[inputmode=numeric]")
    assert inputs.count() == 10
    too_small = [i for i in range(inputs.count()) if inputs.nth(i).bounding_box()["height"] < 44]
    assert not too_small
    assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    chosen_month = page.locator("select[name=month]").input_value()
    for name, value in NUMBERS.items():  # the other boxes stay blank: a small group is not shown them
        page.fill(f"input[name={name}]", value)
    page.screenshot(path=str(screenshot_dir() / "officer-group-numbers-vi.png"), full_page=True)
    page.locator("form.numbers button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == group_url
    assert page.locator(".flash-success").count() == 1
    row = page.locator(f"tr#month-{chosen_month}")
    assert row.locator("td").first.inner_text() == "58"

    coordinator = context_factory(**PHONE).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(group_url)
    coordinator.locator(f"#review-{chosen_month} button[name=confirm]").click()
    coordinator.wait_for_load_state()
    assert coordinator.locator(".flash-success").count() == 1
    assert coordinator.locator(f"#review-{chosen_month}").count() == 0
    coordinator.screenshot(path=str(screenshot_dir() / "coordinator-group-page.png"), full_page=True)
    assert coordinator.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
