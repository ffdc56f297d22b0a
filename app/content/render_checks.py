"""Every text a learner may see, checked before any view renders it.

Two steps, both turning what they find into errors of the course or quiz, which hides it
from learners and lists it on the content-health page (as every content error does):

* :func:`with_limit_problems` (at load, by ``load_catalogue``): the linear checks of
  ``limits`` on every overview, module intro, lesson, key point and quiz text.
* :func:`check_rendering` (when a server loads its catalogue, and in `flask content
  check`): every page rendered once, ahead of requests. A page that raises (in
  Python-Markdown or the sanitizer) or takes longer than ``RENDER_BUDGET_SECONDS`` is an
  error. The time is measured when a page is converted and kept with it in the render
  cache, so all workers reading one cache reach the same verdict; a page that raises is
  never cached, and fails the same way everywhere.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .limits import limit_problems
from .problems import N_, Problem, error

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .model import Course
    from .quiz_model import Question, Quiz

#: Seconds one page may take to render; pages take milliseconds, the limits keep the worst
#: a trainer can write to about a second.
RENDER_BUDGET_SECONDS = 3.0

_LIST_EXTRAS = ("questions", "objectives", "keypoints")  # rendered one item at a time


def course_texts(course: Course) -> Iterator[tuple[str, str, int]]:
    """(Markdown, display path, line) of every text of ``course`` a learner may see."""
    texts = [course.text_for(None), *course.translations.values()]
    for text in texts:
        yield text.overview, text.path, text.overview_line
    for module in course.modules:
        for module_text in (module.text_for(None), *module.translations.values()):
            yield module_text.intro, module_text.path, module_text.intro_line
        for lesson in module.lessons:
            for lesson_text in (lesson.text_for(None), *lesson.translations.values()):
                yield lesson_text.body, lesson_text.path, lesson_text.body_line
                for key in _LIST_EXTRAS:
                    for item in lesson_text.extra.get(key) or ():
                        yield str(item), lesson_text.path, lesson.meta_lines.get(key, 1)


def quiz_texts(questions: tuple[Question, ...], intro: str) -> Iterator[tuple[str, int]]:
    """(Markdown, line) of every text of a quiz (or of one translation) that is rendered."""
    yield intro, 1
    for question in questions:
        parts = [question.text_markdown, question.explanation_markdown]
        parts += [t for c in question.choices for t in (c.text_markdown, c.feedback_markdown)]
        parts += [a.feedback_markdown for a in question.answers]
        parts += [n.feedback_markdown for n in question.numeric]
        parts += [a.text for a in question.answers]  # shown as the right answer after grading
        parts += [t for p in question.pairs for t in (p.prompt_markdown, f"{p.prompt_markdown} → {p.answer}")]
        for part in parts:
            yield part, question.line or 1


def with_limit_problems(course: Course) -> Course:
    """``course`` with an error for every text past a limit of ``limits``."""
    found = [p for text, path, line in course_texts(course) if text for p in limit_problems(text, path, line)]
    return dataclasses.replace(course, problems=course.problems + tuple(found)) if found else course


def quiz_with_limit_problems(quiz: Quiz) -> Quiz:
    """``quiz`` with an error for every text past a limit; a translation with one is left out
    (as a translation with any error is), the quiz itself is hidden."""
    return _quiz_checked(quiz, lambda text, path, line: limit_problems(text, path, line))


def check_rendering(catalogue: Catalogue, *, budget: float = RENDER_BUDGET_SECONDS) -> Catalogue:
    """Render every page of every course and quiz not already hidden; what fails or runs
    over ``budget`` seconds becomes an error, so no view ever renders it."""
    from .catalogue import Catalogue

    added: list[Problem] = []
    courses = []
    for course in catalogue.courses:
        found = [] if course.is_broken else _course_render_problems(course, budget)
        added += found
        courses.append(dataclasses.replace(course, problems=course.problems + tuple(found)) if found else course)
    quizzes: dict[str, Any] = {}
    for quiz_id, quiz in catalogue.quizzes.items():
        checked = quiz if quiz.is_broken else _quiz_checked(
            quiz, lambda text, path, line: _render_problem(text, None, path, line, budget))
        added += checked.problems[len(quiz.problems):]
        quizzes[quiz_id] = checked
    if not added:
        return catalogue
    return Catalogue(tuple(courses), MappingProxyType(quizzes), tuple(sorted([*catalogue.problems, *added])))


def _course_render_problems(course: Course, budget: float) -> list[Problem]:
    from .render_links import LinkContext

    problems = []
    for language in course.languages:
        text = course.text_for(language)
        pages: list[tuple[str, LinkContext | None, str, int]] = [
            (text.overview, LinkContext.for_file(course, text.rel_path), text.path, text.overview_line)]
        for module in course.modules:
            intro = module.text_for(language)
            if intro.intro.strip():
                pages.append((intro.intro, LinkContext.for_file(course, intro.rel_path), intro.path,
                              intro.intro_line))
        for lesson in course.lessons:
            body = lesson.text_for(language)
            pages.append((body.body, LinkContext.for_file(course, body.rel_path), body.path, body.body_line))
            pages += [(str(item), None, body.path, lesson.meta_lines.get(key, 1))
                      for key in _LIST_EXTRAS for item in body.extra.get(key) or ()]
        for source, links, path, line in pages:
            problems += _render_problem(source, links, path, line, budget)
    return sorted(set(problems))  # a source-language page counts once, not per language


def _render_problem(text: str, links, path: str, line: int, budget: float) -> list[Problem]:
    from .render import default_renderer

    if not text:
        return []
    try:
        rendered = default_renderer().render(text, links=links)
    except Exception as exc:  # Python-Markdown and nh3 raise many kinds; none may reach a view
        return [error(path, line, N_("this text cannot be shown: rendering it failed (%(reason)s); "
                                     "simplify its formatting"), reason=type(exc).__name__)]
    if rendered.seconds > budget:
        return [error(path, line, N_("this text took %(seconds)s s to render; the limit is %(limit)s s: "
                                     "split it into shorter texts or simplify its formatting"),
                      seconds=f"{rendered.seconds:.1f}", limit=f"{budget:g}")]
    return []


def _quiz_checked(quiz: Quiz, check: Callable[[str, str, int], list[Problem]]) -> Quiz:
    own = [p for text, line in quiz_texts(quiz.questions, quiz.intro) if text
           for p in check(text, quiz.path, line)]
    translations: dict[str, Any] = {}
    for language, translation in quiz.translations.items():
        found = [p for text, line in quiz_texts(translation.questions, translation.intro) if text
                 for p in check(text, translation.path, line)]
        own += found
        if not found:
            translations[language] = translation
    if not own:
        return quiz
    return dataclasses.replace(quiz, problems=quiz.problems + tuple(own),
                               translations=MappingProxyType(translations))

