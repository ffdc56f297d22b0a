"""Real lessons and Moodle GIFT banks, collected from public repositories, shown faithfully.

Each file is kept exactly as published (``real_material/SOURCES.md``) and placed where a
trainer would put it: lessons into module folders or straight into a course folder, GIFT
files into the quizzes folder. Everything is read through ``load_catalogue`` and the quiz
reader, then rendered as the pages render it, and each test names the file it is about.
"""
from __future__ import annotations

import re

import pytest

from app.content import load_catalogue
from app.content.render import Renderer, render_inline
from app.content.render_links import LinkContext

from .real_material_support import (  # noqa: E402
    COURSES,
    GIFT,
    MPI_MISSING_FIGURE,
    NOT_COLLECTED,
    QUIZZES,
    build_course_folders,
    collected,
    rendered,
    shown_code,
    source_lines,
    unquoted,
    written_code,
)

if not collected():
    pytest.skip(NOT_COLLECTED, allow_module_level=True)

SMART = "‘’“”"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    courses, quizzes = build_course_folders(tmp_path_factory.mktemp("trainer"))
    return load_catalogue(courses, quizzes)


@pytest.fixture(scope="module")
def pages(catalogue):
    renderer = Renderer()
    return {(course.slug, lesson.slug): rendered(renderer.render(
                lesson.body, links=LinkContext.for_file(course, lesson.rel_path)).html)
            for course in catalogue.courses for lesson in course.lessons}


def problems_of(catalogue, slug):
    return [(p.path.split("/", 2)[2], p.line, p.message, p.is_error)
            for p in catalogue.course(slug).problems]


def word_before_address(message: str) -> str:
    return message.split("'", 1)[0]


# --- where problems point ------------------------------------------------------------------

def test_no_problem_of_the_real_material_is_reported_at_line_0(catalogue):
    assert catalogue.problems
    for problem in catalogue.problems:
        assert problem.line >= 1, str(problem)
        assert not str(problem).split(": ", 1)[0].endswith(":0")


@pytest.mark.parametrize("slug", ["git-novice", "sql-novice", "mpi"])
def test_each_address_problem_points_at_the_line_that_holds_the_address(catalogue, slug):
    checked = 0
    for place, line, message, _ in problems_of(catalogue, slug):
        address = re.search(r"'([^']*)'", message).group(1)
        assert address in source_lines(COURSES[slug][1][place])[line], (place, line)
        checked += 1
    assert checked


# --- Jekyll lessons: swcarpentry/git-novice, swcarpentry/sql-novice-survey ----------------

def test_git_novice_jekyll_addresses_resolve_or_are_reported_in_full(catalogue, pages):
    problems = problems_of(catalogue, "git-novice")
    images = [(p, n) for p, n, m, _ in problems if word_before_address(m).startswith("image")]
    assert images == [("01-episodes/01-basics.md", 20), ("01-episodes/01-basics.md", 38),
                      ("01-episodes/01-basics.md", 45), ("01-episodes/01-basics.md", 50),
                      ("01-episodes/03-create.md", 21)]
    links = [(p, n, m) for p, n, m, _ in problems if (p, n) not in images]
    assert [(p, n) for p, n, _ in links] == [("01-episodes/01-basics.md", 55),
                                             ("01-episodes/01-basics.md", 57),
                                             ("01-episodes/03-create.md", 46)]
    for _, _, message in links:  # a page that is not a lesson here: named as a link, whole
        assert "'{{ page.root }}{% link reference.md %}#" in message
        assert word_before_address(message).strip().endswith("link address")
    # The link to the setup episode, another lesson of the course, leads to its page.
    setup_links = [a for a in pages[("git-novice", "create")].find_all("a")
                   if a.text == "setup episode"]
    assert [a.attrs["href"] for a in setup_links] == ["setup"]


def test_sql_novice_reports_its_link_and_its_image_by_their_names(catalogue):
    (link, image) = problems_of(catalogue, "sql-novice")
    assert link[1] == 39
    assert "'{{ page.root }}{% link reference.md %}#aggregation-function'" in link[2]
    assert word_before_address(link[2]).strip().endswith("link address")
    assert image[1] == 53 and image[2].startswith("image not found: '../fig/sql-aggregation.svg'")


