"""Moodle GIFT: read (as Moodle 4.5 does) and write quiz questions.

``parse_gift`` gives our ``Question`` objects, the ``$CATEGORY`` names in order and the
problems; ``write_gift`` writes a whole Quiz. ``gift_settings`` reads the optional leading
comment block (``// pass_mark: 80``) that sets quiz settings for a GIFT file; Moodle
ignores comment-only blocks, so such a file still imports into Moodle unchanged.

Question ids: a ``// [id:...]`` comment (Moodle's idnumber) when given, else a slug of the
question name; repeated ids get ``-2``, ``-3``... so every id in a quiz is unique.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import replace

from .frontmatter import read_text
from .gift_read import GiftReader, split_blocks
from .gift_write import write_gift, write_question  # noqa: F401 - part of this module's API
from .problems import N_, Problem, warning
from .quiz_format_rules import slugify
from .quiz_model import SETTING_KEYS, Question

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_SETTING_LINE = re.compile(r"^//\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")


def decode_gift(data: str | bytes, path: str) -> tuple[str | None, list[Problem]]:
    """GIFT files must be UTF-8 (Moodle refuses others); a BOM is dropped."""
    if isinstance(data, str):
        return data.replace("\r\n", "\n").replace("\r", "\n"), []
    return read_text(data, path)


def parse_gift(data: str | bytes, path: str) -> tuple[list[Question], list[str], list[Problem]]:
    """Questions, categories (in file order) and problems of one GIFT file.

    A question Moodle would refuse is left out with an error; a non-UTF-8 file gives no
    questions and one error naming the file.
    """
    text, problems = decode_gift(data, path)
    if text is None:
        return [], [], problems
    blocks, block_problems = split_blocks(text, path)
    problems += block_problems
    reader = GiftReader(path)
    questions = [q for q in map(reader.read, blocks) if q is not None]
    problems += reader.problems
    return _unique_ids(questions, path, problems), reader.categories, sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[int, str]:
    return problem.line, problem.message


def _unique_ids(questions: list[Question], path: str, problems: list[Problem]) -> list[Question]:
    seen: set[str] = set()
    out = []
    for q in questions:
        base = q.id if _ID.match(q.id) else (slugify(q.id) or slugify(q.title) or "q")
        qid, n = base, 2
        while qid in seen:
            qid, n = f"{base}-{n}", n + 1
        if q.id and qid != base:
            problems.append(warning(path, q.line, N_("question '%(question)s': id '%(id)s' is already "
                                                     "used in this file; using '%(new)s'"),
                                    question=q.title, id=base, new=qid))
        seen.add(qid)
        out.append(replace(q, id=qid))
    return out


def gift_settings(text: str, path: str) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """Quiz settings from the comment-only blocks before the first question.

    ``// pass_mark: 80`` sets a setting; other comments stay comments. A key that looks
    like a misspelt setting (``// passmark: 80``) gets a warning.
    """
    blocks, _ = split_blocks(text, path)
    settings: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for block in blocks:
        if not all(line.startswith("//") for line in block.lines):
            break
        for number, line in zip(block.numbers, block.lines, strict=False):
            match = _SETTING_LINE.match(line)
            if not match:
                continue
            key, value = match.group(1), match.group(2)
            if key in SETTING_KEYS:
                settings.setdefault(key, value)
                lines.setdefault(key, number)
            elif close := difflib.get_close_matches(key.lower(), SETTING_KEYS, 1, 0.8):
                problems.append(warning(path, number, N_("'%(key)s' is not a quiz setting (did you mean "
                                                         "'%(guess)s'?); the line is read as a comment"),
                                        key=key, guess=close[0]))
    return settings, lines, problems
