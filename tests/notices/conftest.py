"""A member with assigned courses and a clock set by the test.

Catalogue: ``basics`` (lessons one and two, quiz basics-check with three attempts) and
``safety`` (one lesson). ``lan`` is a chair in Xã An Thủy, in Huyện Ba Tri.
"""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

ZONE = "Asia/Ho_Chi_Minh"
#: 10:00 on 10 December 2026 in Vietnam.
NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)

COURSE_FILES = {
    "courses/basics/course.md": "---\ntitle: Basics\nquizzes: [basics-check]\n---\nOverview.\n",
    "courses/basics/01-start/01-one.md": "---\ntitle: One\n---\nText.\n",
    "courses/basics/01-start/02-two.md": "---\ntitle: Two\n---\nText.\n",
    "courses/safety/course.md": "---\ntitle: Safety first\n---\nOverview.\n",
    "courses/safety/01-rules/01-rules.md": "---\ntitle: Rules\n---\nText.\n",
    "quizzes/basics-check.md": "---\ntitle: Basics check\npass_mark: 50\nmax_attempts: 3\n---\n## Q1\nPick one.\n\n"
                               "- [x] Yes\n- [ ] No\n",
}


@pytest.fixture
def app_config(app_config, tmp_path):
    for relative, text in COURSE_FILES.items():
        path = tmp_path / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    app_config.update(COURSES_DIR=str(tmp_path / "content" / "courses"),
                      QUIZZES_DIR=str(tmp_path / "content" / "quizzes"), BABEL_DEFAULT_TIMEZONE=ZONE)
    return app_config


@pytest.fixture
def clock(monkeypatch):
    """Set the notices' clock: ``clock(datetime)``; it starts at NOW."""
    from app.notices import current

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(current, "utc_now", lambda: moment)

    set_to(NOW)
    return set_to


@pytest.fixture
def units(make_unit, province):
    ba_tri = make_unit("BT-BATRI", name="Huyện Ba Tri", kind="district", parent=province)
    return {"BT": province, "BT-BATRI": ba_tri,
            "BT-BATRI-ANTHUY": make_unit("BT-BATRI-ANTHUY", name="Xã An Thủy", parent=ba_tri)}


@pytest.fixture
def lan(make_member, units):
    return make_member("lan", unit=units["BT-BATRI-ANTHUY"], committee_role="chair", full_name="Phạm Thị Lan")
