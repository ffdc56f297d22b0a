"""The privacy pages on a 360 px phone, in Vietnamese, with JavaScript off: the notice, the
consent screen (agree by pressing the button) and her data page, without sideways scrolling."""
from __future__ import annotations

import os

import pytest

from tests.browser.conftest import (
    DEMO_PASSWORD,
    ROOT,
    LiveServer,
    _free_port,
    screenshot_dir,
    serving,
    skip_without_chromium,
)

skip_without_chromium()
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True,
         "has_touch": True, "java_script_enabled": False, "locale": "vi-VN"}
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def gated_server(tmp_path_factory):
    """A real server with the consent gate on, as in production, and the demo province."""
    base = tmp_path_factory.mktemp("privacy-live")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNION_", "FLASK_"))}
    env.pop("REDIS_URL", None)
    env.update({"UNION_INSTANCE_PATH": str(base / "instance"), "DATABASE_URL": f"sqlite:///{base / 'live.sqlite3'}",
                "SECRET_KEY": "privacy-tests-" + os.urandom(8).hex(),
                "UNION_PASSWORD_HASH_METHOD": "scrypt:1024:8:1", "PYTHONPATH": str(ROOT)})
    port = _free_port()
    server = LiveServer(f"http://127.0.0.1:{port}", env, base / "instance")
    server.flask("init")
    server.flask("seed-demo")
    with serving(server, base, "-w", "1"):
        yield server


@pytest.fixture
def phone(gated_server, browser):
    """A 360 px phone with JavaScript off, in the suite's one browser (one Playwright per run)."""
    context = browser.new_context(base_url=gated_server.url, **PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_notice_consent_and_my_data_on_a_phone_without_javascript(phone):
    phone.goto("/privacy")
    assert "Thông báo" in phone.title() or "dữ liệu cá nhân" in phone.locator("main").inner_text()
    assert phone.evaluate(SIDEWAYS) <= 0
    phone.goto("/login")
    phone.fill("input[name=username]", "officer")
    phone.fill("input[name=password]", DEMO_PASSWORD)
    phone.locator("main form button[type=submit]").first.click()
    phone.goto("/me")
    assert phone.url.endswith("/privacy/consent")
    assert "Bộ phận pháp chế" in phone.locator("main").inner_text()  # the Vietnamese notice
    assert phone.evaluate(SIDEWAYS) <= 0
    assert phone.locator("input[type=checkbox]").count() == 0
    phone.screenshot(path=str(screenshot_dir() / "privacy-consent-vi-360.png"), full_page=True)
    phone.locator("button[name=agree]").click()
    phone.goto("/me/data")
    text = phone.locator("main").inner_text()
    assert "Phạm Thị Hồng Nhung" in text
    phone.screenshot(path=str(screenshot_dir() / "privacy-my-data-vi-360.png"), full_page=True)
    assert phone.evaluate(SIDEWAYS) <= 0
    phone.goto("/me")
    assert phone.url.endswith("/me")


def test_the_request_log_on_a_phone_without_javascript(phone):
    phone.goto("/login")
    phone.fill("input[name=username]", "admin")
    phone.fill("input[name=password]", DEMO_PASSWORD)
    phone.locator("main form button[type=submit]").first.click()
    phone.goto("/privacy/consent")
    phone.locator("button[name=agree]").click()
    phone.goto("/admin/privacy/requests")
    phone.fill("input[name=username]", "officer")
    phone.fill("textarea[name=details]", "Xin sửa số điện thoại")
    phone.locator("form[action$='/requests/new'] button[type=submit]").click()
    assert "Xin sửa số điện thoại" in phone.locator("main").inner_text()
    phone.screenshot(path=str(screenshot_dir() / "privacy-requests-vi-360.png"), full_page=True)
    assert phone.evaluate(SIDEWAYS) <= 0
