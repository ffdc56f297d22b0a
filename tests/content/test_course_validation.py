"""Every defect a trainer can make is reported as path:line, and never stops other courses."""
from __future__ import annotations

import pytest

from app.content.catalogue import load_catalogue

from .course_trees import assert_good_course_still_loads, problem_lines

COURSE = "---\ntitle: Facebook groups\n---\nOverview.\n"
LESSON = "---\ntitle: A lesson\n---\nText.\n"


def broken(load, files, quizzes=()):
    """Load ``files`` beside the good course; the course 'fb' must be broken."""
    catalogue = load({"fb/course.md": COURSE, **files}, quizzes=quizzes)
    assert_good_course_still_loads(catalogue)
    fb = catalogue.course("fb")
    assert fb.is_broken
    assert fb in catalogue.broken_courses() and fb not in catalogue.visible_courses(True)
    return catalogue


def messages(catalogue, where):
    return [p.message for p in catalogue.problems if f"{p.path}:{p.line}" == where]


def test_broken_yaml_is_reported_at_its_line_and_only_once(load):
    catalogue = broken(load, {"fb/01-setup/02-rules.md":
                              "---\ntitle: Rules\nminutes: [5\nquiz: x\n---\nText\n"})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/02-rules.md:4"]
    assert "not valid YAML" in messages(catalogue, "courses/fb/01-setup/02-rules.md:4")[0]


def test_missing_lesson_title(load):
    catalogue = broken(load, {"fb/01-setup/01-intro.md": "---\nminutes: 5\n---\nText\n"})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-intro.md:1"]
    assert "missing title" in catalogue.problems[0].message
    assert catalogue.course("fb").lesson("intro").title == "Intro"  # still listed, for trainers


def test_missing_course_title(load):
    catalogue = load({"fb/course.md": "Just an overview, no front matter.\n"})
    assert problem_lines(catalogue) == ["courses/fb/course.md:1"]
    assert_good_course_still_loads(catalogue)


