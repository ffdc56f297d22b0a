"""Demo groups: the union's three pilot groups with the figures of its pilot report, and a few
more with uneven numbers, so every groups page has something true-looking to show.

The pilot report (as quoted in the union's request for this register) gives, for each pilot
group, the members when it was founded and at the time of the report, and for Ba Tri and
Mỏ Cày Bắc the activity over that time. Those totals are spread here over the months from
the founding to the end of February 2025 (about a hundred days: Ba Tri's 301 posts are about
3 a day). Every month after that, and every other group, is invented for the demo.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Certificate,
    CourseCompletion,
    FacebookGroup,
    GroupRole,
    Member,
    MonthlyNumbers,
    Unit,
)
from .numbers import previous_month

COURSE = "running-facebook-groups"
PILOT_END = date(2025, 2, 1)  # the last month the pilot figures cover


@dataclass(frozen=True)
class DemoGroup:
    name: str
    slug: str
    unit: str
    founded: date
    founding: int
    #: Month by month to PILOT_END: (members, posts, comments, reactions, viewers, member posts); None: invented.
    pilot: tuple[tuple[int, int | None, int | None, int | None, int | None, int | None], ...] | None
    monthly_growth: float  # invented months: growth of members per month
    activity: float  # invented months: posts + comments + reactions per member
    trained_on: date | None  # when its admin finished the course (None: not trained)
    last_month_gap: int = 1  # months between the latest numbers and today (3: flagged as missing)


PILOT = (
    # "Phụ nữ Ba Tri": 92 on 27 Nov 2024 -> 760; 301 posts, 312 comments, 446 reactions, 2,979 viewers.
    # The report's 27 posting accounts have no field here (only totals are kept); posts by members are invented.
    DemoGroup("Phụ nữ Ba Tri", "phunubatri", "BT-BATRI", date(2024, 11, 27), 92,
              ((130, 10, 10, 15, 120, 2), (330, 93, 96, 137, 900, 18), (560, 96, 100, 142, 950, 22),
               (760, 102, 106, 152, 1009, 27)),
              0.02, 0.55, date(2025, 4, 12)),
    # "Phụ nữ Thành phố Bến Tre": 131 on 15 Oct 2024 -> 319 (no activity figures in the report).
    DemoGroup("Phụ nữ Thành phố Bến Tre", "phunutpbentre", "BT-TP", date(2024, 10, 15), 131,
              ((150, None, None, None, None, None), (190, None, None, None, None, None),
               (235, None, None, None, None, None), (280, None, None, None, None, None),
               (319, None, None, None, None, None)),
              0.01, 0.25, None),
    # "Phụ nữ Mỏ Cày Bắc": 8 on 11 Nov 2024 -> 560, 19,200 viewers.
    DemoGroup("Phụ nữ Mỏ Cày Bắc", "phunumocaybac", "BT-MCB", date(2024, 11, 11), 8,
              ((60, None, None, None, 1200, None), (210, None, None, None, 4800, None),
               (390, None, None, None, 6200, None), (560, None, None, None, 7000, None)),
              0.03, 1.2, date(2025, 1, 20)),
)
INVENTED = (
    DemoGroup("Chi hội Phụ nữ xã An Thủy", "chihoianthuy", "BT-BATRI-ANTHUY", date(2025, 3, 8), 25, None,
              0.04, 1.4, date(2025, 9, 5)),
    DemoGroup("Phụ nữ Châu Thành", "phunuchauthanh", "BT-CT", date(2025, 1, 10), 140, None, -0.01, 0.12, None),
    DemoGroup("Phụ nữ Chợ Lách", "phunucholach", "BT-CL", date(2025, 2, 2), 60, None, 0.01, 0.4, None,
              last_month_gap=3),
    DemoGroup("Phụ nữ Giồng Trôm", "phunugiongtrom", "BT-GT", date(2025, 5, 1), 45, None, 0.05, 1.6,
              date(2025, 6, 20)),
)


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def _invented(rng: random.Random, members: int, spec: DemoGroup, month: date) -> dict:
    growth = spec.monthly_growth + rng.uniform(-0.01, 0.01)
    now = max(0, round(members * (1 + growth)))
    activity = max(0.02, spec.activity * rng.uniform(0.7, 1.3)) * now
    posts = max(1, round(activity * 0.2))
    lively = spec.activity >= 1  # livelier groups talk more under each post, and members post more
    comments = round(activity * (0.45 if lively else 0.3))
    share = min(0.6, 0.15 + 0.2 * spec.activity) + rng.uniform(-0.05, 0.05)
    small = now < 100  # Facebook shows small groups fewer numbers
    return dict(members=now, new_members=max(0, now - members) + rng.randrange(0, 4), posts=posts,
                comments=comments, reactions=max(0, round(activity) - posts - comments),
                active_members=None if small else round(now * rng.uniform(0.05, 0.3)),
                viewers=None if small else round(now * rng.uniform(2, 5)),
                member_posts=round(posts * share), pending_requests=rng.randrange(0, 12))


def _admins(session: Session, unit: Unit, trained: bool, taken: set[int], officer: Member | None) -> list[Member]:
    """One admin from the unit's roster: trained (holding a certificate) or not, as asked."""
    certified = select(Certificate.member_id).where(Certificate.course_slug == COURSE)
    query = (select(Member).join(Unit, Unit.id == Member.unit_id)
             .where(Unit.path.startswith(unit.path), Member.role == "officer", Member.id.not_in(taken))
             .order_by(Member.id))
    query = query.where(Member.id.in_(certified) if trained else Member.id.not_in(certified))
    found = session.scalars(query.limit(1)).first()
    if found is None and trained:  # no one there has finished the course yet: an untrained admin
        return _admins(session, unit, False, taken, officer)
    return [found] if found is not None else ([officer] if officer is not None else [])


