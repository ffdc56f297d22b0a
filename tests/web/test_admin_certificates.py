"""The admin list of certificates: search by name, code, unit, course and date, paged, and
revocation from the list with a reason and a confirmation."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import csrf_token_from
from sqlalchemy import select

from app.admin import certificates as listing
from app.models import Certificate

COURSE = "running-facebook-groups"


@pytest.fixture
def issued(db, make_unit, make_member, province):
    """Three certificates: two in An Thủy (May and June), one in Chợ Lách (June)."""
    an_thuy = make_unit("BT-ANTHUY", name="Xã An Thủy", parent=province)
    cho_lach = make_unit("BT-CL", name="Xã Chợ Lách", parent=province)
    people = [("lan", "Nguyễn Thị Lan", an_thuy, datetime(2026, 5, 10, 3, tzinfo=UTC), "a"),
              ("mai", "Trần Thị Mai", an_thuy, datetime(2026, 6, 2, 3, tzinfo=UTC), "b"),
              ("hoa", "Lê Thị Hoa", cho_lach, datetime(2026, 6, 20, 3, tzinfo=UTC), "c")]
    with db() as session:
        for username, name, unit, when, letter in people:
            member = make_member(username, full_name=name, unit=unit)
            session.add(Certificate(code=letter * 32, member_id=member.id, course_slug=COURSE,
                                    course_title="Running your union's Facebook group", language="en",
                                    unit_id=unit.id, unit_name=unit.name, issued_at=when))
        session.commit()
    return {"an_thuy": an_thuy, "cho_lach": cho_lach}


@pytest.fixture
def admin(make_member, login):
    make_member("boss", role="admin")
    login("boss")


def _names(page) -> set[str]:
    return {name for name in ("Nguyễn Thị Lan", "Trần Thị Mai", "Lê Thị Hoa") if name.encode() in page.data}


def test_admin_finds_certificates_by_name_code_unit_course_and_date(client, issued, admin):
    assert _names(client.get("/admin/certificates/")) == {"Nguyễn Thị Lan", "Trần Thị Mai", "Lê Thị Hoa"}
    assert _names(client.get("/admin/certificates/?q=thị+mai")) == {"Trần Thị Mai"}
    assert _names(client.get("/admin/certificates/?q=" + "c" * 32)) == {"Lê Thị Hoa"}
    assert _names(client.get(f"/admin/certificates/?unit={issued['an_thuy'].id}")) == {"Nguyễn Thị Lan", "Trần Thị Mai"}
    assert _names(client.get(f"/admin/certificates/?course={COURSE}")) == {
        "Nguyễn Thị Lan", "Trần Thị Mai", "Lê Thị Hoa"}
    assert _names(client.get("/admin/certificates/?course=other-course")) == set()
    june = client.get("/admin/certificates/?since=2026-06-01&until=2026-06-02")
    assert _names(june) == {"Trần Thị Mai"}
    backwards = client.get("/admin/certificates/?since=2026-06-10&until=2026-06-01")
    assert backwards.status_code == 400 and b"The end date is before the start date" in backwards.data


def test_certificate_list_is_paged(client, issued, admin, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    first, second = client.get("/admin/certificates/"), client.get("/admin/certificates/?page=2")
    assert len(_names(first)) == 2 and _names(second) == {"Nguyễn Thị Lan"}  # newest first
    assert b"Page 1 of 2" in first.data


def test_admin_index_links_the_certificate_list(client, admin):
    assert b"/admin/certificates/" in client.get("/admin/").data


def test_coordinator_cannot_open_the_certificate_list(client, make_member, login, issued):
    make_member("phuong", role="coordinator", unit=issued["an_thuy"])
    login("phuong")
    assert client.get("/admin/certificates/").status_code == 403


def test_revoking_from_the_list_asks_first_and_returns_to_the_list(client, db, issued, admin):
    listed = client.get("/admin/certificates/")
    link = "/certificates/" + "a" * 32 + "/revoke?back=list"
    assert link.encode() in listed.data
    asked = client.get(link)
    assert asked.status_code == 200 and b"Revoke this certificate?" in asked.data
    assert "Nguyễn Thị Lan".encode() in asked.data and b"This cannot be undone" in asked.data
    no_reason = client.post("/certificates/" + "a" * 32 + "/revoke",
                            data={"csrf_token": csrf_token_from(asked), "confirmed": "yes", "back": "list"})
    assert no_reason.status_code == 400
    with db() as session:
        assert session.scalars(select(Certificate).where(Certificate.revoked_at.is_not(None))).all() == []
    done = client.post("/certificates/" + "a" * 32 + "/revoke", follow_redirects=True,
                       data={"csrf_token": csrf_token_from(asked), "confirmed": "yes", "back": "list",
                             "reason": "Issued to the wrong person"})
    assert done.request.path == "/admin/certificates/" and b"The certificate has been revoked" in done.data
    with db() as session:
        [revoked] = session.scalars(select(Certificate).where(Certificate.revoked_at.is_not(None))).all()
        assert (revoked.code, revoked.revoked_reason) == ("a" * 32, "Issued to the wrong person")


def test_the_check_page_link_is_a_full_size_tap_target(client, issued, admin):
    """On a phone the link to the public check page is a button (at least 48 px each way in
    app.css), set apart from "Revoke…" so a finger hits the one it means."""
    import re

    from conftest import ROOT

    html = client.get("/admin/certificates/").get_data(as_text=True)
    for letter in "abc":
        link = re.search(rf'<div class="row-actions"><a class="button secondary" href="/certificates/{letter * 32}">'
                         r"Check page</a>", html)
        assert link, letter
    css = (ROOT / "app" / "static" / "app.css").read_text(encoding="utf-8")
    button = re.search(r"^\.button, button \{([^}]*)\}", css, re.M).group(1)
    assert int(re.search(r"min-height: (\d+)px", button).group(1)) >= 44
    assert int(re.search(r"min-width: (\d+)px", button).group(1)) >= 44
    assert re.search(r"^\.row-actions \{[^}]*gap: [.\d]+rem", css, re.M)
