"""Units, people and courses for the sessions' tests.

Vĩnh Long (province) > Xã Ba Tri (commune) > Chi hội 1 (branch), and Xã An Hội (another
commune) with its own coordinator. ``hall`` is a blended course (one lesson and one
in-person session); ``online`` is not.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.models import SessionInvitation, TrainingSession
from app.training import checkin

BLENDED = "---\ntitle: Moderating in the hall\nsessions_required: 1\n---\nHalf online, half in the hall.\n"


@pytest.fixture
def course_dirs(tmp_path):
    courses = tmp_path / "courses"
    for slug, course_md in (("hall", BLENDED), ("online", "---\ntitle: Online only\n---\nRead.\n")):
        (courses / slug / "01-start").mkdir(parents=True)
        (courses / slug / "course.md").write_text(course_md, encoding="utf-8")
        (courses / slug / "01-start" / "01-hello.md").write_text(
            "---\ntitle: Hello\nminutes: 3\n---\nRead me.\n", encoding="utf-8")
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    return courses, quizzes


@pytest.fixture
def app_config(app_config, course_dirs):
    courses, quizzes = course_dirs
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(quizzes), PUBLIC_URL="https://learn.example.vn")
    return app_config


@pytest.fixture
def units(make_unit, province):
    ba_tri = make_unit("29110", name="Xã Ba Tri", parent=province)
    branch = make_unit("29110-CH1", name="Chi hội 1", kind="branch", parent=ba_tri)
    an_hoi = make_unit("28756", name="Xã An Hội", parent=province)
    return {"province": province, "ba_tri": ba_tri, "branch": branch, "an_hoi": an_hoi}


@pytest.fixture
def people(make_member, units):
    return {
        "coordinator": make_member("thu", role="coordinator", unit=units["ba_tri"], full_name="Trần Thị Thu"),
        "other_coordinator": make_member("hoa", role="coordinator", unit=units["an_hoi"]),
        "trainer": make_member("dao", role="trainer", unit=units["province"], full_name="Lê Thị Đào"),
        "admin": make_member("boss", role="admin", unit=units["province"]),
        "officer": make_member("lan", unit=units["ba_tri"], committee_role="chair", full_name="Nguyễn Thị Lan"),
        "branch_officer": make_member("mai", unit=units["branch"], committee_role="branch_head",
                                      full_name="Phạm Thị Mai"),
        "outsider": make_member("cuc", unit=units["an_hoi"], full_name="Võ Thị Cúc"),
    }


@pytest.fixture
def make_session(db, units):
    """A session starting ``starts_in`` from now (negative: already started), for ``units``."""

    def make(*, starts_in=timedelta(minutes=-10), hours=2, unit_keys=("ba_tri",), roles=None,
             course="hall", walk_ins=False, capacity=None) -> TrainingSession:
        start = datetime.now(UTC) + starts_in
        with db() as session:
            training = TrainingSession(
                course_slug=course, starts_at=start, ends_at=start + timedelta(hours=hours),
                place="Hội trường UBND xã", allow_walk_ins=walk_ins, capacity=capacity,
                invitations=[SessionInvitation(unit_id=units[key].id, committee_roles=roles) for key in unit_keys])
            session.add(training)
            session.commit()
            session.refresh(training)
            session.expunge(training)
            return training

    return make


@pytest.fixture
def code_of(app):
    def code(training: TrainingSession) -> str:
        return checkin.current_code(app.config["SECRET_KEY"], training.id, datetime.now(UTC))

    return code