def _backdate(session: Session, member: Member, day: date) -> None:
    """The demo's trained admins finished the course on the given day (demo data only)."""
    moment = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    for model, column in ((Certificate, "issued_at"), (CourseCompletion, "completed_at")):
        row = session.scalars(select(model).where(model.member_id == member.id, model.course_slug == COURSE)).first()
        if row is not None:
            setattr(row, column, moment)


def seed_groups(session: Session, *, today: date) -> None:
    """Load the demo groups once; running the seed again changes nothing."""
    if session.scalar(select(FacebookGroup).limit(1)) is not None:
        return
    rng = random.Random(2024)
    officer = session.scalars(select(Member).where(Member.username == "officer")).first()
    coordinator = session.scalars(select(Member).where(Member.username == "coordinator")).first()
    last = previous_month(today.replace(day=1))
    taken: set[int] = {officer.id} if officer else set()
    for spec in PILOT + INVENTED:
        unit = session.scalars(select(Unit).where(Unit.code == spec.unit)).first()
        if unit is None:
            continue
        group = FacebookGroup(name=spec.name, address=f"https://www.facebook.com/groups/{spec.slug}",
                              unit_id=unit.id, privacy="private", visibility="visible", founded_on=spec.founded,
                              founding_members=spec.founding, purpose="Kết nối hội viên, chia sẻ thông tin của Hội.")
        session.add(group)
        session.flush()
        admins = _admins(session, unit, spec.trained_on is not None, taken, officer)
        if spec.unit == "BT-BATRI-ANTHUY" and officer is not None:
            admins = [officer] + [a for a in admins if a.id != officer.id]  # the demo officer runs this one
        for admin in admins:
            taken.add(admin.id)
            session.add(GroupRole(group_id=group.id, member_id=admin.id, role="admin"))
            if spec.trained_on is not None and admin.id != (officer.id if officer else None):
                _backdate(session, admin, spec.trained_on)
        if spec.unit == "BT-BATRI" and officer is not None:
            session.add(GroupRole(group_id=group.id, member_id=officer.id, role="moderator"))
        members = spec.founding
        end = previous_month(previous_month(last)) if spec.last_month_gap == 3 else last
        for index, month in enumerate(_months(spec.founded, end)):
            if spec.pilot is not None and month <= PILOT_END and index < len(spec.pilot):
                m, posts, comments, reactions, viewers, member_posts = spec.pilot[index]
                values: dict[str, Any] = dict(members=m, new_members=max(0, m - members), posts=posts,
                              comments=comments, reactions=reactions, viewers=viewers, member_posts=member_posts)
            else:
                values = _invented(rng, members, spec, month)
            members = values["members"]
            latest = month == end
            session.add(MonthlyNumbers(
                group_id=group.id, month=month, status="entered" if latest else "confirmed",
                entered_by_id=admins[0].id if admins else None,
                entered_at=datetime(month.year, month.month, 28, tzinfo=UTC) + timedelta(days=5),
                confirmed_by_id=None if latest or coordinator is None else coordinator.id, **values))
    session.flush()
