"""A well-formed course loads into the structure the rest of the app relies on."""
from __future__ import annotations

import dataclasses

import pytest

from app.content import Course, load_catalogue

from .course_trees import problem_lines, write_tree

FB_COURSE = {
    "fb/course.md": (
        "---\n"
        "title: Running a Facebook group\n"
        "summary: Set up and grow your union's group.\n"
        "audience: Executive committee officers\n"
        "minutes: 90\n"
        "quizzes: [fb-final]\n"
        "---\n"
        "Welcome. Start with [the settings](01-setup/01-settings.md).\n"
    ),
    "fb/course.vi.md": "---\ntitle: Quản lý nhóm Facebook\nlanguage: vi\n---\nChào mừng.\n",
    "fb/01-setup/module.md": "---\ntitle: Setting up\nquiz: fb-setup\n---\nWhy settings matter.\n",
    "fb/01-setup/module.vi.md": "---\ntitle: Thiết lập\nquiz: fb-setup\n---\nVì sao.\n",
    "fb/01-setup/01-settings.md": "---\ntitle: Group settings\nminutes: 10\n---\nText.\n",
    "fb/01-setup/01-settings.vi.md": "---\ntitle: Cài đặt nhóm\n---\nNội dung.\n",
    "fb/01-setup/02-rules.md": (
        "---\ntitle: Group rules\nminutes: 15\nquiz: fb-rules\nrequired: false\n"
        "objectives:\n- Write three rules\n---\nRules.\n"
    ),
    # 10 sorts after 2: the number is a number, not text.
    "fb/02-posting/10-photos.md": "---\ntitle: Photos\n---\nPhotos.\n",
    "fb/02-posting/2-first-post.md": "---\ntitle: First post\n---\nPost.\n",
    "fb/02-posting/fig/photo.jpg": b"\xff\xd8 not really a jpeg",
}
QUIZZES = ("fb-final", "fb-setup", "fb-rules")


@pytest.fixture
def course(load) -> Course:
    catalogue = load(FB_COURSE, quizzes=QUIZZES)
    assert problem_lines(catalogue, errors_only=False) == []
    return catalogue.course("fb")


def test_course_front_matter_is_read(course):
    assert course.title == "Running a Facebook group"
    assert course.summary == "Set up and grow your union's group."
    assert course.audience == "Executive committee officers"
    assert course.minutes == 90 and course.language == "en" and course.draft is False
    assert course.quizzes == ("fb-final",)
    assert course.path == "courses/fb" and course.file_path == "courses/fb/course.md"
    assert "Welcome." in course.overview


def test_modules_and_lessons_are_ordered_by_number_and_keyed_by_slug(course):
    assert [m.slug for m in course.modules] == ["setup", "posting"]
    assert [lesson.slug for lesson in course.lessons] == [
        "settings", "rules", "first-post", "photos"
    ]
    rules = course.lesson("rules")
    assert (rules.number, rules.module_slug, rules.title) == (2, "setup", "Group rules")
    assert rules.path == "courses/fb/01-setup/02-rules.md"
    assert rules.rel_path == "01-setup/02-rules.md"
    assert rules.body_line == 9


def test_lesson_defaults_and_extra(course):
    rules = course.lesson("rules")
    assert rules.required is False and rules.quiz == "fb-rules" and rules.minutes == 15
    assert rules.extra["objectives"] == ("Write three rules",)
    photos = course.lesson("photos")
    assert photos.required is True and photos.quiz is None and photos.minutes is None
    assert course.module("setup").title == "Setting up"
    assert course.module("posting").title == "Posting"  # no module.md: from the slug


def test_previous_and_next_cross_module_boundaries(course):
    assert course.previous_lesson("settings") is None
    assert course.next_lesson("rules").slug == "first-post"
    assert course.previous_lesson("first-post").slug == "rules"
    assert course.next_lesson("photos") is None
    assert course.lesson("missing") is None and course.next_lesson("missing") is None


def test_required_quiz_ids_collects_course_module_and_lesson_quizzes_once(course):
    assert course.required_quiz_ids == ("fb-final", "fb-rules", "fb-setup")


def test_renumbering_a_lesson_keeps_its_slug(courses_dir, load):
    catalogue = load(FB_COURSE, quizzes=QUIZZES)
    before = catalogue.course("fb").lesson("rules").content_hash
    (courses_dir / "fb/01-setup/02-rules.md").rename(courses_dir / "fb/01-setup/05-rules.md")
    after = load_catalogue(courses_dir, courses_dir.parent / "quizzes",
                           quiz_loader=lambda _d: (dict.fromkeys(QUIZZES), []))
    lesson = after.course("fb").lesson("rules")
    assert lesson.number == 5 and lesson.content_hash == before


