"""A blended course on a 360 px phone: the coordinator schedules an in-person session for her
commune, an invited officer checks in with the code shown in the hall (refused before the
window opens, refused when not invited unless walk-ins are allowed), the paper sheet is
entered for the others (one name taken back, after a question), the session moves to another
hall keeping its attendance, and the course completes, with its certificate, only after both
parts.

This module publishes one more course (``browser-blended``, one lesson and one session) to
the shared server, the way a trainer puts an edit live (``flask content publish``).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .conftest import screenshot_dir, sign_in, skip_without_chromium
from .page_checks import layout_problems

skip_without_chromium()
pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True,
         "has_touch": True, "locale": "en-US"}
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
BLENDED = {
    "course.md": "---\ntitle: Moderating in the hall\nsessions_required: 1\n---\nHalf online, half in the hall.\n",
    "01-online/01-before.md": "---\ntitle: Before the session\nminutes: 3\n---\nRead this before you come.\n",
}


@pytest.fixture(scope="module")
def blended_course(live_server):
    courses = Path(live_server.env["UNION_COURSES_DIR"])
    for rel, text in BLENDED.items():
        path = courses / "browser-blended" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    live_server.flask("content", "publish")
    return "browser-blended"


def _look(page, name: str) -> list[str]:
    page.screenshot(path=str(screenshot_dir() / f"phone-sessions-{name}.png"), full_page=True)
    return layout_problems(page, page.url)


def _schedule(page, course: str, start: datetime, end: datetime, *, walk_ins: bool = False) -> int:
    page.goto("/sessions/")
    page.locator("main a.button", has_text="Schedule a session").click()
    page.wait_for_url(re.compile(r"/sessions/new$"))
    page.select_option("#course", course)
    page.fill("#day", start.date().isoformat())
    page.fill("#starts", start.strftime("%H:%M"))
    page.fill("#ends", end.strftime("%H:%M"))
    page.fill("#place", "Hội trường UBND Xã Ba Tri")
    commune = page.eval_on_selector("#unit_ids", "s => [...s.options].find(o => o.text.includes('(29110)')).value")
    page.select_option("#unit_ids", [commune])
    if walk_ins:
        page.check("#allow_walk_ins")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    assert "The session has been scheduled" in page.locator("main").inner_text()
    return int(re.search(r"/sessions/(\d+)/$", page.url).group(1))


def _code_on_poster(page, session_id: int) -> str:
    page.goto(f"/sessions/{session_id}/poster")
    assert page.locator("meta[http-equiv=refresh]").count() == 1  # shows the next code by itself
    assert page.locator(".poster-qr svg").count() == 1
    return page.locator(".poster-code").inner_text().strip()


def _check_in(page, session_id: int, code: str) -> str:
    page.goto(f"/sessions/{session_id}/check-in")
    page.fill("#code", code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator("main").inner_text()


def test_blended_course_from_schedule_to_certificate(context_factory, live_server, make_member, blended_course):
    problems: list[str] = []
    now = datetime.now(ZONE).replace(second=0, microsecond=0)
    start = now + timedelta(minutes=5)  # check-in opens 30 minutes before: open now
    if (start.hour, start.minute) >= (23, 50):  # a session ends on the day it starts
        start = (start + timedelta(days=1)).replace(hour=0, minute=5)
    end = min(start + timedelta(hours=2), start.replace(hour=23, minute=59))
    tomorrow = (now + timedelta(days=1)).replace(hour=8, minute=0)

    coordinator = context_factory(**PHONE).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto("/me")
    coordinator.locator("header nav a", has_text="Sessions").click()
    coordinator.wait_for_url(re.compile(r"/sessions/$"))
    problems += _look(coordinator, "list")
    hall = _schedule(coordinator, blended_course, start, end)
    problems += _look(coordinator, "session")
    assert coordinator.locator(".attendance-list li").count() > 3  # the commune's members and branches
    later = _schedule(coordinator, blended_course, tomorrow, tomorrow + timedelta(hours=2))
    open_door = _schedule(coordinator, blended_course, start, end, walk_ins=True)
    coordinator.goto("/sessions/new")
    problems += _look(coordinator, "form")
    code = _code_on_poster(coordinator, hall)
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    problems += _look(coordinator, "poster")

    # The invited officer: the online part first; the course waits for the session.
    officer = context_factory(**PHONE).new_page()
    sign_in(officer, "officer")
    officer.goto(f"/courses/{blended_course}/before")
    officer.locator("form.done-form button").click()
    officer.wait_for_load_state()
    officer.goto("/me")
    card = officer.locator("section.course-card", has_text="Moderating in the hall")
    assert "In-person session: 0 of 1 attended" in card.inner_text()
    assert card.locator("a", has_text="Certificate").count() == 0
    session_card = officer.locator(f"#session-{hall}")
    assert session_card.locator("a", has_text="Add to my calendar").count() == 1
    problems += _look(officer, "my-learning")
    refused = _check_in(officer, later, code)  # tomorrow's session: not open yet
    assert "Check-in has not opened yet" in refused
    officer.goto("/me")
    session_card.locator("a", has_text="Check in").click()
    officer.wait_for_url(re.compile(rf"/sessions/{hall}/check-in$"))
    problems += _look(officer, "check-in")
    officer.fill("#code", code.lower())
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_load_state()
    assert "You are checked in" in officer.locator("main").inner_text()
    problems += _look(officer, "checked-in")

    # Both parts done: the completion and the certificate were stored at the check-in.
    officer.goto("/me")
    card = officer.locator("section.course-card", has_text="Moderating in the hall")
    card.locator("a", has_text="Certificate").click()
    officer.wait_for_url(re.compile(r"/me/certificates/"))
    assert "Moderating in the hall" in officer.locator("main").inner_text()

    # Not invited: refused, but a session open to walk-ins takes her in, as a walk-in.
    make_member("vo.cuc", unit="28777")
    outsider = context_factory(**PHONE).new_page()
    sign_in(outsider, "vo.cuc", "a long river sentence")
    outsider.goto(f"/sessions/{hall}/check-in")
    assert "only for the invited members" in outsider.locator("main").inner_text()
    assert "You are checked in" in _check_in(outsider, open_door, _code_on_poster(coordinator, open_door))

    # The paper sheet for the rest, entered by the coordinator on her phone.
    coordinator.goto(f"/sessions/{hall}/")
    coordinator.locator("main a.button", has_text="Enter the paper sheet").click()
    coordinator.wait_for_url(re.compile(rf"/sessions/{hall}/paper$"))
    problems += _look(coordinator, "paper")
    boxes = coordinator.locator("input[name=attended]")
    assert boxes.count() >= 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_url(re.compile(rf"/sessions/{hall}/$"))
    listing = coordinator.locator(".attendance-list").first.inner_text()
    assert listing.count("from the paper sheet") == 2 and "typed the code" in listing
    assert "The sheet is saved: 2 attendances recorded" in coordinator.locator("main").inner_text()
    problems += _look(coordinator, "session-after-paper")

    # One name was ticked on the sheet by mistake: she takes it back, after a question.
    taken_back = coordinator.locator(".attendance-list li", has_text="from the paper sheet").first
    who = taken_back.locator(".who strong").inner_text()
    taken_back.locator("a.button", has_text="Take back").click()
    coordinator.wait_for_url(re.compile(rf"/sessions/{hall}/attendance/\d+/take-back$"))
    assert f"{who} will no longer be marked as present" in coordinator.locator("main").inner_text()
    problems += _look(coordinator, "take-back")
    coordinator.locator("main form button[type=submit]", has_text="Yes, take it back").click()
    coordinator.wait_for_url(re.compile(rf"/sessions/{hall}/"))
    assert f"{who} is no longer marked as present" in coordinator.locator("main").inner_text()
    assert coordinator.locator(".attendance-list").first.inner_text().count("from the paper sheet") == 1

    # The hall changes: the session is changed, the attendance stays.
    coordinator.locator("main a.button", has_text="Change the session").click()
    coordinator.wait_for_url(re.compile(rf"/sessions/{hall}/edit$"))
    assert coordinator.input_value("#place") == "Hội trường UBND Xã Ba Tri"
    problems += _look(coordinator, "edit")
    coordinator.fill("#place", "Nhà văn hóa ấp 3, Xã Ba Tri")
    coordinator.locator("main form button[type=submit]").click()
    coordinator.wait_for_url(re.compile(rf"/sessions/{hall}/$"))
    main = coordinator.locator("main").inner_text()
    assert "The session has been changed" in main and "Nhà văn hóa ấp 3, Xã Ba Tri" in main
    listing = coordinator.locator(".attendance-list").first.inner_text()
    assert listing.count("from the paper sheet") == 1 and "typed the code" in listing
    coordinator.goto(f"/sessions/{open_door}/")
    assert "walk-in" in coordinator.locator("main").inner_text()
    assert not problems, "\n".join(problems)


PHONE_VI = {**PHONE, "locale": "vi-VN"}
#: Words of the session pages' English interface; none may be left on a Vietnamese page.
ENGLISH = ("Check in", "check in", "Session", "session", "Add to my calendar", "Invited", "Present",
           "Walk-ins", "Capacity", "Trainer", "Place", "Print", "Cancel")


def test_session_pages_speak_vietnamese_on_a_phone(context_factory):
    """The demo's sessions in Xã Ba Tri, seen by its officer and its coordinator in Vietnamese."""
    problems: list[str] = []
    officer = context_factory(**PHONE_VI).new_page()
    sign_in(officer, "officer")
    officer.goto("/me")
    card = officer.locator("[id^=session-]").first
    assert card.count() == 1, "no session on the officer's My learning"
    problems += _look(officer, "vi-my-learning")
    coming = card.get_attribute("id").removeprefix("session-")
    officer.goto(f"/sessions/{coming}/check-in")  # in three days: not open yet
    problems += _look(officer, "vi-check-in")
    officer.goto("/sessions/check-in")
    problems += _look(officer, "vi-check-in-any")
    coordinator = context_factory(**PHONE_VI).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto("/sessions/")
    problems += _look(coordinator, "vi-list")
    coordinator.goto(f"/sessions/{coming}/")
    problems += _look(coordinator, "vi-session")
    coordinator.goto(f"/sessions/{coming}/edit")
    problems += _look(coordinator, "vi-edit")
    for page, paths in ((officer, ["/me", f"/sessions/{coming}/check-in", "/sessions/check-in"]),
                        (coordinator, ["/sessions/", f"/sessions/{coming}/", f"/sessions/{coming}/edit"])):
        for path in paths:
            page.goto(path)
            text = page.locator("main").inner_text()
            problems += [f"{path}: English left: {word!r}" for word in ENGLISH if re.search(rf"\b{word}\b", text)]
    assert not problems, "\n".join(problems)
