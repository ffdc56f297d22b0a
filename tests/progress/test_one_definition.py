"""One definition of complete: every view reads the stored completion, and a content change
that meets a member's requirements stores it (at publish, or at her next visit)."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from conftest import csrf_token_from
from quizweb.paper import answers as by_text
from sqlalchemy import select

from app.models import Assignment, Certificate, CourseCompletion, Member

from . import standing

RIGHT = {"q-private": "Only members", "q-twostep": "True", "q-posts": "3"}
LESSON = "courses/basics/01-start/01-hello.md"


@pytest.fixture
def people(make_unit, province, make_member, db):
    commune = make_unit("BT-AT", name="Xã An Thủy", parent=province)
    lan = make_member("lan", full_name="Phạm Thị Lan", unit=commune)
    make_member("phuong", role="coordinator", unit=province)
    with db() as session:
        session.add(Assignment(course_slug="basics", unit_id=province.id,
                               due_date=date.today() + timedelta(days=30)))
        session.commit()
    return {"lan": lan, "commune": commune}


def _pass_quiz_without_reading(client) -> None:
    paper = client.get("/quizzes/basics?course=basics")
    token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
    client.post("/quizzes/basics?course=basics", data={"csrf_token": csrf_token_from(paper), "token": token,
                                                       **by_text(paper, RIGHT)})


def _every_view(officer, coordinator, runner, lan) -> dict[str, str | None]:
    return {
        "my learning": standing.on_my_learning(officer, "Basics"),
        "roster": standing.on_roster(coordinator, "BT", "Phạm Thị Lan", "Basics"),
        "member page": standing.on_member_page(coordinator, lan.id, "Basics"),
        "report page": standing.in_report_page(coordinator, "BT", "basics", "Phạm Thị Lan"),
        "report csv": standing.in_report_csv(coordinator, "BT", "basics", "lan"),
        "command line": standing.on_command_line(runner, "BT", "basics", "lan"),
    }


def _make_the_lesson_optional(quiz_dirs) -> None:
    courses, _quizzes, _write = quiz_dirs
    (courses / "basics" / "01-start" / "01-hello.md").write_text(
        "---\ntitle: Hello\nminutes: 3\nrequired: false\n---\nRead me.\n", encoding="utf-8")


def _completed(db, member_id: int) -> tuple[bool, bool]:
    with db() as session:
        completion = session.scalar(select(CourseCompletion.id).where(CourseCompletion.member_id == member_id))
        certificate = session.scalar(select(Certificate.id).where(Certificate.member_id == member_id))
        return completion is not None, certificate is not None


def test_publishing_a_lesson_made_optional_completes_her_course_in_every_view(
        app, client, runner, login, people, quiz_dirs, db):
    login("lan")
    _pass_quiz_without_reading(client)
    coordinator = app.test_client()
    login("phuong", client_=coordinator)
    before = _every_view(client, coordinator, runner, people["lan"])
    assert set(before.values()) == {"in_progress"}, before
    assert _completed(db, people["lan"].id) == (False, False)

    _make_the_lesson_optional(quiz_dirs)
    published = runner.invoke(args=["content", "publish"])
    assert published.exit_code == 0, published.output
    assert "1 completion(s) stored" in published.output
    assert _completed(db, people["lan"].id) == (True, True)  # before she comes back

    after = _every_view(client, coordinator, runner, people["lan"])
    assert set(after.values()) == {"completed"}, after
    assert standing.on_course_page(client, "basics") == "completed"
    assert runner.invoke(args=["report", "verify"]).exit_code == 0


def test_without_a_publish_her_next_visit_stores_the_completion(
        app, client, runner, login, people, quiz_dirs, db):
    login("lan")
    _pass_quiz_without_reading(client)
    coordinator = app.test_client()
    login("phuong", client_=coordinator)
    _make_the_lesson_optional(quiz_dirs)
    app.extensions["catalogue"].load()  # a worker restarted after the edit, nothing published

    # Every view reads the same missing completion: all still say "in progress".
    assert standing.on_roster(coordinator, "BT", "Phạm Thị Lan", "Basics") == "in_progress"
    assert standing.in_report_csv(coordinator, "BT", "basics", "lan") == "in_progress"
    assert _completed(db, people["lan"].id) == (False, False)

    assert standing.on_my_learning(client, "Basics") == "completed"  # her visit stores it
    assert _completed(db, people["lan"].id) == (True, True)
    after = _every_view(client, coordinator, runner, people["lan"])
    assert set(after.values()) == {"completed"}, after


def test_a_visit_with_nothing_due_writes_nothing(app, client, login, people, db):
    login("lan")
    assert standing.on_my_learning(client, "Basics") == "not_started"
    assert standing.on_course_page(client, "basics") is None
    assert _completed(db, people["lan"].id) == (False, False)


def test_the_roster_puts_the_member_behind_on_page_one_whatever_her_name(
        app, client, login, make_unit, province, make_member, db):
    commune = make_unit("BT-MANY", name="Xã Đông", parent=province)
    make_member("phuong", role="coordinator", unit=province)
    with db() as session:
        session.add(Assignment(course_slug="basics", unit_id=commune.id,
                               due_date=date.today() - timedelta(days=3)))
        finished = [Member(username=f"m{i:03d}", full_name=f"Nguyễn Thị A{i:03d}", unit_id=commune.id)
                    for i in range(101)]
        late = Member(username="yen", full_name="Nguyễn Thị Yến", unit_id=commune.id)
        session.add_all([*finished, late])
        session.flush()
        session.add_all([CourseCompletion(member_id=m.id, course_slug="basics") for m in finished])
        session.commit()
    login("phuong")
    first = client.get("/reports/units/BT-MANY/roster").get_data(as_text=True)
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', first)
    assert len(rows) == 100 and rows[0] == "Nguyễn Thị Yến"
    assert rows[1:4] == ["Nguyễn Thị A000", "Nguyễn Thị A001", "Nguyễn Thị A002"]
    second = client.get("/reports/units/BT-MANY/roster?page=2").get_data(as_text=True)
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', second)
    assert names == ["Nguyễn Thị A099", "Nguyễn Thị A100"]
    assert standing.on_roster(client, "BT-MANY", "Nguyễn Thị Yến", "Basics") == "overdue"
