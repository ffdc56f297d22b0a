"""Exports that name members leave an audit entry: who, how many people, which filters."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.models import AuditEntry


def entries(db) -> list[AuditEntry]:
    with db() as session:
        found = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        for entry in found:
            session.expunge(entry)
        return found


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_member_level_export_is_recorded_with_the_people_and_filters(client, db, people, login, fmt):
    login("phuong")
    response = client.get(f"/reports/export/{fmt}?unit=BT-BATRI-ANTHUY&by=member&role=chair")
    assert response.status_code == 200
    [entry] = entries(db)
    assert entry.action == "export.members" and entry.actor_id == people["phuong"].id
    assert entry.people == 1  # only lan is a chair in An Thủy (hoa is switched off)
    detail = json.loads(entry.detail)
    assert detail["format"] == fmt
    assert detail["filters"]["unit"] == "BT-BATRI-ANTHUY" and detail["filters"]["role"] == "chair"


def test_an_export_by_unit_names_nobody_and_is_not_recorded(client, db, people, login):
    login("ha")
    assert client.get("/reports/export/csv?by=district").status_code == 200
    assert entries(db) == []


def test_one_members_export_is_recorded_with_her_as_target(client, db, people, login):
    login("ha")
    assert client.get(f"/reports/members/{people['lan'].id}/export/csv").status_code == 200
    [entry] = entries(db)
    assert entry.action == "export.members" and entry.target_member_id == people["lan"].id
    assert entry.target_label == "Phạm Thị Lan (lan)" and entry.people == 1


def test_the_command_line_member_report_is_recorded(runner, db, people):
    result = runner.invoke(args=["report", "completion", "--by", "member", "--unit", "BT-BATRI-ANTHUY",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    [entry] = entries(db)
    assert entry.action == "export.members" and entry.actor_id is None and entry.people == 2
