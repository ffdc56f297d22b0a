"""A coordinator enters paper consent for a member of her units; the consent state is on the
member pages; every view of a member's page leaves an audit entry."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Consent
from tests.conftest import csrf_token_from
from tests.privacy.conftest import agree_as


@pytest.fixture
def place(make_unit, province, make_member, login, client):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="commune", parent=province)
    other = make_unit("BT-CL", name="Huyện Chợ Lách", kind="commune", parent=province)
    coordinator = make_member("phuong", role="coordinator", unit=ba_tri)
    lan = make_member("lan", unit=ba_tri, full_name="Phạm Thị Lan")
    far = make_member("nga", unit=other)
    login("phuong")
    agree_as(client)
    return coordinator, lan, far


def _paper(client, member_id, **data):
    url = f"/privacy/members/{member_id}/paper"
    page = client.get(url)
    if page.status_code != 200:
        return page
    return client.post(url, data={"csrf_token": csrf_token_from(page), **data})


def test_a_coordinator_records_a_paper_slip_for_her_member(client, place, db):
    coordinator, lan, _ = place
    response = _paper(client, lan.id, decision="given", slip_reference="BT-2026-0042")
    assert response.status_code == 302
    with db() as session:
        consent = session.scalars(select(Consent).where(Consent.member_id == lan.id)).one()
        assert (consent.method, consent.slip_reference, consent.recorded_by_id, consent.decision) == \
            ("paper", "BT-2026-0042", coordinator.id, "given")
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.consent")
                                .where(AuditEntry.target_member_id == lan.id)).one()
        assert entry.actor_id == coordinator.id


def test_a_paper_slip_needs_its_reference(client, place, db):
    _, lan, _ = place
    response = _paper(client, lan.id, decision="given", slip_reference="")
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(Consent).where(Consent.member_id == lan.id)).all() == []


def test_a_coordinator_cannot_record_for_a_member_outside_her_units(client, place):
    _, _, far = place
    assert _paper(client, far.id, decision="given", slip_reference="X").status_code == 404


def test_the_member_page_and_the_reports_member_view_show_the_consent_state(client, place):
    _, lan, _ = place
    assert "Has not answered yet" in client.get(f"/admin/members/{lan.id}").get_data(as_text=True)
    _paper(client, lan.id, decision="given", slip_reference="BT-2026-0042")
    for url in (f"/admin/members/{lan.id}", f"/reports/members/{lan.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "Agreed to the current notice" in page and "slip BT-2026-0042" in page, url


def test_a_declined_paper_slip_shows_on_her_page(client, place):
    _, lan, _ = place
    _paper(client, lan.id, decision="declined", slip_reference="BT-7")
    assert "Did not agree" in client.get(f"/admin/members/{lan.id}").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/admin/members/{id}", "/reports/members/{id}"])
def test_each_view_of_a_members_page_is_recorded(client, place, db, url):
    coordinator, lan, far = place
    assert client.get(url.format(id=lan.id)).status_code == 200
    assert client.get(url.format(id=far.id)).status_code == 404  # shown nothing: not recorded
    with db() as session:
        views = session.scalars(select(AuditEntry).where(AuditEntry.action == "member.view")).all()
    assert [(v.actor_id, v.target_member_id) for v in views] == [(coordinator.id, lan.id)]