def test_sql_novice_tables_without_a_leading_pipe_are_tables(catalogue, pages):
    body = catalogue.course("sql-novice").lesson("agg").body
    delimiters = [line for line in body.split("\n")  # solutions hold tables inside quotes
                  if re.fullmatch(r"\|?-+\|(?:-+\|?)*", unquoted(line).strip())]
    assert len(delimiters) >= 10
    tables = pages[("sql-novice", "agg")].find_all("table")
    assert len(tables) == len(delimiters)
    pipeless = [t for t in tables if [th.text for th in t.find_all("th")]
                == ["person", "count(reading)", "round(avg(reading), 2)"]]
    assert len(pipeless) >= 3  # "person|count(reading)|round(avg(reading), 2)|" and its kin
    assert [td.text.strip() for td in pipeless[1].find_all("td")] == ["dyer", "2", "8.81"]


# --- a course of one module: rantahar/introduction-to-mpi --------------------------------

def test_mpi_lessons_straight_in_the_course_folder_make_a_one_module_course(catalogue):
    course = catalogue.course("mpi")
    assert len(course.modules) == 1
    assert [lesson.slug for lesson in course.lessons] == ["parallel-paradigms", "collective"]
    # The only problem is the figure left out; the course itself is not refused.
    (problem,) = problems_of(catalogue, "mpi")
    assert problem[:2] == ("05-parallel-paradigms.md", 281)
    assert problem[2].startswith(
        "image not found: '{{ page.root }}{% link " + MPI_MISSING_FIGURE + " %}'")


def test_mpi_liquid_figure_addresses_become_the_course_files(pages):
    sources = [img.attrs["src"] for key in (("mpi", "parallel-paradigms"), ("mpi", "collective"))
               for img in pages[key].find_all("img")]
    assert "files/files/queue.png" in sources and "files/fig/allreduce.png" in sources
    assert all(src.startswith(("files/files/", "files/fig/")) and "%7B" not in src
               for src in sources)


def test_mpi_list_right_after_a_sentence_is_a_list(pages):
    page = pages[("mpi", "collective")]
    (intro,) = [p for p in page.find_all("p") if p.text == "Possible operations include:"]
    siblings = [c for c in intro.parent.children if not isinstance(c, str)]
    following = siblings[siblings.index(intro) + 1]
    assert following.tag == "ul"
    assert [li.find_all("code")[0].text for li in following.find_all("li")] == [
        "MPI_SUM", "MPI_MAX", "MPI_MIN", "MPI_PROD", "MPI_MAXLOC", "MPI_MINLOC"]


# --- learnxinyminutes: Vietnamese lessons, code that must stay exact ----------------------

def test_learn_x_vietnamese_list_right_after_a_sentence_is_a_list(pages):
    page = pages[("learn-x", "less")]
    (intro,) = [p for p in page.find_all("p") if p.text.startswith("Nếu bạn cần xài thử Less")]
    siblings = [c for c in intro.parent.children if not isinstance(c, str)]
    assert siblings[siblings.index(intro) + 1].tag == "ul"
    assert [a.text for a in siblings[siblings.index(intro) + 1].find_all("a")] == [
        "Codepen", "LESS2CSS"]


def test_learn_x_numbered_list_right_after_a_sentence_is_a_list(pages):
    page = pages[("learn-x", "set-theory")]
    (intro,) = [p for p in page.find_all("p") if p.text.startswith("There are a few caveats")]
    siblings = [c for c in intro.parent.children if not isinstance(c, str)]
    assert siblings[siblings.index(intro) + 1].tag == "ol"


