"""Who is invited, the sessions of a member, and the sessions she missed."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.models import Attendance, Member, TrainingSession
from app.models.privacy import Erasure
from app.training.queries import invited_members, is_invited, missed_sessions, sessions_for_member

NOW = datetime.now(UTC)


def _ids(items):
    return sorted(item.id for item in items)


def test_invited_members_are_the_subtree_and_roles_in_sql_and_in_python(db, people, make_session, make_member, units):
    make_member("off", unit=units["ba_tri"], active=False)
    everyone = make_session()
    chairs = make_session(roles="chair")
    province_wide = make_session(unit_keys=("province",), roles="branch_head,chair")
    with db() as session:
        members = session.query(Member).all()
        for training_id, expected in ((everyone.id, {"thu", "lan", "mai"}), (chairs.id, {"lan"}),
                                      (province_wide.id, {"lan", "mai"})):
            training = session.get(TrainingSession, training_id)
            listed = {m.username for m in invited_members(session, training)}
            assert listed == expected, training_id
            assert {m.username for m in members if is_invited(session, training, m)} == expected


def test_an_erased_member_is_not_invited(db, people, make_session):
    training = make_session()
    with db() as session:
        session.add(Erasure(member_id=people["officer"].id, reason="operator"))
        session.commit()
        training = session.get(TrainingSession, training.id)
        assert "lan" not in {m.username for m in invited_members(session, training)}
        assert not is_invited(session, training, session.get(Member, people["officer"].id))


def test_sessions_for_member_in_a_range(db, people, make_session):
    soon = make_session(starts_in=timedelta(days=1))
    later = make_session(starts_in=timedelta(days=10))
    elsewhere = make_session(starts_in=timedelta(days=1), unit_keys=("an_hoi",))  # not hers
    cancelled = make_session(starts_in=timedelta(days=2))
    with db() as session:
        session.get(TrainingSession, cancelled.id).cancelled_at = NOW
        session.commit()
        mai = session.get(Member, people["branch_officer"].id)
        assert _ids(sessions_for_member(session, mai, NOW, NOW + timedelta(days=30))) == [soon.id, later.id]
        assert _ids(sessions_for_member(session, mai, NOW, NOW + timedelta(days=5))) == [soon.id]
        cuc = session.get(Member, people["outsider"].id)
        assert _ids(sessions_for_member(session, cuc, NOW, NOW + timedelta(days=5))) == [elsewhere.id]


def test_missed_sessions_are_ended_invited_and_unattended(db, people, make_session):
    attended = make_session(starts_in=timedelta(days=-3))
    missed = make_session(starts_in=timedelta(days=-2))
    make_session(starts_in=timedelta(minutes=-10))  # still running: not missed yet
    chairs = make_session(starts_in=timedelta(days=-1), roles="chair")
    lan, mai, cuc = people["officer"].id, people["branch_officer"].id, people["outsider"].id
    with db() as session:
        session.add(Attendance(session_id=attended.id, member_id=lan, method="paper"))
        session.commit()
        found = missed_sessions(session, [lan, mai, cuc])
        assert {member: _ids(sessions) for member, sessions in found.items()} == {
            lan: [missed.id, chairs.id], mai: [attended.id, missed.id], cuc: []}
        assert missed_sessions(session, []) == {}
