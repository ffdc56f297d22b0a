"""Real Carpentries lessons (shell-novice) in both template styles load and render well.

The corpus sits beside the repository (``<repo>/../shared/corpus``); it is copied into a
temporary course for each test and never into the project.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.content.catalogue import load_catalogue
from app.content.render import Renderer, render_inline
from app.content.render_links import LinkContext

from .html_tree import parse

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
SHELL = CORPUS / "markdown-lessons" / "shell-novice"

pytestmark = pytest.mark.skipif(
    not SHELL.is_dir(), reason=f"shared lesson corpus not found at {SHELL.resolve()}"
)

# course slug -> module folder -> lesson file name -> corpus file
LAYOUT = {
    "shell-jekyll": ("01-episodes", {"01-intro.md": "_episodes/01-intro.md",
                                     "03-create.md": "_episodes/03-create.md",
                                     "05-loop.md": "_episodes/05-loop.md"}),
    "shell-workbench": ("01-episodes", {"02-filedir.md": "episodes/02-filedir.md",
                                        "05-loop.md": "episodes/05-loop.md"}),
}
_FIGURE = re.compile(r"\]\(((?:\.\./)?fig/[^)\s]+)\)")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    courses = tmp_path_factory.mktemp("corpus") / "courses"
    for slug, (module, lessons) in LAYOUT.items():
        folder = courses / slug / module
        folder.mkdir(parents=True)
        (courses / slug / "course.md").write_text(f"---\ntitle: The Unix Shell ({slug})\n---\n")
        for name, source in lessons.items():
            shutil.copyfile(SHELL / source, folder / name)
            # The figures were not copied into the corpus; stand-ins let the links resolve.
            for figure in _FIGURE.findall((SHELL / source).read_text(encoding="utf-8")):
                stand_in = (folder / figure).resolve()
                stand_in.parent.mkdir(parents=True, exist_ok=True)
                stand_in.write_bytes(b"<svg/>")
    return load_catalogue(courses, courses.parent / "quizzes", quiz_loader=lambda _d: ({}, []))


@pytest.fixture(scope="module")
def rendered(catalogue):
    renderer = Renderer()
    pages = {}
    for course in catalogue.courses:
        for lesson in course.lessons:
            links = LinkContext.for_file(course, lesson.rel_path)
            pages[(course.slug, lesson.slug)] = renderer.render(lesson.body, links=links)
    return pages


def test_lessons_load_with_their_titles(catalogue):
    jekyll, workbench = catalogue.course("shell-jekyll"), catalogue.course("shell-workbench")
    assert [(lesson.slug, lesson.title) for lesson in jekyll.lessons] == [
        ("intro", "Introducing the Shell"),
        ("create", "Working With Files and Directories"),
        ("loop", "Loops"),
    ]
    assert [(lesson.slug, lesson.title) for lesson in workbench.lessons] == [
        ("filedir", "Navigating Files and Directories"), ("loop", "Loops")]
    assert jekyll.problems == ()
    # The one real defect: a link to the lesson's setup page, which is not a lesson here.
    assert [str(p) for p in workbench.problems] == [
        "courses/shell-workbench/01-episodes/02-filedir.md:414: link to a missing lesson "
        "'../learners/setup.md' (no lesson file learners/setup.md in this course)"]


def test_questions_objectives_keypoints_are_in_extra_in_both_styles(catalogue):
    jekyll = catalogue.course("shell-jekyll").lesson("loop")
    workbench = catalogue.course("shell-workbench").lesson("loop")
    for lesson in (jekyll, workbench):
        assert lesson.extra["questions"] == (
            "How can I perform the same actions on many different files?",)
        assert len(lesson.extra["objectives"]) == 6
        assert len(lesson.extra["keypoints"]) == 8
        assert (lesson.extra["teaching"], lesson.extra["exercises"], lesson.minutes) == (
            40, 10, 50)
    # Same key points, written with and without backslash escapes, render identically.
    assert [render_inline(k) for k in jekyll.extra["keypoints"]] == [
        render_inline(k) for k in workbench.extra["keypoints"]]
    assert "<kbd>Ctrl</kbd>+<kbd>R</kbd>" in render_inline(jekyll.extra["keypoints"][6])
    # YAML flow folding joins the continued key point into one line.
    intro = catalogue.course("shell-jekyll").lesson("intro")
    assert intro.extra["keypoints"][3].startswith("The shell's main advantages")
    assert "\n" not in intro.extra["keypoints"][3]


def _code_language(pre) -> str | None:
    classes = pre.classes + (pre.parent.classes if pre.parent is not None else [])
    classes += [c for code in pre.find_all("code") for c in code.classes]
    return next((c.removeprefix("language-") for c in classes if c.startswith("language-")),
                None)


def _fence_count(source: str) -> int:
    fences = [line for line in source.split("\n")
              if re.match(r"^(?:> ?)*\s*(```|~~~)", line)]
    return len(fences) // 2


@pytest.mark.parametrize("key", [(c, f.removesuffix(".md").split("-", 1)[1])
                                 for c, (_, files) in LAYOUT.items() for f in files])
def test_every_code_block_renders_with_its_language(catalogue, rendered, key):
    lesson = catalogue.course(key[0]).lesson(key[1])
    tree = parse(rendered[key].html)
    blocks = tree.find_all("pre")
    assert len(blocks) == _fence_count(lesson.body) > 0
    languages = {_code_language(pre) for pre in blocks}
    assert None not in languages and "bash" in languages and "output" in languages


@pytest.mark.parametrize("key", [(c, f.removesuffix(".md").split("-", 1)[1])
                                 for c, (_, files) in LAYOUT.items() for f in files])
def test_no_template_syntax_leaks_into_the_page(catalogue, rendered, key):
    lesson = catalogue.course(key[0]).lesson(key[1])
    html = rendered[key].html
    tree = parse(html)
    prose = "".join(
        text for element in tree.iter() if element.tag not in ("pre", "code")
        for text in element.children if isinstance(text, str)
    )
    assert "{%" not in html and "include links.md" not in html
    assert "{:" not in prose and ":::" not in prose
    assert len(tree.find_all("kbd")) == lesson.body.count("<kbd>")


def test_boxes_and_collapsible_solutions(rendered):
    tree = parse(rendered[("shell-jekyll", "loop")].html)
    challenges = tree.find_all("div", "challenge")
    assert len(challenges) == 7
    assert all(c.find_all("details", "solution") for c in challenges)
    assert len(tree.find_all("div", "callout")) == 6
    assert not tree.find_all("blockquote")  # every quote in this lesson was a box
    filedir = parse(rendered[("shell-workbench", "filedir")].html)
    assert filedir.find_all("details", "spoiler") and filedir.find_all("details", "instructor")
    assert not filedir.find_all("div", "objectives")  # lifted into extra, shown by the page


def test_both_styles_of_the_loop_lesson_render_equivalently(rendered):
    def shape(key):
        tree = parse(rendered[key].html)
        return {
            "challenges": [c.find_all("p", "box-title")[0].text
                           for c in tree.find_all("div", "challenge")],
            "callouts": [c.find_all("p", "box-title")[0].text
                         for c in tree.find_all("div", "callout")],
            "solutions": len(tree.find_all("details", "solution")),
            "languages": {_code_language(pre) for pre in tree.find_all("pre")},
            "headings": [h.text for h in tree.iter() if h.tag in ("h2", "h3")],
            "images": len(tree.find_all("img")),
        }

    jekyll, workbench = shape(("shell-jekyll", "loop")), shape(("shell-workbench", "loop"))
    assert jekyll == workbench
    assert len(jekyll["challenges"]) == 7 and jekyll["solutions"] == 8
    assert jekyll["languages"] == {"bash", "output", "error", "source"}


def test_images_keep_long_alt_text_and_point_into_the_course(rendered):
    [jekyll_img] = parse(rendered[("shell-jekyll", "loop")].html).find_all("img")
    assert jekyll_img.attrs["src"] == "files/fig/shell_script_for_loop_flow_chart.svg"
    assert 'for filename in *.dat; do echo cp $filename' in jekyll_img.attrs["alt"]
    [workbench_img] = parse(rendered[("shell-workbench", "loop")].html).find_all("img")
    assert workbench_img.attrs["src"] == (
        "files/01-episodes/fig/shell_script_for_loop_flow_chart.svg")
    assert workbench_img.attrs["alt"].startswith('The for loop "for filename in')


def test_links_between_lessons_become_page_links(rendered):
    tree = parse(rendered[("shell-workbench", "filedir")].html)
    hrefs = {a.text: a.attrs.get("href") for a in tree.find_all("a")}
    assert hrefs["Navigating Files and Directories"] == "filedir"
    assert hrefs["Arguments"].startswith("https://swcarpentry.github.io/")


def test_real_lessons_are_long_enough_for_contents(rendered):
    create = rendered[("shell-jekyll", "create")]
    assert create.show_contents and create.word_count > 2000
