"""The catalogue is loaded when the app is built, and changes only when content is published.

tests/soak/test_content_revision.py proves the same with two real gunicorn workers.
"""
from __future__ import annotations

import pytest

from app.content import publication
from app.content_store import CatalogueStore

LESSON = "---\ntitle: {title}\nminutes: 2\n---\n{title} text.\n"


def _write_course(courses, *lessons: str) -> None:
    folder = courses / "basics" / "01-start"
    folder.mkdir(parents=True, exist_ok=True)
    (courses / "basics" / "course.md").write_text("---\ntitle: Basics\n---\nWelcome.\n", encoding="utf-8")
    for number, slug in enumerate(lessons, start=1):
        (folder / f"{number:02d}-{slug}.md").write_text(LESSON.format(title=slug), encoding="utf-8")


@pytest.fixture
def dirs(tmp_path):
    courses, quizzes = tmp_path / "courses", tmp_path / "quizzes"
    quizzes.mkdir()
    _write_course(courses, "hello")
    return courses, quizzes, tmp_path / "published"


def _lessons(store) -> list[str]:
    return [lesson.slug for lesson in store.get().course("basics").lessons]


def test_publishing_the_same_content_twice_changes_nothing(dirs):
    courses, quizzes, folder = dirs
    first, changed = publication.publish(courses, quizzes, folder)
    assert changed and publication.current(folder) == first
    again, changed_again = publication.publish(courses, quizzes, folder)
    assert again == first and not changed_again
    _write_course(courses, "hello", "more")
    third, changed = publication.publish(courses, quizzes, folder)
    assert changed and third.id != first.id and (third.courses_dir / "basics" / "01-start" / "02-more.md").is_file()


def test_only_the_last_revisions_are_kept(dirs):
    courses, quizzes, folder = dirs
    for n in range(publication.KEEP + 2):
        _write_course(courses, *[f"lesson-{i}" for i in range(n + 1)])
        latest, _ = publication.publish(courses, quizzes, folder)
    kept = [p.name for p in folder.iterdir() if p.is_dir()]
    assert len(kept) == publication.KEEP and latest.id in kept


def test_symlinks_stay_symlinks_in_a_revision(dirs, tmp_path):
    courses, quizzes, folder = dirs
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (courses / "basics" / "01-start" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    revision, _ = publication.publish(courses, quizzes, folder)
    assert (revision.courses_dir / "basics" / "01-start" / "leak.txt").is_symlink()


def test_a_store_serves_the_published_revision_until_the_next_publish(dirs):
    courses, quizzes, folder = dirs
    publication.publish(courses, quizzes, folder)
    store = CatalogueStore(courses, quizzes, None, auto_reload=False, published_dir=folder)
    store.load()
    assert _lessons(store) == ["hello"]
    _write_course(courses, "hello", "more")  # an edit on disk, not published
    assert _lessons(store) == ["hello"]
    restarted = CatalogueStore(courses, quizzes, None, auto_reload=False, published_dir=folder)
    restarted.load()
    assert _lessons(restarted) == ["hello"]  # a worker started after the edit serves the same
    revision, _ = publication.publish(courses, quizzes, folder)
    assert _lessons(store) == _lessons(restarted) == ["hello", "more"]
    assert store.revision == restarted.revision == revision.id


@pytest.fixture
def app_config(app_config, dirs):
    app_config.update(COURSES_DIR=str(dirs[0]), QUIZZES_DIR=str(dirs[1]), CONTENT_PUBLISHED_DIR=str(dirs[2]))
    return app_config


def test_the_app_loads_its_catalogue_when_built_not_at_the_first_request(app, client, dirs, make_member, login):
    make_member("lan")
    login("lan")
    _write_course(dirs[0], "hello", "more")  # after the app was built, before any request
    assert client.get("/courses/basics/more").status_code == 404
    assert client.get("/courses/basics/hello").status_code == 200


def test_flask_content_publish_switches_the_running_app(app, client, runner, dirs, make_member, login):
    make_member("lan")
    login("lan")
    _write_course(dirs[0], "hello", "more")
    result = runner.invoke(args=["content", "publish"])
    assert result.exit_code == 0, result.output
    assert "Published revision" in result.output
    assert client.get("/courses/basics/more").status_code == 200
    assert "Revision" in runner.invoke(args=["content", "publish"]).output  # nothing new


def test_flask_content_publish_refuses_content_with_errors(app, client, runner, dirs, make_member, login):
    make_member("lan")
    login("lan")
    (dirs[0] / "basics" / "01-start" / "02-deep.md").write_text(
        "---\ntitle: Deep\nminutes: 2\n---\n" + ">" * 10_000 + "\n", encoding="utf-8")
    result = runner.invoke(args=["content", "publish"])
    assert result.exit_code == 1
    assert "courses/basics/01-start/02-deep.md:5: block quotes" in result.output
    assert "nothing was published" in result.output
    assert not (dirs[2] / publication.CURRENT).exists()
    assert client.get("/courses/basics/hello").status_code == 200