def test_learn_x_files_without_a_title_are_reported_on_their_front_matter(catalogue):
    errors = [(place, line, message) for place, line, message, is_error
              in problems_of(catalogue, "learn-x") if is_error]
    assert [(place, line) for place, line, _ in errors] == [
        ("01-less.md", 1), ("02-markdown.md", 1), ("03-set-theory.md", 1)]
    assert all("title" in message for _, _, message in errors)


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_code_of_every_real_lesson_stays_exactly_as_written(catalogue, pages, slug):
    for lesson in catalogue.course(slug).lessons:
        blocks, spans = written_code(lesson.body)
        shown = shown_code(pages[(slug, lesson.slug)])
        shown_blocks = [code.rstrip("\n") for code in shown]
        for block in blocks:
            assert block.rstrip("\n") in shown_blocks, (lesson.slug, block[:60])
        for span in spans:
            assert span in shown, (lesson.slug, span)
        typed = {code.rstrip("\n") for code in blocks + spans}
        for code in shown:  # a curly quote in code is one the author typed there
            assert not any(mark in code for mark in SMART) or code.rstrip("\n") in typed, code


def test_code_typed_as_html_and_quoted_code_spans_stay_exact(pages):
    assert "```" in shown_code(pages[("learn-x", "markdown")])  # <code>```</code>
    assert '"use strict";' in shown_code(pages[("interview", "vietnamese")])
    editors = shown_code(pages[("git-novice", "setup")])
    assert '$ git config --global core.editor "nano -w"' in editors


def test_tabs_in_real_code_stay_tabs(pages):
    outputs = [code.text for code in pages[("git-novice", "create")].find_all("code")]
    assert ".\t..\t.git" in outputs
    less = "".join(code.text for code in pages[("learn-x", "less")].find_all("code"))
    assert "\tbackground-color: @primary-color;" in less


# --- h5bp/Front-end-Developer-Interview-Questions: contents links, nested lists -----------

@pytest.mark.parametrize("lesson", ["vietnamese", "french"])
def test_every_contents_link_of_the_interview_questions_leads_somewhere(pages, lesson):
    page = pages[("interview", lesson)]
    targets = {e.attrs["id"] for e in page.iter() if e.attrs.get("id")}
    wanted = {a.attrs["href"][1:] for a in page.find_all("a")
              if (a.attrs.get("href") or "").startswith("#")}
    assert len(wanted) >= 9
    assert wanted <= targets, wanted - targets


def test_french_named_anchors_keep_their_name(pages):
    page = pages[("interview", "french")]
    anchors = {a.attrs.get("id") for a in page.find_all("a") if "href" not in a.attrs}
    assert {"toc", "general-questions", "testing-questions", "fun-questions"} <= anchors


def test_vietnamese_item_indented_under_another_is_nested(pages):
    page = pages[("interview", "vietnamese")]
    (nested,) = [li for li in page.find_all("li") if li.text == "Các exception là gì?"]
    parent = next(a for a in nested.ancestors() if a.tag == "li")
    assert parent.text.startswith("Một trình duyệt sẽ tải bao nhiêu tài nguyên")


def test_interview_questions_front_matter_keys_are_warnings_only(catalogue):
    assert not catalogue.course("interview").is_broken
    assert all(not is_error for *_, is_error in problems_of(catalogue, "interview"))


# --- GIFT banks ---------------------------------------------------------------------------

def gift_blocks(text: str) -> int:
    """Questions counted the way Moodle splits a file: blocks between blank lines that
    hold something besides comments and $CATEGORY lines."""
    blocks = re.split(r"\n[ \t]*\n", text)
    return sum(1 for block in blocks if any(
        line.strip() and not line.strip().startswith(("//", "$CATEGORY"))
        for line in block.split("\n")))


# Counted by reading each file; the block count above must agree.
QUESTIONS = {"peg-escape-all": 1, "peg-format-examples": 1, "peg-format-php-examples": 10,
             "peg-markdown": 4, "peg-html-comment": 1, "peg-multiline-feedback": 2,
             "peg-symbols": 1, "epidemiology": 39, "indonesia-space": 2, "modern-farming": 5}
