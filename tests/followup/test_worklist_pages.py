"""The follow-up worklist: the right members, the right reasons, the right links and
message, and a coordinator sees only her own units (see conftest for the province)."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from flask_babel import get_locale

from tests.conftest import csrf_token_from

from .conftest import EXPECTED_ORDER, PUBLIC


def page_of(client, url="/reports/follow-up"):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def order_on(text: str, people) -> list[str]:
    """Usernames in the order their cards appear on the page."""
    ids = [int(i) for i in re.findall(r'<article class="card followup-member" id="member-(\d+)"', text)]
    by_id = {m.id: name for name, m in people.items() if hasattr(m, "id")}
    return [by_id[i] for i in ids]


def card_of(text: str, member) -> str:
    start = text.index(f'id="member-{member.id}"')
    return text[start:text.index("</article>", start)]


def test_the_admin_sees_everyone_behind_most_urgent_first(client, login, people):
    login("ha")
    text = page_of(client)
    assert order_on(text, people) == EXPECTED_ORDER
    assert "6 members to follow up" in text


def test_each_member_comes_with_her_reasons(client, login, people):
    login("ha")
    text = page_of(client)
    lan = html.unescape(card_of(text, people["lan"]))
    assert lan.index("Safety first") < lan.index("Basics")  # her overdue course first
    assert "Overdue by 2 days (due 08/12/2026)" in lan and "Due in 10 days (20/12/2026)" in lan
    assert "Stopped at lesson “One” on 03/12/2026" in lan
    assert "Failed the quiz “Basics check” 2 times" in lan
    nga = html.unescape(card_of(text, people["nga"]))
    assert "Overdue by 5 days (due 05/12/2026)" in nga and "Missed the session on 06/12/2026" in nga
    assert "No due date" in nga
    yen = html.unescape(card_of(text, people["yen"]))
    assert "Missed the session" not in yen  # she was there
    assert "Not started" in yen


def test_switched_off_and_finished_members_are_not_listed(client, login, people):
    login("ha")
    names = order_on(page_of(client), people)
    assert "cuc" not in names and "mai" not in names and "ha" not in names


def test_the_links_carry_her_number_and_the_message(client, login, people, app):
    login("ha")
    lan = card_of(page_of(client), people["lan"])
    assert 'href="tel:+84912345678"' in lan
    assert 'href="https://zalo.me/0912345678"' in lan
    message = html.unescape(
        re.search(r'<textarea id="message-\d+" readonly rows="7">(.*?)</textarea>', lan, re.S).group(1))
    assert f'href="sms:+84912345678?body={quote(message, safe="")}"' in lan
    # Lan reads Vietnamese: her message is in Vietnamese, whoever prepares it.
    assert message.startswith("Chào chị Lan,")
    assert (f"khóa “Safety first” đã hết hạn ngày 08/12/2026, chị vui lòng học xong sớm: {PUBLIC}/courses/safety/"
            in message)
    assert f"chị vui lòng học xong khóa “Basics” trước ngày 20/12/2026: {PUBLIC}/courses/basics/" in message
    thu = card_of(page_of(client), people["thu"])
    assert 'href="tel:+84987654321"' in thu and 'href="https://zalo.me/0987654321"' in thu
    nga = card_of(page_of(client), people["nga"])
    assert 'href="tel:+84901234567"' in nga and 'href="https://zalo.me/0901234567"' in nga


def test_a_member_without_a_phone_gets_the_message_to_copy_only(client, login, people):
    login("ha")
    dao = card_of(page_of(client), people["dao"])
    assert "tel:" not in dao and "sms:" not in dao and "zalo.me" not in dao
    assert "No phone number is recorded for her" in dao and "<textarea" in dao


def test_the_message_is_written_in_her_language(app, people, monkeypatch, db):
    from app.followup import messages
    from app.followup.listing import behind_members
    from app.models import Member

    seen = []
    monkeypatch.setattr(messages, "_", lambda text, **values: seen.append(str(get_locale())) or text % values)
    with app.test_request_context("/"), db() as session:
        ha = session.get(Member, people["ha"].id)
        listed = behind_members(ha, None, None, now=messages_now(), zone="Asia/Ho_Chi_Minh")
        by_name = {m.username: (m, e) for e in listed.entries for m in [listed.members[e.member_id][0]]}
        for username, expected in (("lan", "vi"), ("thu", "vi"), ("nga", "en")):
            seen.clear()
            member, entry = by_name[username]
            messages.reminder(member, list(entry.courses))
            assert set(seen) == {expected}, username
        app.config["REMINDER_DEFAULT_LANGUAGE"] = "th"
        assert messages.reminder_language(by_name["thu"][0]) == "th"


def messages_now():
    from .conftest import NOW

    return NOW


def test_the_course_filter_lists_only_that_course(client, login, people):
    login("ha")
    text = page_of(client, "/reports/follow-up?course=safety")
    assert order_on(text, people) == ["lan", "thu", "nga", "yen"]
    assert "Basics" not in html.unescape(card_of(text, people["lan"]))
    assert client.get("/reports/follow-up?course=nope").status_code == 400


def test_a_coordinator_sees_only_her_own_units(client, login, people):
    login("phuong")
    assert order_on(page_of(client), people) == ["lan", "thu"]
    assert client.get("/reports/follow-up?unit=BT-CL-VT").status_code == 404
    assert client.get("/reports/follow-up?unit=BT").status_code == 404
    assert client.get("/reports/follow-up?unit=NOPE").status_code == 404
    assert order_on(page_of(client, "/reports/follow-up?unit=BT-BATRI-TANXUAN"), people) == ["thu"]


def test_another_coordinator_sees_only_hers(client, login, people):
    login("yen")
    assert order_on(page_of(client), people) == ["nga"]


@pytest.mark.parametrize("username", ["lan", "dao"])
def test_officers_and_trainers_are_refused(client, login, people, username):
    login(username)
    for url in ("/reports/follow-up", "/reports/follow-up/print", "/reports/follow-up/export/csv"):
        assert client.get(url).status_code == 403
    token = csrf_token_from(client.get("/me"))
    assert client.post(f"/reports/members/{people['nga'].id}/follow-up",
                       data={"text": "x", "csrf_token": token}).status_code == 403


def test_visitors_are_sent_to_sign_in(client, people):
    response = client.get("/reports/follow-up")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_print_view_holds_every_member_without_buttons(client, login, people):
    login("phuong")
    text = page_of(client, "/reports/follow-up/print")
    assert "Phạm Thị Lan" in text and "Huỳnh Thị Thu" in text and "Bùi Thị Nga" not in text
    assert "Notes at the meeting" in text and "tel:" not in text


def test_the_worklist_pages_in_fifties(app, client, login, people):
    app.config["FOLLOW_UP_PAGE_SIZE"] = 4
    login("ha")
    first, second = page_of(client), page_of(client, "/reports/follow-up?page=2")
    assert order_on(first, people) + order_on(second, people) == EXPECTED_ORDER
    assert client.get("/reports/follow-up?page=3").status_code == 404


def test_a_unit_too_large_for_one_list_asks_for_a_unit_below_it(app, client, login, people):
    app.config["FOLLOW_UP_MAX_MEMBERS"] = 5
    login("ha")
    text = page_of(client)
    assert "This unit has 7 members, too many for one list" in text and order_on(text, people) == []
    assert "This unit has" in page_of(client, "/reports/follow-up/export/csv")
    assert order_on(page_of(client, "/reports/follow-up?unit=BT-BATRI"), people) == ["lan", "thu", "phuong"]
