"""Load ``quizzes/``: Markdown quizzes, GIFT quizzes and their translations.

``quizzes/<id>.md`` or ``quizzes/<id>.gift`` is the quiz ``<id>``; ``<id>.<lang>.md`` is its
translation into ``<lang>`` (texts only). ``README.md`` and files starting with ``_`` or
``.`` are not quizzes. A broken quiz is still returned, flagged by its errors, so trainers
can see what to fix; a broken translation is reported and ignored (the source is shown).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from .frontmatter import read_text, split_front_matter
from .gift import decode_gift, gift_settings, parse_gift
from .problems import N_, Problem, error, warning
from .quiz_markdown import parse_questions, write_quiz_markdown
from .quiz_model import SETTING_KEYS, Question, Quiz, QuizText
from .quiz_settings import read_settings

_QUIZ_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_TRANSLATION = re.compile(r"^(?P<id>.+)\.(?P<lang>[a-z]{2})$")
_TRANSLATED_KEYS = ("title", "language")


def load_quizzes(quizzes_dir: Path) -> tuple[dict[str, Quiz], list[Problem]]:
    """Every quiz in ``quizzes_dir`` by id, and every problem found (also per quiz)."""
    quizzes: dict[str, Quiz] = {}
    problems: list[Problem] = []
    translations: list[tuple[str, str, Path]] = []
    if not quizzes_dir.is_dir():
        return quizzes, problems
    for file in sorted(quizzes_dir.iterdir()):
        if not file.is_file() or file.suffix not in (".md", ".gift") \
                or file.name.lower() == "readme.md" or file.name.startswith(("_", ".")):
            continue
        display = f"{quizzes_dir.name}/{file.name}"
        match = _TRANSLATION.match(file.stem)
        if match:
            translations.append((match.group("id"), match.group("lang"), file))
            continue
        if file.stem in quizzes:
            problems.append(error(display, 1, N_("quiz id '%(quiz)s' is already used by %(other)s; rename one "
                                                 "of the files"), quiz=file.stem, other=quizzes[file.stem].path))
            continue
        quizzes[file.stem] = load_quiz_file(file, display)
    for quiz_id, language, file in translations:
        display = f"{quizzes_dir.name}/{file.name}"
        quiz = quizzes.get(quiz_id)
        if quiz is None:
            problems.append(error(display, 1, N_("translation of a quiz that does not exist: no %(quiz)s.md or "
                                                 "%(quiz)s.gift beside it"), quiz=quiz_id))
            continue
        quizzes[quiz_id] = add_translation(quiz, language, file.read_bytes(), display)
    for quiz in quizzes.values():
        problems += quiz.problems
    return quizzes, problems


def load_quiz_file(file: Path, display: str | None = None) -> Quiz:
    """One quiz file (``.gift`` or Markdown); the id is the file name without extension."""
    display = display or file.name
    raw = file.read_bytes()
    load = load_gift_quiz if file.suffix == ".gift" else load_markdown_quiz
    quiz = load(raw, display, file.stem)
    if not _QUIZ_ID.match(quiz.id):
        quiz = replace(quiz, problems=quiz.problems + (error(
            display, 1, N_("quiz id '%(quiz)s' (the file name) may hold only letters, digits, '-' and '_'"),
            quiz=quiz.id),))
    return quiz


def load_markdown_quiz(raw: bytes, path: str, quiz_id: str) -> Quiz:
    """A Markdown quiz: front matter settings, intro, ``##`` questions."""
    digest = hashlib.sha256(raw).hexdigest()
    text, problems = read_text(raw, path)
    if text is None:
        return Quiz(quiz_id, quiz_id, path=path, problems=tuple(problems), content_hash=digest)
    doc, problems = split_front_matter(text, path)
    intro, questions, found = parse_questions(doc.body, doc.body_line, path)
    settings, setting_problems = read_settings(doc.meta, doc.line_of, path, questions)
    problems += found + setting_problems
    if "title" not in settings:
        problems.append(warning(path, 1, N_("no title in the front matter; the file name is used")))
    if not questions:
        problems.append(error(path, doc.body_line, N_("the quiz has no questions (one '## ' "
                                                      "heading per question)")))
    problems += _ungradable(questions, path)
    settings.setdefault("title", _humanise(quiz_id))
    return Quiz(quiz_id, questions=tuple(questions), intro=intro, path=path,
                problems=tuple(sorted(problems, key=_order)), content_hash=digest, **settings)


