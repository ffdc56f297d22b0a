"""The trainer's kit: trainers and admins read and print it; learners never reach it."""
from __future__ import annotations

import pytest

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
       '<rect width="10" height="10"/></svg>')


@pytest.fixture
def content(tmp_path):
    courses = tmp_path / "courses"
    lessons = courses / "fb" / "01-start"
    lessons.mkdir(parents=True)
    (courses / "fb" / "course.md").write_text("---\ntitle: Groups\n---\nHi.\n", encoding="utf-8")
    (lessons / "01-hello.md").write_text(
        "---\ntitle: Hello\nminutes: 2\n---\n![The menu](menu.svg)\n", encoding="utf-8")
    (lessons / "menu.svg").write_text(SVG, encoding="utf-8")
    kit = courses / "fb" / "trainer"
    kit.mkdir()
    (kit / "01-workshop.md").write_text(
        "---\ntitle: One-day workshop\n---\n## Morning\n\n- [ ] Projector\n\n![Room](room.svg)\n",
        encoding="utf-8")
    (kit / "01-workshop.vi.md").write_text(
        "---\ntitle: Hội thảo một ngày\n---\n## Buổi sáng\n", encoding="utf-8")
    (kit / "02-post-test.md").write_text("# Post-test\n\nAnswer key: 1b, 2a.\n", encoding="utf-8")
    (kit / "room.svg").write_text(SVG, encoding="utf-8")
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    return courses, quizzes


@pytest.fixture
def app_config(app_config, content):
    app_config.update(COURSES_DIR=str(content[0]), QUIZZES_DIR=str(content[1]))
    return app_config


def test_kit_is_not_a_step_of_the_course(app):
    from app.content_store import catalogue

    with app.app_context():
        course = catalogue().course("fb")
    assert [lesson.slug for lesson in course.lessons] == ["hello"]
    assert [page.slug for page in course.trainer_kit] == ["workshop", "post-test"]
    assert course.problems == ()


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_trainers_and_admins_read_the_kit_in_their_language(client, make_member, login, role):
    make_member("thu", role=role, language="vi")
    login("thu")
    course_page = client.get("/courses/fb/").get_data(as_text=True)
    assert "Bộ tài liệu cho giảng viên" in course_page, course_page
    index = client.get("/courses/fb/trainer/").get_data(as_text=True)
    assert "Hội thảo một ngày" in index and "Post-test" in index
    page = client.get("/courses/fb/trainer/workshop").get_data(as_text=True)
    assert "Buổi sáng" in page and "Morning" not in page
    fallback = client.get("/courses/fb/trainer/post-test").get_data(as_text=True)
    assert "Answer key" in fallback  # no Vietnamese version: the source language
    picture = client.get("/courses/fb/files/trainer/room.svg")
    assert picture.status_code == 200
    picture.close()


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_learners_and_coordinators_never_reach_the_kit_or_its_files(client, make_member, login, role):
    make_member("lan", role=role)
    login("lan")
    assert "Trainer&#39;s kit" not in client.get("/courses/fb/").get_data(as_text=True)
    for path in ("/courses/fb/trainer/", "/courses/fb/trainer/post-test",
                 "/courses/fb/files/trainer/02-post-test.md", "/courses/fb/files/trainer/room.svg"):
        assert client.get(path).status_code == 404, path


def test_svg_drawings_are_served_under_a_policy_that_runs_nothing(client, make_member, login):
    make_member("lan")
    login("lan")
    response = client.get("/courses/fb/files/01-start/menu.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script" not in policy
    response.close()


def test_a_kit_page_past_the_renderers_limits_is_left_out_with_a_warning(tmp_path):
    from app.content.catalogue import load_catalogue

    courses = tmp_path / "c"
    (courses / "fb" / "01-a").mkdir(parents=True)
    (courses / "fb" / "trainer").mkdir()
    (courses / "fb" / "course.md").write_text("---\ntitle: Groups\n---\n", encoding="utf-8")
    (courses / "fb" / "01-a" / "01-x.md").write_text("---\ntitle: X\n---\nX\n", encoding="utf-8")
    (courses / "fb" / "trainer" / "01-deep.md").write_text("# Deep\n\n" + ">" * 10_000 + " x\n",
                                                           encoding="utf-8")
    (courses / "fb" / "trainer" / "02-fine.md").write_text("# Fine\n", encoding="utf-8")
    course = load_catalogue(courses, tmp_path / "q", quiz_loader=lambda _d: ({}, [])).course("fb")
    assert [page.slug for page in course.trainer_kit] == ["fine"]
    assert not course.is_broken
    (problem,) = course.problems
    assert problem.path.endswith("trainer/01-deep.md") and "not shown" in problem.message
