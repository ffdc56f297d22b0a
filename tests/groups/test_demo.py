"""`flask seed-demo` loads the pilot groups with the pilot report's figures, more groups with
uneven numbers, and admins linked to demo members, some trained and some not."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.groups.demo import PILOT_END
from app.models import FacebookGroup, GroupRole, Member, MonthlyNumbers


def test_seed_demo_loads_the_pilot_groups_once(runner, db):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with db() as session:
        groups = {g.name: g for g in session.scalars(select(FacebookGroup))}
        assert {"Phụ nữ Ba Tri", "Phụ nữ Thành phố Bến Tre", "Phụ nữ Mỏ Cày Bắc"} <= set(groups)
        assert len(groups) >= 6

        def pilot(name):
            return list(session.scalars(select(MonthlyNumbers).where(
                MonthlyNumbers.group_id == groups[name].id, MonthlyNumbers.month <= PILOT_END)
                .order_by(MonthlyNumbers.month)))

        ba_tri = pilot("Phụ nữ Ba Tri")
        assert groups["Phụ nữ Ba Tri"].founding_members == 92 and ba_tri[-1].members == 760
        assert [sum(getattr(m, f) for m in ba_tri) for f in ("posts", "comments", "reactions", "viewers")] \
            == [301, 312, 446, 2979]
        assert groups["Phụ nữ Thành phố Bến Tre"].founding_members == 131
        assert pilot("Phụ nữ Thành phố Bến Tre")[-1].members == 319
        mcb = pilot("Phụ nữ Mỏ Cày Bắc")
        assert groups["Phụ nữ Mỏ Cày Bắc"].founded_on == date(2024, 11, 11)
        assert mcb[-1].members == 560 and sum(m.viewers for m in mcb) == 19_200
        officer = session.scalars(select(Member).where(Member.username == "officer")).one()
        assert session.scalars(select(GroupRole).where(GroupRole.member_id == officer.id,
                                                       GroupRole.role == "admin")).first() is not None
        count = session.scalar(select(func.count()).select_from(MonthlyNumbers))
    report = runner.invoke(args=["groups", "report"])
    assert "trained" in report.output and "0 of 1 admins trained" in report.output
    assert "1 of 1 admins trained" in report.output or "1 of 2 admins trained" in report.output
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with db() as session:
        assert session.scalar(select(func.count()).select_from(MonthlyNumbers)) == count
