"""The demo's two sessions, and a merge of units that keeps invitations working."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.models import Attendance, SessionInvitation, TrainingSession
from app.training.queries import invited_members


def test_demo_has_one_held_and_one_coming_session(db):
    from app.demo import seed_demo
    from app.training.demo import seed_sessions

    with db() as session:
        seed_demo(session, password_method="scrypt:1024:8:1")
        seed_sessions(session, today=date.today())
        seed_sessions(session, today=date.today())  # a second run adds nothing
        session.commit()
        held, coming = session.scalars(select(TrainingSession).order_by(TrainingSession.starts_at)).all()
        now = datetime.now(UTC)
        assert held.ends_at < now < coming.starts_at and coming.allow_walk_ins
        methods = {a.method for a in session.scalars(select(Attendance).where(Attendance.session_id == held.id))}
        assert methods == {"code", "paper"}
        assert len(invited_members(session, coming)) > 5


def test_merging_an_invited_unit_into_another_invited_one(db, people, units, make_session, make_member, make_unit):
    from app.units.reorganise import merge_units

    old = make_unit("29111", name="Xã An Thủy (cũ)", parent=units["province"])
    moved = make_member("old", unit=old)
    training = make_session(unit_keys=("ba_tri",))
    with db() as session:
        session.add(SessionInvitation(session_id=training.id, unit_id=old.id))
        session.commit()
        merge_units(session, ["29111"], "29110", on=date(2025, 7, 1), actor=None)
        session.commit()
        training = session.get(TrainingSession, training.id)
        assert training.unit_ids == [units["ba_tri"].id]
        assert moved.id in {m.id for m in invited_members(session, training)}
