"""A catalogue is read once per content: unchanged files give the catalogue already read, any
change to the files reads them again; a course's page map is built once, not once per file."""
from __future__ import annotations

from app.content import load_catalogue
from app.content.render_links import LinkContext
from app.content_store import LoadedCatalogues

LESSON = "---\ntitle: {title}\nminutes: 2\n---\n{title} text, see [the next](02-two.md).\n"


def _write(root, *slugs: str):
    courses, quizzes = root / "courses", root / "quizzes"
    folder = courses / "basics" / "01-start"
    folder.mkdir(parents=True, exist_ok=True)
    quizzes.mkdir(exist_ok=True)
    (courses / "basics" / "course.md").write_text("---\ntitle: Basics\n---\nWelcome.\n", encoding="utf-8")
    for number, slug in enumerate(slugs, start=1):
        (folder / f"{number:02d}-{slug}.md").write_text(LESSON.format(title=slug), encoding="utf-8")
    return courses, quizzes


def test_unchanged_files_give_the_catalogue_already_read(tmp_path):
    loaded = LoadedCatalogues()
    courses, quizzes = _write(tmp_path, "one", "two")
    first = loaded.load(courses, quizzes)
    assert loaded.load(courses, quizzes) is first
    assert loaded.loads == 1


def test_a_changed_added_or_removed_file_is_read_again(tmp_path):
    loaded = LoadedCatalogues(max_entries=3)
    courses, quizzes = _write(tmp_path, "one", "two")
    first = loaded.load(courses, quizzes)
    lesson = courses / "basics" / "01-start" / "01-one.md"
    lesson.write_text(LESSON.format(title="changed"), encoding="utf-8")
    changed = loaded.load(courses, quizzes)
    assert changed is not first and changed.course("basics").lessons[0].title == "changed"
    _write(tmp_path, "one", "two", "three")
    assert [x.slug for x in loaded.load(courses, quizzes).course("basics").lessons] == ["one", "two", "three"]
    (courses / "basics" / "01-start" / "03-three.md").unlink()
    assert [x.slug for x in loaded.load(courses, quizzes).course("basics").lessons] == ["one", "two"]
    assert loaded.loads == 3  # the files are again those of the first load: that catalogue
    assert loaded.load(courses, quizzes) is first


def test_the_same_files_in_another_folder_are_another_catalogue(tmp_path):
    loaded = LoadedCatalogues()
    here = loaded.load(*_write(tmp_path / "a", "one", "two"))
    there = loaded.load(*_write(tmp_path / "b", "one", "two"))
    assert there is not here  # a course knows its folder: its files are served from there
    assert there.course("basics").root != here.course("basics").root


def test_the_least_recently_used_catalogue_is_dropped_past_the_limit(tmp_path):
    loaded = LoadedCatalogues(max_entries=2)
    first = _write(tmp_path / "a", "one")
    loaded.load(*first)
    loaded.load(*_write(tmp_path / "b", "one"))
    loaded.load(*_write(tmp_path / "c", "one"))
    loaded.load(*first)
    assert loaded.loads == 4


def test_every_file_of_a_course_shares_one_page_map(tmp_path):
    catalogue = load_catalogue(*_write(tmp_path, "one", "two"))
    course = catalogue.course("basics")
    one = LinkContext.for_file(course, "01-start/01-one.md")
    overview = LinkContext.for_file(course, "course.md")
    assert one.pages is overview.pages and one.pages_key == overview.pages_key != ""
    assert one.cache_key() != overview.cache_key()  # the file's own folder still tells them apart
    assert one.rewrite("02-two.md") == "two"
    # Another course's map is another map, with another digest.
    other = load_catalogue(*_write(tmp_path / "other", "one", "two", "three")).course("basics")
    assert LinkContext.for_file(other, "course.md").pages_key != overview.pages_key
