"""Erasing a member keeps every report's counts and certificate checks honest, and leaves her
name, username and phone in no text column of any table and in no export."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import String, Text, select

from app.audit import Action, record
from app.models import AuditEntry, Base, Certificate, Member, QuizAttempt, SignInCode
from tests.conftest import csrf_token_from
from tests.privacy.conftest import agree_as
from tests.reports.conftest import ZONE, at, people, units  # noqa: F401  (fixtures)
from tests.reports.conftest import app_config as reports_app_config  # noqa: F401

LAN_NAME, LAN_PHONE = "Phạm Thị Lan", "0912345678"
#: Report levels and units that cover every row the reports show.
REPORTS = [("province", None), ("district", None), ("commune", None), ("member", "BT-BATRI-ANTHUY"),
           ("member", None)]


@pytest.fixture
def app_config(reports_app_config):  # noqa: F811
    return reports_app_config


@pytest.fixture
def lan_with_traces(people, db, app):  # noqa: F811
    """Lan as the reports know her, plus a phone, a roster id, answers, a certificate and audit
    entries that copied her name (one of them inside a roster import's detail)."""
    with db() as session:
        lan = session.get(Member, people["lan"].id)
        lan.phone, lan.external_id = LAN_PHONE, "ROSTER-LAN-7"
        for attempt in session.scalars(select(QuizAttempt).where(QuizAttempt.member_id == lan.id)):
            attempt.responses_json = json.dumps({"language": "vi", "responses": {"Q1": ["lan's pick"]}})
            attempt.result_json = json.dumps({"questions": {"Q1": {"score": 1, "status": "right", "key": "a"}}})
        session.add(Certificate(code="c" * 32, member_id=lan.id, course_slug="basics", course_title="Basics",
                                unit_id=lan.unit_id, issued_at=at(10)))
        admin = session.get(Member, people["ha"].id)
        record(session, admin, Action.ROLE_CHANGE, lan, old="officer", new="officer")
        record(session, lan, Action.EXPORT_MEMBERS, people=1, format="csv")
        record(session, admin, Action.ROSTER_IMPORT, people=2, file="roster.xlsx",
               new=[{"username": "lan", "full_name": LAN_NAME, "phone": LAN_PHONE}, {"username": "mai"}])
        session.commit()
    return people["lan"]


def _reports(runner) -> dict:
    """Every report's rows without the names: the anonymous counts that must not change."""
    found = {}
    for level, unit in REPORTS:
        args = ["report", "completion", "--by", level, "--format", "csv"] + (["--unit", unit] if unit else [])
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
        labels = 4 if level == "member" else 2
        found[(level, unit)] = sorted(tuple(row[labels:]) for row in rows[1:])
    assert all(found.values())
    verify = runner.invoke(args=["report", "verify"])
    found["verify"] = verify.exit_code
    return found


def _texts_everywhere(db) -> list[str]:
    """Every text value of every table."""
    values = []
    with db() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
            if columns:
                for row in session.execute(select(*columns)):
                    values.extend(value for value in row if isinstance(value, str))
    return values


def _traces(text: str) -> list[str]:
    return [trace for trace in (LAN_NAME, LAN_PHONE, "ROSTER-LAN-7", "lan's pick", "(lan)") if trace in text]


def _assert_gone(db, member_id):
    values = _texts_everywhere(db)
    assert [v for v in values if _traces(v) or v == "lan"] == []
    with db() as session:
        lan = session.get(Member, member_id)
        assert lan.username != "lan" and lan.password_hash is None and lan.phone is None
        answers = session.scalars(select(QuizAttempt.responses_json).where(QuizAttempt.member_id == member_id)).all()
        assert set(answers) == {None}
        results = session.scalars(select(QuizAttempt.result_json).where(
            QuizAttempt.member_id == member_id, QuizAttempt.result_json.is_not(None))).all()
        assert results and all('"key"' not in r for r in results)
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.erase",
                                                        AuditEntry.target_member_id == member_id)).one()


def test_erasing_from_the_command_line_keeps_every_report_count(runner, lan_with_traces, db):
    before = _reports(runner)
    refused = runner.invoke(args=["privacy", "erase", "lan"], input="n\n")
    assert refused.exit_code != 0
    assert _traces("\n".join(_texts_everywhere(db)))  # nothing changed without the confirmation
    result = runner.invoke(args=["privacy", "erase", "lan"], input="y\n")
    assert result.exit_code == 0, result.output
    assert "Erased member" in result.output
    assert _reports(runner) == before
    _assert_gone(db, lan_with_traces.id)


