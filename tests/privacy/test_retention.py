"""`flask privacy sweep`: members switched off past the limit are de-identified, old attempts
lose their answers (not their scores); a dry run changes nothing."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.audit import Action, record
from app.models import AuditEntry, Erasure, Member, QuizAttempt

NOW = datetime.now(UTC)


@pytest.fixture
def history(make_member, db):
    """Two switched-off members (one long ago, one lately), one active; attempts old and new."""
    old_off = make_member("oldoff", active=False, full_name="Lê Thị Cũ")
    new_off = make_member("newoff", active=False)
    active = make_member("active")
    with db() as session:
        for member, days in ((old_off, 800), (new_off, 30)):
            entry = record(session, None, Action.SWITCH_OFF, session.get(Member, member.id))
            entry.at = NOW - timedelta(days=days)
        for number, days in ((1, 400), (2, 10)):
            session.add(QuizAttempt(member_id=active.id, quiz_id="basics", number=number, token=f"t{number}",
                                    plan_json="{}", started_at=NOW - timedelta(days=days),
                                    submitted_at=NOW - timedelta(days=days), percent=75.0, passed=True,
                                    responses_json=json.dumps({"responses": {"q": ["a"]}}),
                                    result_json=json.dumps({"questions": {"q": {"score": 1, "key": "a"}}})))
        session.commit()
    return old_off, new_off, active


def _state(db):
    with db() as session:
        erased = session.scalars(select(Erasure.member_id)).all()
        attempts = [(a.number, a.responses_json is None, a.percent) for a in
                    session.scalars(select(QuizAttempt).order_by(QuizAttempt.number))]
    return erased, attempts


def test_a_dry_run_says_what_would_go_and_changes_nothing(runner, history, db):
    result = runner.invoke(args=["privacy", "sweep", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would de-identify 1 switched-off members" in result.output
    assert "Would blank the answers of 1 quiz attempts" in result.output
    assert _state(db) == ([], [(1, False, 75.0), (2, False, 75.0)])


def test_the_sweep_applies_the_settings_and_keeps_scores(runner, history, db):
    old_off, _, _ = history
    result = runner.invoke(args=["privacy", "sweep"])
    assert result.exit_code == 0, result.output
    assert "De-identified 1 switched-off members" in result.output
    assert _state(db) == ([old_off.id], [(1, True, 75.0), (2, False, 75.0)])
    with db() as session:
        assert session.get(Member, old_off.id).full_name == "(erased)"
        sweep = session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.sweep")).one()
        assert json.loads(sweep.detail) == {"attempts_blanked": 1, "members_erased": 1}


def test_the_sweep_follows_the_settings(runner, history, db, app):
    app.config["PRIVACY_KEEP_SWITCHED_OFF_DAYS"] = 10
    app.config["PRIVACY_KEEP_ANSWERS_DAYS"] = 5
    runner.invoke(args=["privacy", "sweep"])
    erased, attempts = _state(db)
    assert len(erased) == 2 and attempts == [(1, True, 75.0), (2, True, 75.0)]


def test_a_second_sweep_finds_nothing_more(runner, history):
    runner.invoke(args=["privacy", "sweep"])
    result = runner.invoke(args=["privacy", "sweep"])
    assert "De-identified 0 switched-off members" in result.output
    assert "Blanked the answers of 0 quiz attempts" in result.output
