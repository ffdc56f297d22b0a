"""Demo sessions: one held last week in Xã Ba Tri's hall (some signed the paper sheet, one
checked in with the code) and one coming up there, open to walk-ins. Runs once."""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Attendance, Member, SessionInvitation, TrainingSession, Unit
from .queries import invited_members
from .times import to_utc

COURSE = "running-facebook-groups"
COMMUNE = "29110"  # Xã Ba Tri
ZONE = "Asia/Ho_Chi_Minh"


def seed_sessions(session: Session, *, today: date) -> None:
    if session.scalars(select(TrainingSession.id).limit(1)).first() is not None:
        return
    commune = session.scalars(select(Unit).where(Unit.code == COMMUNE)).first()
    if commune is None:
        return
    trainer = session.scalars(select(Member).where(Member.username == "trainer")).first()
    organiser = session.scalars(select(Member).where(Member.username == "coordinator")).first()
    held_on, coming_on = today - timedelta(days=7), today + timedelta(days=3)
    held = TrainingSession(
        course_slug=COURSE, starts_at=to_utc(held_on, time(8, 0), ZONE), ends_at=to_utc(held_on, time(11, 0), ZONE),
        place="Hội trường UBND Xã Ba Tri", trainer=trainer, capacity=40,
        created_by_id=organiser.id if organiser else None,
        note="Mang theo điện thoại đã đăng nhập Facebook.",
        invitations=[SessionInvitation(unit_id=commune.id)])
    coming = TrainingSession(
        course_slug=COURSE, starts_at=to_utc(coming_on, time(8, 0), ZONE),
        ends_at=to_utc(coming_on, time(11, 30), ZONE), place="Hội trường UBND Xã Ba Tri", trainer=trainer,
        capacity=40, allow_walk_ins=True, created_by_id=organiser.id if organiser else None,
        note="Buổi thực hành và bài kiểm tra cuối khóa.",
        invitations=[SessionInvitation(unit_id=commune.id)])
    session.add_all([held, coming])
    session.flush()
    invited = [m for m in invited_members(session, held) if m.role == "officer"]
    for i, member in enumerate(invited[: max(1, len(invited) * 2 // 3)]):
        by_code = i == 0
        session.add(Attendance(
            session_id=held.id, member_id=member.id, method="code" if by_code else "paper", walk_in=False,
            recorded_by_id=member.id if by_code else (organiser.id if organiser else None),
            recorded_at=held.starts_at + timedelta(minutes=5) if by_code else to_utc(held_on, time(16, 0), ZONE)))
