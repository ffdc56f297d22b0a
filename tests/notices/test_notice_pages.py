"""Notices on My learning and in every page's header: shown, closed, and shown again only
when the fact behind them changes."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from app.models import Assignment, QuizAttempt, SessionInvitation, TrainingSession
from app.models.followup import NoticeDismissal
from tests.conftest import csrf_token_from

from .conftest import NOW

HEADER = re.compile(r'<a class="notice-count" href="/me#notices">.*?(\d+) notices?</a>', re.S)


def header_count(page) -> int | None:
    found = HEADER.search(page.get_data(as_text=True))
    return int(found.group(1)) if found else None


def assign(db, unit, course="basics", due=None, created_at=NOW - timedelta(days=30), roles=None):
    with db() as session:
        session.add(Assignment(course_slug=course, unit_id=unit.id, due_date=due, created_at=created_at,
                               committee_roles=roles))
        session.commit()


def dismiss(client, key, next_url="/courses/"):
    page = client.get("/me")
    return client.post("/notices/dismiss", data={"csrf_token": csrf_token_from(page), "key": key, "next": next_url})


def test_a_due_date_within_a_week_shows_on_my_learning_and_in_every_header(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    me = client.get("/me").get_data(as_text=True)
    assert "“Basics” is due in 5 days" in me
    assert 'name="key" value="due-soon:basics:2026-12-15"' in me
    assert header_count(client.get("/courses/")) == 1
    assert header_count(client.get("/courses/basics/one")) == 1


def test_closing_a_notice_returns_to_the_page_and_it_stays_closed(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    response = dismiss(client, "due-soon:basics:2026-12-15", "/courses/basics/")
    assert response.status_code == 303 and response.headers["Location"].endswith("/courses/basics/")
    assert header_count(client.get("/courses/")) is None
    assert "due-soon:basics" not in client.get("/me").get_data(as_text=True)
    clock(NOW + timedelta(days=2))
    assert header_count(client.get("/courses/")) is None


def test_the_day_after_the_due_date_brings_the_overdue_notice(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    dismiss(client, "due-soon:basics:2026-12-15")
    clock(datetime(2026, 12, 15, 16, 59, tzinfo=UTC))  # 23:59 on the 15th in Vietnam
    assert header_count(client.get("/courses/")) is None
    clock(datetime(2026, 12, 15, 17, 0, tzinfo=UTC))  # midnight
    assert header_count(client.get("/courses/")) == 1
    assert "“Basics” was due 1 day ago" in client.get("/me").get_data(as_text=True)


def test_a_new_due_date_is_a_new_notice(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    dismiss(client, "due-soon:basics:2026-12-15")
    assign(db, units["BT-BATRI-ANTHUY"], due=date(2026, 12, 12))  # an earlier date for her commune
    me = client.get("/me").get_data(as_text=True)
    assert 'value="due-soon:basics:2026-12-12"' in me and "is due in 2 days" in me


def test_only_a_notice_she_is_shown_can_be_stored_as_closed(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    dismiss(client, "due-soon:basics:2030-01-01")
    dismiss(client, "x" * 150)
    with db() as session:
        assert session.scalar(select(func.count()).select_from(NoticeDismissal)) == 0


def test_closing_needs_the_form_token_and_goes_back_only_to_this_site(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    assert client.post("/notices/dismiss", data={"key": "due-soon:basics:2026-12-15"}).status_code == 400
    response = dismiss(client, "due-soon:basics:2026-12-15", "https://evil.example/")
    assert response.headers["Location"].endswith("/me")


def test_a_new_assignment_shows_until_she_starts_it(client, login, lan, units, db, clock):
    assign(db, units["BT"], course="safety", created_at=NOW - timedelta(days=1))
    login("lan")
    assert "A new course for you: “Safety first”." in client.get("/me").get_data(as_text=True)
    client.get("/courses/safety/rules")  # opening a lesson starts the course
    assert header_count(client.get("/courses/")) is None


def test_an_assignment_for_other_committee_roles_gives_her_no_notice(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 12), roles="vice_chair,standing_member")
    login("lan")
    assert header_count(client.get("/me")) is None


def test_a_failed_quiz_with_attempts_left_invites_her_to_try_again(client, login, lan, units, db, clock):
    assign(db, units["BT"])
    with db() as session:
        session.add(QuizAttempt(member_id=lan.id, quiz_id="basics-check", number=1, token="t1", plan_json="{}",
                                started_at=NOW, submitted_at=NOW, percent=0.0, passed=False))
        session.commit()
    login("lan")
    me = client.get("/me").get_data(as_text=True)
    assert "You may take the quiz “Basics check” again." in me and "2 attempts left." in me
    assert 'href="/quizzes/basics-check?course=basics"' in me


def test_a_session_tomorrow_is_announced_by_the_local_calendar(client, login, lan, units, db, clock):
    start = datetime(2026, 12, 11, 1, 30, tzinfo=UTC)  # 08:30 on the 11th in Vietnam
    with db() as session:
        session.add(TrainingSession(course_slug="basics", starts_at=start, ends_at=start + timedelta(hours=2),
                                    place="Hội trường xã An Thủy",
                                    invitations=[SessionInvitation(unit_id=units["BT-BATRI"].id)]))
        session.commit()
    login("lan")
    me = client.get("/me").get_data(as_text=True)
    assert "Training session tomorrow at 08:30 for “Basics”: Hội trường xã An Thủy." in me
    clock(datetime(2026, 12, 10, 17, 0, tzinfo=UTC))  # the 11th has begun
    assert header_count(client.get("/courses/")) is None


def test_dates_are_written_in_her_language(client, login, make_member, units, db, clock):
    make_member("hoa", unit=units["BT-BATRI-ANTHUY"], language="vi")
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("hoa")
    assert "15/12/2026" in client.get("/me").get_data(as_text=True)


def test_no_notice_is_read_before_she_agrees_to_the_privacy_notice(app, client, login, lan, units, db, clock):
    app.config["PRIVACY_CONSENT_REQUIRED"] = True
    assign(db, units["BT"], due=date(2026, 12, 15))
    login("lan")
    page = client.get("/privacy")
    assert page.status_code == 200 and header_count(page) is None
    assert client.post("/notices/dismiss", data={"csrf_token": csrf_token_from(page),
                                                 "key": "due-soon:basics:2026-12-15"}).status_code in (302, 400)
    with db() as session:
        assert session.scalar(select(func.count()).select_from(NoticeDismissal)) == 0


def test_visitors_and_error_pages_read_no_notices(client, login, lan, units, db, clock):
    assign(db, units["BT"], due=date(2026, 12, 15))
    assert header_count(client.get("/login")) is None
    login("lan")
    missing = client.get("/courses/no-such-course/")
    assert missing.status_code == 404 and header_count(missing) is None
