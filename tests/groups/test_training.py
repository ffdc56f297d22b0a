"""Training aimed where it is needed: one confirmed action assigns the course to the admins of
groups that need help who have not finished it, and to no one else."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.models import (
    AuditEntry,
    Certificate,
    FacebookGroup,
    GroupRole,
    GroupTrainingAssignment,
    Member,
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from app.progress import assignments  # the union's day, wherever it is asked

    monkeypatch.setattr(assignments, "today_in", lambda _zone, _now=None: date(2025, 12, 10))


@pytest.fixture
def groups(union, add_month, db, make_member):
    """Ba Tri needs help (low interaction), with Lan (untrained) and Thu (trained) as admins and
    Mai as moderator; a healthy group in An Thủy whose admin Cúc is untrained."""
    thu = make_member("thu", unit=union.an_thuy)
    cuc = make_member("cuc", unit=union.an_thuy)
    add_month(union.ba_tri_group, date(2025, 10, 1), members=700)
    add_month(union.ba_tri_group, date(2025, 11, 1), members=690, posts=10, comments=5, reactions=10)
    with db() as session:
        healthy = FacebookGroup(name="Healthy", address="https://www.facebook.com/groups/healthy",
                                unit_id=union.an_thuy.id)
        session.add(healthy)
        session.flush()
        mai = session.scalars(select(Member).where(Member.username == "mai")).one()
        session.add_all([GroupRole(group_id=union.ba_tri_group, member_id=thu.id, role="admin"),
                         GroupRole(group_id=union.ba_tri_group, member_id=mai.id, role="moderator"),
                         GroupRole(group_id=healthy.id, member_id=cuc.id, role="admin"),
                         Certificate(code="t" * 40, member_id=thu.id, course_slug="running-facebook-groups",
                                     course_title="Running", unit_id=thu.unit_id,
                                     issued_at=datetime(2025, 9, 1, tzinfo=UTC))])
        session.commit()
        healthy_id = healthy.id
    add_month(healthy_id, date(2025, 10, 1), members=100)
    add_month(healthy_id, date(2025, 11, 1), members=110, posts=40, comments=90, reactions=120, member_posts=20)


def test_assign_lists_then_assigns_only_untrained_admins_of_groups_that_need_help(
        client, login, union, groups, post_form, db):
    login("coord")
    form = {"course": "running-facebook-groups", "due_date": "2026-01-31"}
    listed = post_form("/groups/training", form)
    assert listed.status_code == 200
    page = listed.get_data(as_text=True)
    assert "Lan (lan)" in page and "Thu (thu)" not in page.split("would get the course")[1]
    assert "Yes, assign the course" in page
    with db() as session:
        assert session.scalars(select(GroupTrainingAssignment)).first() is None  # nothing before confirming
    done = post_form("/groups/training", {**form, "confirmed": "yes"})
    assert done.status_code == 302
    with db() as session:
        assigned = {(a.member.username, a.course_slug, a.due_date)
                    for a in session.scalars(select(GroupTrainingAssignment))}
        assert assigned == {("lan", "running-facebook-groups", date(2026, 1, 31))}
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "group.training_assign")).one().people == 1
    page = client.get(f"/groups/{union.ba_tri_group}").get_data(as_text=True)
    assert "assigned running-facebook-groups, due" in page
    again = post_form("/groups/training", {**form, "confirmed": "yes"})
    assert again.status_code == 302
    with db() as session:
        assert len(session.scalars(select(GroupTrainingAssignment)).all()) == 1


def test_a_due_date_in_the_past_is_refused(client, login, groups, post_form, db):
    login("coord")
    response = post_form("/groups/training", {"course": "running-facebook-groups", "due_date": "2025-01-01",
                                              "confirmed": "yes"})
    assert response.status_code == 400
    assert "The due date is in the past" in response.get_data(as_text=True)
    with db() as session:
        assert session.scalars(select(GroupTrainingAssignment)).first() is None


def test_comparison_splits_trained_groups_at_their_training_and_others_at_the_median():
    from types import SimpleNamespace

    from app.groups.health import MonthNumbers, history
    from app.groups.summary import AdminTraining, GroupSummary
    from app.groups.training import comparison

    def summary(name, interactions, trained_on=None):
        months = [MonthNumbers(date(2025, m, 1), members=100, posts=0, comments=0, reactions=round(i * 100))
                  for m, i in zip(range(1, 13), interactions, strict=False)]
        admin = AdminTraining(SimpleNamespace(full_name="A"), "admin",
                              datetime(*trained_on, tzinfo=UTC) if trained_on else None)
        group = SimpleNamespace(id=name, name=name)
        return GroupSummary(group, tuple(months), tuple(history(months)), False, (admin,))

    trained = summary("t", [0.2, 0.2, 0.2, 0.8, 0.8, 0.8], trained_on=(2025, 4, 10))
    other = summary("o", [0.3, 0.3, 0.3, 0.3, 0.5, 0.5])
    total = comparison([trained, other], {})[-1]
    assert total.unit is None
    assert (total.trained.groups, total.others.groups) == (1, 1)
    assert total.trained.before.interaction == pytest.approx(0.2)
    assert total.trained.after.interaction == pytest.approx(0.8)
    # the others are split at the same day (April): 0.3 before, (0.3 + 0.5 + 0.5) / 3 after
    assert total.others.before.interaction == pytest.approx(0.3)
    assert total.others.after.interaction == pytest.approx((0.3 + 0.5 + 0.5) / 3)


def test_the_assigned_admin_finds_the_course_on_my_learning_with_its_due_date(
        client, login, union, groups, post_form, app):
    login("coord")
    form = {"course": "running-facebook-groups", "due_date": "2026-01-31", "confirmed": "yes"}
    assert post_form("/groups/training", form).status_code == 302
    from app.extensions import db as database
    from app.models import Member
    from app.progress.assignments import assignments_for

    with app.app_context():
        lan = database.session.scalars(select(Member).where(Member.username == "lan")).one()
        cuc = database.session.scalars(select(Member).where(Member.username == "cuc")).one()
        assert assignments_for(database.session, lan)["running-facebook-groups"].due_date == date(2026, 1, 31)
        assert "running-facebook-groups" not in assignments_for(database.session, cuc)