def load_gift_quiz(raw: bytes | str, path: str, quiz_id: str) -> Quiz:
    """A GIFT quiz: default settings unless its leading comments set them."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    digest = hashlib.sha256(data).hexdigest()
    text, problems = decode_gift(raw, path)
    if text is None:
        return Quiz(quiz_id, quiz_id, path=path, problems=tuple(problems),
                    source_format="gift", content_hash=digest)
    questions, _, problems = parse_gift(text, path)
    header, lines, header_problems = gift_settings(text, path)
    settings, setting_problems = read_settings(header, lambda key: lines.get(key, 1), path,
                                               questions)
    problems += header_problems + setting_problems
    if not questions and not any(p.is_error for p in problems):
        problems.append(error(path, 1, N_("the quiz has no questions")))
    problems += _ungradable(questions, path)
    settings.setdefault("title", _humanise(quiz_id))
    return Quiz(quiz_id, questions=tuple(questions), path=path, source_format="gift",
                problems=tuple(sorted(problems, key=_order)), content_hash=digest, **settings)


def _ungradable(questions, path: str) -> list[Problem]:
    """A quiz with questions but none that is scored (only descriptions and essays) would be
    "passed" with 100% for any answer, and pass a course for it: an error."""
    if not questions or any(question.graded for question in questions):
        return []
    return [error(path, questions[0].line or 1, N_(
        "the quiz has no question that is scored: descriptions and essays never count, so any "
        "answer would pass; add a question with answers to choose, type or match"))]


def add_translation(quiz: Quiz, language: str, raw: bytes, path: str) -> Quiz:
    """``quiz`` with the translation in ``raw`` added, or with its problems if it is unusable.

    The translation must have the source's questions in the same order (an explicit
    ``{#id}`` must match) with the same number of choices, answers, numbers and pairs.
    """
    text, problems = read_text(raw, path)
    translation = None
    if text is not None:
        doc, problems = split_front_matter(text, path)
        intro, questions, found = parse_questions(doc.body, doc.body_line, path,
                                                  translation=True)
        problems += found + _translation_keys(doc, path, language, quiz)
        problems += _shape_problems(quiz.questions, questions, path)
        if not any(p.is_error for p in problems):
            questions = [replace(t, id=s.id) for s, t in zip(quiz.questions, questions, strict=False)]
            translation = QuizText(language, str(doc.meta.get("title") or ""), intro,
                                   tuple(questions), path)
    translations = dict(quiz.translations)
    if translation is not None:
        translations[language] = translation
    return replace(quiz, translations=MappingProxyType(translations),
                   problems=quiz.problems + tuple(problems))


def _translation_keys(doc, path: str, language: str, quiz: Quiz) -> list[Problem]:
    """Settings come from the source: a copy of them is fine, a different value is not."""
    problems = []
    for key, value in doc.meta.items():
        if key in _TRANSLATED_KEYS:
            continue
        source = getattr(quiz, key) if key in SETTING_KEYS else None
        if key in SETTING_KEYS and value == getattr(source, "value", source):
            continue
        problems.append(warning(path, doc.line_of(key), N_("'%(key)s' is not translated; it comes from the "
                                                           "source quiz and is ignored here"), key=str(key)))
    stated = doc.meta.get("language")
    if stated is not None and stated != language:
        problems.append(warning(path, doc.line_of("language"), N_("language '%(stated)s' differs from the "
                                                                  "file name; '%(language)s' is used"),
                                stated=str(stated), language=language))
    return problems


def _shape_problems(source: tuple[Question, ...], text: list[Question], path: str,
                    ) -> list[Problem]:
    if len(text) != len(source):
        line = text[0].line if text else 1
        return [error(path, line, N_("the translation has %(here)d questions, the source has %(source)d; "
                                     "it is ignored until they match"), here=len(text), source=len(source))]
    problems = []
    for number, (s, t) in enumerate(zip(source, text, strict=False), start=1):
        if t.id and t.id != s.id:
            problems.append(error(path, t.line, N_("question %(number)d has id '%(here)s' here but '%(source)s' "
                                                   "in the source"), number=number, here=t.id, source=s.id))
        for part, template in (
                ("choices", N_("question '%(question)s' has %(here)d choices here but %(source)d in the source")),
                ("answers", N_("question '%(question)s' has %(here)d answers here but %(source)d in the source")),
                ("numeric", N_("question '%(question)s' has %(here)d numbers here but %(source)d in the source")),
                ("pairs", N_("question '%(question)s' has %(here)d pairs here but %(source)d in the source"))):
            have, want = len(getattr(t, part)), len(getattr(s, part))
            if have != want:
                problems.append(error(path, t.line, template, question=s.id, here=have, source=want))
    return problems


def quiz_from_gift(raw: bytes, path: str, quiz_id: str, title: str | None = None,
                   ) -> tuple[Quiz | None, list[Problem]]:
    """A GIFT file as a Quiz (None when it cannot be read at all), for ``import-gift``.

    ``title`` overrides the file's ``// title:`` comment and the name-based default.
    """
    quiz = load_gift_quiz(raw, path, quiz_id)
    if not quiz.questions and quiz.is_broken:
        return None, list(quiz.problems)
    if title:
        quiz = replace(quiz, title=title)
    return quiz, list(quiz.problems)


def gift_to_markdown(raw: bytes, path: str, quiz_id: str) -> tuple[str | None, list[Problem]]:
    """Convert a GIFT file to our Markdown quiz format (None when it cannot be read)."""
    quiz, problems = quiz_from_gift(raw, path, quiz_id)
    return (None if quiz is None else write_quiz_markdown(quiz)), problems


def _humanise(quiz_id: str) -> str:
    words = re.sub(r"[-_]+", " ", quiz_id).strip()
    return words[:1].upper() + words[1:]


def _order(problem: Problem) -> tuple[int, str]:
    return problem.line, problem.message