def test_a_second_erasure_is_refused(runner, lan_with_traces):
    assert runner.invoke(args=["privacy", "erase", "lan", "--yes"]).exit_code == 0
    erased = runner.invoke(args=["privacy", "erase", "nobody-of-that-name", "--yes"])
    assert erased.exit_code != 0 and "No member" in erased.output


def test_her_certificate_stays_verifiable_without_her_details(client, runner, lan_with_traces):
    runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    page = client.get("/certificates/" + "c" * 32).get_data(as_text=True)
    assert "This certificate is valid." in page
    assert "Holder&#39;s details withdrawn" in page or "Holder's details withdrawn" in page
    assert "Basics" in page and "Xã An Thủy" in page
    assert LAN_NAME not in page


def test_no_export_names_her_after_erasure(client, runner, login, lan_with_traces, people):  # noqa: F811
    runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    login("ha")
    agree_as(client)
    downloads = [client.get("/reports/export/csv?by=member&unit=BT-BATRI-ANTHUY"),
                 client.get("/admin/audit/export.csv"), client.get("/admin/privacy/requests.csv")]
    for response in downloads:
        assert response.status_code == 200
        assert _traces(response.get_data(as_text=True)) == []
    cli = runner.invoke(args=["report", "completion", "--by", "member", "--format", "csv"])
    assert _traces(cli.output) == []


def test_a_deletion_request_is_carried_out_from_the_request_log(client, login, lan_with_traces, db, runner):
    before = _reports(runner)
    from app.models import PrivacyRequest

    login("lan")
    agree_as(client)
    page = client.get("/me/data")
    client.post("/me/data/ask", data={"csrf_token": csrf_token_from(page), "kind": "deletion",
                                      "details": f"Xin xoá dữ liệu của {LAN_NAME}"})
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/me/data"))})
    login("ha")
    agree_as(client)
    with db() as session:
        asked = session.scalars(select(PrivacyRequest)).one()
    page = client.get("/admin/privacy/requests")
    wrong = client.post(f"/admin/privacy/requests/{asked.id}/erase",
                        data={"csrf_token": csrf_token_from(page), "confirm": "mai"})
    assert wrong.status_code == 400
    assert "The username typed is not the member" in wrong.get_data(as_text=True)
    done = client.post(f"/admin/privacy/requests/{asked.id}/erase",
                       data={"csrf_token": csrf_token_from(page), "confirm": "lan"})
    assert done.status_code == 302
    with db() as session:
        asked = session.get(PrivacyRequest, asked.id)
        assert asked.done_at is not None and asked.acknowledged_at is not None
    assert _reports(runner) == before
    _assert_gone(db, lan_with_traces.id)


def test_the_compared_reports_hold_her_counts(runner, lan_with_traces):
    """The comparison above is not empty: her own row is in the member report of her commune."""
    result = runner.invoke(args=["report", "completion", "--by", "member", "--unit", "BT-BATRI-ANTHUY",
                                 "--format", "csv"])
    assert LAN_NAME in result.output
    runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    after = runner.invoke(args=["report", "completion", "--by", "member", "--unit", "BT-BATRI-ANTHUY",
                                "--format", "csv"])
    assert "(erased)" in after.output and LAN_NAME not in after.output


def test_nobody_works_under_an_erased_account(client, runner, lan_with_traces, db, login):
    """Even with a sign-in code issued for it afterwards, an erased account is signed out."""
    from app.accounts.passwords import hash_password
    from tests.conftest import TEST_HASH, TEST_PASSWORD

    runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    with db() as session:
        erased = session.get(Member, lan_with_traces.id)
        erased.password_hash = hash_password(TEST_PASSWORD, TEST_HASH)
        username = erased.username
        session.commit()
    login(username)
    response = client.get("/me/data")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "/login" in client.get("/me/data").headers["Location"]


def test_no_sign_in_code_and_no_edit_for_an_erased_account(client, runner, lan_with_traces, db,
                                                           make_member, login):
    from app.accounts.policy import MemberAction, may

    make_member("boss", role="admin")
    runner.invoke(args=["privacy", "erase", "lan", "--yes"])
    login("boss")
    agree_as(client)
    page = client.get(f"/admin/members/{lan_with_traces.id}")
    assert page.status_code == 200
    response = client.post(f"/admin/members/{lan_with_traces.id}/code",
                           data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 403
    with db() as session:
        erased = session.get(Member, lan_with_traces.id)
        boss = session.scalars(select(Member).where(Member.username == "boss")).one()
        assert not session.scalars(select(SignInCode).where(SignInCode.member_id == erased.id)).all()
        for action in (MemberAction.SIGN_IN_CODE, MemberAction.EDIT, MemberAction.SWITCH_ON):
            assert not may(boss, action, erased) and not may(None, action, erased)
        assert may(boss, MemberAction.VIEW, erased)