def test_duplicate_lesson_slug_across_modules(load):
    catalogue = broken(load, {"fb/01-setup/02-rules.md": LESSON,
                              "fb/02-posting/04-rules.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/02-posting/04-rules.md:0"]
    assert "courses/fb/01-setup/02-rules.md" in catalogue.problems[0].message
    assert [lesson.path for lesson in catalogue.course("fb").lessons] == [
        "courses/fb/01-setup/02-rules.md"]


def test_duplicate_module_slug(load):
    catalogue = broken(load, {"fb/01-setup/01-a.md": LESSON, "fb/02-setup/01-b.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/02-setup:0"]


def test_lesson_file_without_number_prefix(load):
    catalogue = broken(load, {"fb/01-setup/intro.md": LESSON, "fb/01-setup/02-ok.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/intro.md:0"]
    assert "01-intro.md" in catalogue.problems[0].message


def test_lesson_file_with_capitals_in_its_slug(load):
    catalogue = broken(load, {"fb/01-setup/01-Intro.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-Intro.md:0"]


def test_module_folder_without_number_prefix(load):
    catalogue = broken(load, {"fb/setup/01-intro.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/setup:0"]
    assert "01-setup" in catalogue.problems[0].message


def test_folder_of_images_needs_no_number(load):
    catalogue = load({"fb/course.md": COURSE, "fb/images/a.png": b"png",
                      "fb/01-setup/fig/b.png": b"png", "fb/01-setup/01-a.md": LESSON})
    assert problem_lines(catalogue) == []


def test_lesson_beside_module_folders_is_refused_without_a_line_zero(load):
    catalogue = broken(load, {"fb/01-intro.md": LESSON, "fb/01-setup/01-a.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/01-intro.md:0"]
    assert str(catalogue.problems[0]).startswith("courses/fb/01-intro.md: lessons belong")


def test_reserved_lesson_slug(load):
    catalogue = broken(load, {"fb/01-setup/03-files.md": LESSON})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/03-files.md:0"]


def test_invalid_course_folder_name(load):
    catalogue = load({"Facebook_Groups/course.md": COURSE})
    assert problem_lines(catalogue) == ["courses/Facebook_Groups:0"]
    assert catalogue.course("Facebook_Groups").is_broken
    assert_good_course_still_loads(catalogue)


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"fb/course.md": "---\ntitle: F\nsummary: s\nquizzes:\n  - fb-final\n---\n"},
         "courses/fb/course.md:4"),
        ({"fb/01-setup/module.md": "---\ntitle: Setup\n\nquiz: fb-setup\n---\nIntro\n"},
         "courses/fb/01-setup/module.md:4"),
        ({"fb/01-setup/01-a.md": "---\ntitle: A\nminutes: 5\nquiz: fb-a\n---\n"},
         "courses/fb/01-setup/01-a.md:4"),
    ],
    ids=["course", "module", "lesson"],
)
def test_reference_to_a_missing_quiz_points_at_the_quiz_line(load, files, where):
    catalogue = broken(load, files, quizzes=["some-other-quiz"])
    assert problem_lines(catalogue) == [where]
    assert "does not exist" in catalogue.problems[0].message


def test_existing_quizzes_are_accepted(load):
    catalogue = load({"fb/course.md": "---\ntitle: F\nquizzes: [fb-final]\n---\n",
                      "fb/01-setup/module.md": "---\nquiz: fb-setup\n---\n",
                      "fb/01-setup/01-a.md": "---\ntitle: A\nquiz: fb-a\n---\n"},
                     quizzes=["fb-final", "fb-setup", "fb-a"])
    assert problem_lines(catalogue, errors_only=False) == []


LINKS = (
    "---\ntitle: Links\n---\n"           # lines 1-3
    "Fine: ![cover](fig/cover.jpg) and [form](form.pdf) and [next](02-b.md#top).\n"  # 4
    "![missing photo](photo.jpg)\n"     # 5
    "\n"                                 # 6
    "Please fill in [the form](forms/sign-up.pdf \"Form\").\n"  # 7
    "[next](03-missing.md)\n"           # 8
    "![escape](../../../etc/passwd.png)\n"  # 9
    "```\n![in code](not-checked.png)\n```\n"  # 10-12
    "`![inline code](nor-this.png)` and [web](https://example.org/x.png)\n"  # 13
    "[top](#top) [site](/quizzes/q1) [course](../course.md)\n"  # 14
)


def test_missing_images_attachments_lessons_and_escapes(load):
    catalogue = broken(load, {
        "fb/01-setup/01-a.md": LINKS,
        "fb/01-setup/02-b.md": LESSON,
        "fb/01-setup/fig/cover.jpg": b"jpg",
        "fb/01-setup/form.pdf": b"pdf",
    })
    assert problem_lines(catalogue) == [
        "courses/fb/01-setup/01-a.md:5",
        "courses/fb/01-setup/01-a.md:7",
        "courses/fb/01-setup/01-a.md:8",
        "courses/fb/01-setup/01-a.md:9",
    ]
    text = [p.message for p in catalogue.problems]
    assert "photo.jpg" in text[0] and "forms/sign-up.pdf" in text[1]
    assert "missing lesson" in text[2] and "outside the course" in text[3]


def test_image_lookups_are_relative_to_the_file_and_may_use_parent_folders(load):
    catalogue = load({"fb/course.md": COURSE + "![logo](images/logo.png)\n",
                      "fb/images/logo.png": b"png",
                      "fb/01-setup/01-a.md": "---\ntitle: A\n---\n![logo](../images/logo.png)\n"})
    assert problem_lines(catalogue) == []


def test_file_names_must_match_exactly_including_capitals(load):
    catalogue = broken(load, {"fb/01-setup/01-a.md": "---\ntitle: A\n---\n![p](Fig/Photo.JPG)\n",
                              "fb/01-setup/fig/photo.jpg": b"jpg"})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-a.md:4"]


def test_links_in_translations_are_checked_too(load):
    catalogue = broken(load, {"fb/01-setup/01-a.md": LESSON,
                              "fb/01-setup/01-a.vi.md": "---\ntitle: A\n---\n\n![x](hinh.png)\n"})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-a.vi.md:5"]


def test_file_that_is_not_utf8(load):
    latin1 = "---\ntitle: Caf\xe9\n---\nNi\xf1a\n".encode("latin-1")
    catalogue = broken(load, {"fb/01-setup/01-a.md": latin1})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-a.md:2"]
    assert "UTF-8" in catalogue.problems[0].message


@pytest.mark.parametrize("value", ["0", "-5", "five", "2.5", "true", "[5]"])
def test_minutes_must_be_a_positive_whole_number(load, value):
    catalogue = broken(load, {"fb/01-setup/01-a.md": f"---\ntitle: A\n\nminutes: {value}\n---\n"})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-a.md:4"]


def test_course_minutes_too(load):
    catalogue = load({"fb/course.md": "---\ntitle: F\nminutes: 0\n---\n"})
    assert problem_lines(catalogue) == ["courses/fb/course.md:3"]


def test_required_and_draft_must_be_true_or_false(load):
    catalogue = broken(load, {"fb/course.md": "---\ntitle: F\ndraft: maybe\n---\n",
                              "fb/01-setup/01-a.md": "---\ntitle: A\nrequired: nope\n---\n"})
    assert problem_lines(catalogue) == ["courses/fb/01-setup/01-a.md:3", "courses/fb/course.md:3"]


def test_prerequisite_naming_an_unknown_course(load):
    catalogue = broken(load, {"fb/course.md": "---\ntitle: F\nprerequisites: [good, nope]\n---\n"})
    assert problem_lines(catalogue) == ["courses/fb/course.md:3"]
    assert "'nope'" in catalogue.problems[0].message


def test_prerequisite_cycle_breaks_every_course_in_it(load):
    catalogue = load({
        "a/course.md": "---\ntitle: A\nprerequisites: [b]\n---\n",
        "b/course.md": "---\ntitle: B\n\nprerequisites: [c]\n---\n",
        "c/course.md": "---\ntitle: C\nprerequisites:\n  - a\n---\n",
        "d/course.md": "---\ntitle: D\nprerequisites: [a, good]\n---\n",
    })
    assert problem_lines(catalogue) == [
        "courses/a/course.md:3", "courses/b/course.md:4", "courses/c/course.md:3"]
    assert "a -> b -> c -> a" in catalogue.problems[0].message
    # d depends on the cycle but is not part of it: it loads (its prerequisite is hidden).
    assert not catalogue.course("d").is_broken
    assert_good_course_still_loads(catalogue)


def test_course_requiring_itself_is_a_cycle(load):
    catalogue = broken(load, {"fb/course.md": "---\ntitle: F\nprerequisites: fb\n---\n"})
    assert problem_lines(catalogue) == ["courses/fb/course.md:3"]


def test_unknown_key_is_a_warning_that_lists_allowed_keys(load):
    catalogue = load({"fb/course.md": COURSE,
                      "fb/01-setup/01-a.md": "---\ntitle: A\ntitel: typo\n---\n"})
    fb = catalogue.course("fb")
    assert not fb.is_broken
    [problem] = fb.problems
    assert f"{problem.path}:{problem.line}" == "courses/fb/01-setup/01-a.md:3"
    assert not problem.is_error
    assert "'titel'" in problem.message and "did you mean 'title'" in problem.message
    assert "title, minutes, quiz, required" in problem.message
    assert str(problem).startswith("courses/fb/01-setup/01-a.md:3: warning: ")


def test_translation_without_a_source_is_a_warning(load):
    catalogue = load({"fb/course.md": COURSE, "fb/01-setup/01-a.md": LESSON,
                      "fb/01-setup/02-gone.vi.md": "---\ntitle: Mất\n---\n"})
    fb = catalogue.course("fb")
    assert not fb.is_broken
    assert [f"{p.path}:{p.line}" for p in fb.problems] == ["courses/fb/01-setup/02-gone.vi.md:0"]
    assert "02-gone.md" in fb.problems[0].message
    assert "vi" not in fb.lesson("a").translations


def test_translation_structural_keys_come_from_the_source(load):
    catalogue = load({
        "fb/course.md": COURSE,
        "fb/01-setup/01-a.md": "---\ntitle: A\nminutes: 5\nquiz: q\n---\nText\n",
        "fb/01-setup/01-a.vi.md": "---\ntitle: Bài A\nminutes: 5\nquiz: other\n---\nChữ\n",
    }, quizzes=["q"])
    fb = catalogue.course("fb")
    assert not fb.is_broken
    # Repeating a source value is fine; a different one is ignored, with a warning.
    assert [f"{p.path}:{p.line}" for p in fb.problems] == ["courses/fb/01-setup/01-a.vi.md:4"]
    lesson = fb.lesson("a")
    assert lesson.quiz == "q" and lesson.minutes == 5
    assert lesson.text_for("vi").title == "Bài A"


def test_bad_files_never_raise(load):
    catalogue = load({
        "x1/course.md": b"\x00\x01\x02\xff\xfe",
        "x2/course.md": "---\n- just\n- a list\n---\n",
        "x3/course.md": "---\ntitle: [not, text]\n---\n",
        "x4/course.md": "---\ntitle: unclosed front matter\n",
        "x5/course.md": "",
        "x6/01-m/01-a.md": "---\ntitle: A\n---\n",  # no course.md at all: a warning
        "x7/course.md": ("---\ntitle: T\nquizzes: {a: 1}\nprerequisites: 5\n"
                         "language: english\n---\n"),
        "x8/course.md": COURSE, "x8/01-m/01-a.md": "---\n---\n[x](<>) ![y]() [z](%zz) ![w](a b)\n",
    })
    assert_good_course_still_loads(catalogue)
    for slug in ("x1", "x2", "x3", "x4", "x5", "x7", "x8"):
        assert catalogue.course(slug).is_broken, slug
    assert catalogue.course("x6") is None
    # A title of the wrong type is one mistake, reported once.
    assert problem_lines(catalogue).count("courses/x3/course.md:2") == 1
    assert "courses/x6:0" in problem_lines(catalogue, errors_only=False)


def test_a_bug_in_one_course_is_contained(load, monkeypatch):
    from app.content import courses as loader

    real = loader._CourseLoader.load

    def explode_on_bad(self):
        if self.folder.name == "bad":
            raise RuntimeError("boom")
        return real(self)

    monkeypatch.setattr(loader._CourseLoader, "load", explode_on_bad)
    catalogue = load({"bad/course.md": COURSE})
    assert catalogue.course("bad").is_broken
    assert "boom" in catalogue.course("bad").problems[0].message
    assert_good_course_still_loads(catalogue)


def test_without_a_quiz_module_there_are_no_quizzes(courses_dir, monkeypatch):
    from app.content import catalogue as catalogue_module

    def missing(name, *args):
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(catalogue_module.importlib, "import_module", missing)
    (courses_dir / "fb").mkdir()
    (courses_dir / "fb/course.md").write_text("---\ntitle: F\nquizzes: [q]\n---\n")
    catalogue = load_catalogue(courses_dir, courses_dir.parent / "quizzes")
    assert dict(catalogue.quizzes) == {}
    assert problem_lines(catalogue) == ["courses/fb/course.md:3"]
