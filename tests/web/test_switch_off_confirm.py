"""Switching an account off asks first, says what will happen, and only then does it."""
from __future__ import annotations

from conftest import csrf_token_from
from sqlalchemy import select

from app.models import Member


def _active(db, member_id: int) -> bool:
    with db() as session:
        return session.scalar(select(Member.active).where(Member.id == member_id))


def test_the_first_press_only_asks_and_says_what_will_happen(client, db, make_member, login):
    make_member("thanh.ha", role="admin")
    lan = make_member("lan", full_name="Nguyễn Thị Lan")
    login("thanh.ha")
    page = client.get(f"/admin/members/{lan.id}")
    asked = client.post(f"/admin/members/{lan.id}/deactivate", data={"csrf_token": csrf_token_from(page)})
    html = asked.data.decode()
    assert asked.status_code == 200 and _active(db, lan.id)
    assert "Nguyễn Thị Lan can no longer sign in" in html
    assert "Her learning is kept" in html and "switch her account on again" in html
    assert '<input type="hidden" name="confirmed" value="yes">' in html
    assert f'href="/admin/members/{lan.id}">No, keep it on</a>' in html

    done = client.post(f"/admin/members/{lan.id}/deactivate",
                       data={"csrf_token": csrf_token_from(asked), "confirmed": "yes"})
    assert done.status_code == 302 and not _active(db, lan.id)


def test_the_confirmation_still_needs_the_csrf_token(client, db, make_member, login):
    make_member("thanh.ha", role="admin")
    lan = make_member("lan")
    login("thanh.ha")
    assert client.post(f"/admin/members/{lan.id}/deactivate", data={"confirmed": "yes"}).status_code == 400
    assert _active(db, lan.id)