#: Files of descriptions only (text to show, no answer to give).
UNSCORED = {"peg-markdown"}


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_every_question_of_each_real_gift_file_is_read(catalogue, quiz_id):
    text = (GIFT / QUIZZES[quiz_id]).read_text(encoding="utf-8")
    assert gift_blocks(text) == QUESTIONS[quiz_id]
    quiz = catalogue.quiz(quiz_id)
    assert len(quiz.questions) == QUESTIONS[quiz_id]
    if quiz_id in UNSCORED:  # read whole, and refused as a quiz: nobody could fail it
        assert quiz.is_broken
        assert [p.message for p in quiz.problems] == [
            "the quiz has no question that is scored: descriptions and essays never count, so any "
            "answer would pass; add a question with answers to choose, type or match"]
    else:
        assert not quiz.is_broken and quiz.problems == ()


def shown(markdown: str) -> str:
    return rendered(Renderer().render(markdown).html).text.strip()


def test_escape_all_choices_show_each_character_alone(catalogue):
    (question,) = catalogue.quiz("peg-escape-all").questions
    choices = [render_inline(c.text_markdown) for c in question.choices]
    assert choices == ["~", "=", "#", "{", "}", ":", "\\"]  # no heading, no backslash


def test_symbols_show_as_typed_in_moodle_format(catalogue):
    (question,) = catalogue.quiz("peg-symbols").questions
    page = rendered(Renderer().render(question.text_markdown).html)
    assert "such as `-=[];',./~!@#$%^&*()_+{}|:\"<>?" in page.text
    assert not page.find_all("code") and not page.find_all("em")


def test_moodle_format_keeps_straight_quotes(catalogue):
    texts = [shown(q.text_markdown) for q in catalogue.quiz("peg-format-php-examples").questions]
    assert texts[0] == "Who's buried in Grant's tomb?"
    assert not any(mark in text for text in texts for mark in SMART)


def test_epidemiology_html_lines_starting_with_a_dash_are_not_a_list(catalogue):
    quiz = catalogue.quiz("epidemiology")
    for question_id in ("schema-pr-rr", "schema-fraction-etio"):
        question = quiz.question(question_id)
        assert question.text_format == "html"
        page = rendered(Renderer().render(question.text_markdown).html)
        assert not page.find_all("ul") and not page.find_all("li")
        assert "- chez les hommes fumeurs, le taux de cancer" in page.text
    categories = {q.category for q in quiz.questions}
    assert categories == {"IDEA/Alerte-Investigation", "IDEA/Schemas", "IDEA/Biostatistiques",
                          "IDEA/Surveillance", "IDEA/Enquetes", "IDEA/EpidemiesVaccins",
                          "IDEA/Environnement"}


def test_html_question_with_moodle_choices_and_styled_feedback(catalogue):
    (question,) = catalogue.quiz("peg-html-comment").questions
    assert question.text_format == "html"
    assert {c.text_format for c in question.choices} == {"moodle"}
    assert [c.correct for c in question.choices] == [False, False, True]
    feedback = rendered(Renderer().render(question.explanation_markdown).html)
    assert "Artículo 5 Estatuto Orgánico del Ministerio Fiscal:" in feedback.text
    assert "LE0000017566" not in feedback.text and "#ff6600" not in feedback.text


def test_matching_prompts_of_a_moodle_export_show_their_html(catalogue):
    matching = catalogue.quiz("indonesia-space").questions[1]
    assert [render_inline(p.prompt_markdown) for p in matching.pairs][:2] == [
        "Saturn’s largest moon<br>", "The 2nd biggest planet in our solar system<br>"]
    assert [p.answer for p in matching.pairs] == ["Mercury", "Saturn", "Venus", "Jupiter",
                                                  "Mars", "Titan"]


def test_a_line_before_the_first_title_is_part_of_the_question_as_in_moodle(catalogue):
    first, *rest = catalogue.quiz("modern-farming").questions
    assert first.text_format == "moodle"
    assert shown(first.text_markdown).startswith(
        "Generating questions using a custom prompt.\n::Precision Ag Benefits::\n[markdown]What")
    assert [q.text_format for q in rest] == ["markdown"] * 4
    assert [q.title for q in rest][0] == "Hydroponic Systems"
