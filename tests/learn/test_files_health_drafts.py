"""Course files stay inside their folder; drafts and broken courses; the content-health page."""
from __future__ import annotations

import pytest
from conftest import ROOT

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def content(tmp_path):
    courses = tmp_path / "courses"
    lesson_dir = courses / "good" / "01-start"
    lesson_dir.mkdir(parents=True)
    (courses / "good" / "course.md").write_text("---\ntitle: Good course\n---\nHi.\n", encoding="utf-8")
    (lesson_dir / "01-hello.md").write_text(
        "---\ntitle: Hello\nminutes: 2\n---\n![A group photo](photo.png)\n\n[Form](form.pdf)\n", encoding="utf-8")
    (lesson_dir / "photo.png").write_bytes(PNG)
    (lesson_dir / "form.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (lesson_dir / "notes.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    draft = courses / "preview" / "01-start"
    draft.mkdir(parents=True)
    (courses / "preview" / "course.md").write_text("---\ntitle: Preview course\ndraft: true\n---\n", encoding="utf-8")
    (draft / "01-soon.md").write_text("---\ntitle: Soon\nminutes: 2\n---\nSoon.\n", encoding="utf-8")
    broken = courses / "broken" / "01-start"
    broken.mkdir(parents=True)
    (courses / "broken" / "course.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (broken / "01-x.md").write_text("---\ntitle: X\nminutes: 2\n---\nX\n", encoding="utf-8")
    locked = courses / "advanced" / "01-start"
    locked.mkdir(parents=True)
    (courses / "advanced" / "course.md").write_text(
        "---\ntitle: Advanced course\nprerequisites: [good]\n---\n", encoding="utf-8")
    (locked / "01-more.md").write_text("---\ntitle: More\nminutes: 2\n---\nMore.\n", encoding="utf-8")
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    return courses, quizzes


@pytest.fixture
def app_config(app_config, content):
    app_config.update(COURSES_DIR=str(content[0]), QUIZZES_DIR=str(content[1]))
    return app_config


@pytest.fixture
def officer(make_member, login):
    make_member("lan")
    login("lan")


def test_images_and_attachments_are_served_with_their_types(client, officer):
    image = client.get("/courses/good/files/01-start/photo.png")
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data == PNG
    assert "max-age" in image.headers["Cache-Control"]
    image.close()
    pdf = client.get("/courses/good/files/01-start/form.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    pdf.close()
    lesson = client.get("/courses/good/hello")
    assert b'src="files/01-start/photo.png"' in lesson.data and b'alt="A group photo"' in lesson.data


@pytest.mark.parametrize("path", [
    "../../secret.txt", "01-start/../../secret.txt", "%2e%2e/%2e%2e/secret.txt", "/etc/passwd",
    "//etc/passwd", "01-start/01-hello.md", "01-start/notes.html", "01-start/missing.png",
])
def test_paths_outside_the_course_or_not_served_types_are_404(client, officer, path):
    # Werkzeug first merges doubled slashes with a redirect that stays inside the course.
    assert client.get(f"/courses/good/files/{path}", follow_redirects=True).status_code == 404


def test_drafts_only_for_trainers_and_admins_broken_for_nobody(app, client, make_member, login, officer):
    assert client.get("/courses/preview/").status_code == 404
    assert client.get("/courses/broken/").status_code == 404
    assert b"Preview course" not in client.get("/courses/").data
    make_member("trainer1", role="trainer")
    trainer = app.test_client()
    login("trainer1", client_=trainer)
    assert trainer.get("/courses/preview/").status_code == 200
    assert trainer.get("/courses/broken/").status_code == 404
    health = trainer.get("/content/health")
    assert health.status_code == 200
    assert b"Hidden: has errors" in health.data and b"courses/broken/course.md:2" in health.data
    assert client.get("/content/health").status_code == 403


def test_shipped_content_passes_the_strict_check(runner, app):
    app.config.update(COURSES_DIR=str(ROOT / "courses"), QUIZZES_DIR=str(ROOT / "quizzes"))
    result = runner.invoke(args=["content", "check", "--strict"])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_locked_course_says_what_to_finish_first(client, officer):
    overview = client.get("/courses/advanced/")
    assert b"This course is locked" in overview.data and b"Good course" in overview.data
    lesson = client.get("/courses/advanced/more")
    assert lesson.status_code == 302 and lesson.headers["Location"].endswith("/courses/advanced/")
    from conftest import csrf_token_from

    done = client.post("/courses/advanced/more/done", data={"csrf_token": csrf_token_from(overview)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/courses/advanced/")
    # Finishing the prerequisite (its only lesson) opens the course.
    page = client.get("/courses/good/hello")
    client.post("/courses/good/hello/done", data={"csrf_token": csrf_token_from(page)})
    assert client.get("/courses/advanced/more").status_code == 200