def test_translation_replaces_texts_and_keeps_structure(course):
    settings = course.lesson("settings")
    vi = settings.text_for("vi")
    assert (vi.title, vi.body.strip(), vi.language) == ("Cài đặt nhóm", "Nội dung.", "vi")
    assert vi.path == "courses/fb/01-setup/01-settings.vi.md"
    assert vi.content_hash != settings.content_hash
    # Untranslated lessons and unknown languages fall back to the source.
    assert course.lesson("rules").text_for("vi").title == "Group rules"
    assert settings.text_for("fr").title == "Group settings"
    assert settings.text_for(None).body == settings.body
    assert course.text_for("vi").title == "Quản lý nhóm Facebook"
    assert course.text_for("vi").summary == course.summary  # not translated: source text
    assert course.module("setup").text_for("vi").title == "Thiết lập"
    assert course.languages == ("en", "vi")


def test_course_is_frozen(course):
    with pytest.raises(dataclasses.FrozenInstanceError):
        course.title = "changed"  # type: ignore[misc]
    assert isinstance(course.modules, tuple) and isinstance(course.lessons, tuple)


def test_asset_path_serves_only_files_inside_the_course(course, courses_dir, tmp_path):
    assert course.asset_path("02-posting/fig/photo.jpg") == (
        courses_dir / "fb/02-posting/fig/photo.jpg").resolve()
    (tmp_path / "secret.txt").write_text("no")
    for bad in ("../../secret.txt", "/etc/passwd", "01-setup/02-rules.md", "nope.jpg", ""):
        assert course.asset_path(bad) is None


def test_asset_path_refuses_symlinks_out_of_the_course(course, courses_dir, tmp_path):
    (tmp_path / "secret.txt").write_text("no")
    (courses_dir / "fb/leak.txt").symlink_to(tmp_path / "secret.txt")
    assert course.asset_path("leak.txt") is None


def test_drafts_are_hidden_unless_asked_for(load):
    catalogue = load({"wip/course.md": "---\ntitle: Work in progress\ndraft: true\n---\n"})
    wip = catalogue.course("wip")
    assert wip.draft and not wip.is_broken
    assert wip not in catalogue.visible_courses()
    assert wip in catalogue.visible_courses(include_drafts=True)


def test_workbench_summary_divs_are_lifted_into_extra(load):
    lesson_md = (
        "---\ntitle: Loops\n---\n"
        "::::::::::::: objectives\n\n- Write a loop\n- Trace a\n  variable\n\n:::::::::::::\n\n"
        "Body text.\n\n"
        ":::: keypoints\n- `for` repeats\n::::\n"
    )
    catalogue = load({"sh/course.md": "---\ntitle: Shell\n---\n",
                      "sh/01-m/01-loops.md": lesson_md})
    lesson = catalogue.course("sh").lesson("loops")
    assert lesson.extra["objectives"] == ("Write a loop", "Trace a variable")
    assert lesson.extra["keypoints"] == ("`for` repeats",)
    assert "objectives" not in lesson.body and "Body text." in lesson.body
    # Lines are blanked, not removed, so line numbers in problems stay right.
    assert lesson.body_line + lesson.body.split("\n").index("Body text.") == 12


def test_carpentries_minutes_are_used_when_minutes_is_absent(load):
    catalogue = load({"sh/course.md": "---\ntitle: Shell\n---\n",
                      "sh/01-m/01-a.md": "---\ntitle: A\nteaching: 40\nexercises: 10\n---\n"})
    lesson = catalogue.course("sh").lesson("a")
    assert lesson.minutes == 50 and lesson.extra["teaching"] == 40
    assert catalogue.course("sh").total_minutes == 50


def test_asset_folders_and_readme_at_top_level_are_not_courses(courses_dir):
    write_tree(courses_dir, {"README.md": "# For trainers\n",
                             "fb/course.md": "---\ntitle: X\n---\n",
                             "fb/fig/a.png": b"png", ".git/HEAD": "x"})
    catalogue = load_catalogue(courses_dir, courses_dir.parent / "quizzes",
                               quiz_loader=lambda _d: ({}, []))
    assert [c.slug for c in catalogue.courses] == ["fb"]
    assert catalogue.problems == ()


def test_missing_courses_folder_is_a_problem_not_a_crash(tmp_path):
    catalogue = load_catalogue(tmp_path / "nope", tmp_path / "quizzes",
                               quiz_loader=lambda _d: ({}, []))
    assert catalogue.courses == () and catalogue.has_errors
