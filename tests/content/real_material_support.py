"""Placing the collected real material into course and quiz folders, and reading it back.

The files under ``real_material/`` are collected exactly as published (``SOURCES.md`` says where
each comes from, ``real_material/collect.py`` fetches them); here they are copied, unchanged, into the places \
a trainer puts them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from .html_tree import Element, parse

MATERIAL = Path(__file__).resolve().parent / "real_material"
LESSONS = MATERIAL / "lessons"
GIFT = MATERIAL / "gift"
#: Why the tests are skipped in a checkout that has not collected the files.
NOT_COLLECTED = ("the real lessons and GIFT files listed in tests/content/real_material/SOURCES.md "
                 "are not in this checkout (other people's files, named but not carried): collect "
                 "them with `python tests/content/real_material/collect.py`")


def collected() -> bool:
    """Whether every file SOURCES.md lists has been collected."""
    listed = re.findall(r"^\| `((?:lessons|gift)/[^`]+)`", (MATERIAL / "SOURCES.md").read_text(encoding="utf-8"),
                        re.M)
    return bool(listed) and all((MATERIAL / path).is_file() for path in listed)

# course slug -> (title for course.md, {place in the course: stored file})
COURSES = {
    "git-novice": ("Version Control with Git", {
        "01-episodes/01-basics.md": "git-novice/01-basics.md",
        "01-episodes/02-setup.md": "git-novice/02-setup.md",
        "01-episodes/03-create.md": "git-novice/03-create.md",
    }),
    "sql-novice": ("Databases and SQL", {
        "01-episodes/06-agg.md": "sql-novice-survey/06-agg.md",
    }),
    # Lessons straight in the course folder: a course of one module.
    "mpi": ("Introduction to MPI", {
        "05-parallel-paradigms.md": "introduction-to-mpi/05-parallel-paradigms.md",
        "07-collective.md": "introduction-to-mpi/07-collective.md",
    }),
    "learn-x": ("Learn X in Y minutes", {
        "01-less.md": "learnxinyminutes/vi-less.md",
        "02-markdown.md": "learnxinyminutes/vi-markdown.md",
        "03-set-theory.md": "learnxinyminutes/set-theory.md",
    }),
    "interview": ("Front-end interview questions", {
        "01-questions/01-vietnamese.md": "front-end-interview-questions/vietnamese-README.md",
        "01-questions/02-french.md": "front-end-interview-questions/french-README.md",
    }),
}

# The figures of the MPI lesson were not collected; a trainer copies the lesson's folders.
# One is left out on purpose, to see how a missing one is reported.
MPI_FIGURES = ("files/dataparallel.png", "files/queue.png", "files/manager.png",
               "files/domaindecomposition.png", "fig/reduction.png", "files/broadcast.png",
               "fig/scatter.png", "fig/gather.png", "fig/allreduce.png")
MPI_MISSING_FIGURE = "files/haloexchange.png"

# quiz id -> stored GIFT file
QUIZZES = {
    "peg-escape-all": "GIFT-grammar-PEG.js/escapeAll.gift",
    "peg-format-examples": "GIFT-grammar-PEG.js/formatExamples.gift",
    "peg-format-php-examples": "GIFT-grammar-PEG.js/giftFormatPhpExamples.gift",
    "peg-markdown": "GIFT-grammar-PEG.js/markdown.gift",
    "peg-html-comment": "GIFT-grammar-PEG.js/mcHTMLComment.gift",
    "peg-multiline-feedback": "GIFT-grammar-PEG.js/multiLineFeedback1.gift",
    "peg-symbols": "GIFT-grammar-PEG.js/symbolsAll.gift",
    "epidemiology": "RGIFTParser/test.gift",
    "indonesia-space": "moodle-gift-generator/example.gift",
    "modern-farming": "moodle-gift-gen/5.gift",
}


def build_course_folders(root: Path) -> tuple[Path, Path]:
    """courses/ and quizzes/ under ``root``, filled with the real material."""
    courses, quizzes = root / "courses", root / "quizzes"
    for slug, (title, files) in COURSES.items():
        folder = courses / slug
        folder.mkdir(parents=True)
        (folder / "course.md").write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")
        for place, stored in files.items():
            (folder / place).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(LESSONS / stored, folder / place)
    for figure in MPI_FIGURES:
        (courses / "mpi" / figure).parent.mkdir(parents=True, exist_ok=True)
        (courses / "mpi" / figure).write_bytes(b"\x89PNG stand-in")
    quizzes.mkdir()
    for quiz_id, stored in QUIZZES.items():
        shutil.copyfile(GIFT / stored, quizzes / f"{quiz_id}.gift")
    return courses, quizzes


def source_lines(stored: str) -> list[str]:
    """The lines of a stored lesson, numbered from 1 (index 0 is empty)."""
    return ["", *(LESSONS / stored).read_text(encoding="utf-8").split("\n")]


# --- code, as written and as shown -------------------------------------------------------

_QUOTE = re.compile(r"^(?:[ \t]*>)+ ?")
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def written_code(text: str) -> tuple[list[str], list[str]]:
    """(fenced blocks, inline code spans) of a Markdown text, as the author wrote them."""
    blocks, spans = [], []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        quote = _QUOTE.match(lines[index])
        depth = quote.group(0).count(">") if quote else 0
        line = lines[index][quote.end():] if quote else lines[index]
        opener = _FENCE.match(line)
        if opener is None:
            spans += [code.strip() for _, code in _SPAN.findall(line)]
            index += 1
            continue
        fence, indent, body = opener.group("fence"), len(opener.group("indent")), []
        index += 1
        while index < len(lines):
            inner = _unquote(lines[index], depth)
            if inner.strip().startswith(fence) and not inner.strip().strip(fence[0]):
                break
            body.append(inner[indent:] if not inner[:indent].strip() else inner.lstrip())
            index += 1
        blocks.append("\n".join(body))
        index += 1
    return blocks, spans


def _unquote(line: str, depth: int) -> str:
    """``line`` without the first ``depth`` quote markers ("> "), as inside a quoted fence."""
    for _ in range(depth):
        stripped = line.lstrip(" \t")
        if not stripped.startswith(">"):
            break
        line = stripped[1:]
        line = line[1:] if line.startswith(" ") else line
    return line


def unquoted(line: str) -> str:
    """``line`` without any quote markers."""
    return _QUOTE.sub("", line)


def shown_code(page: Element) -> list[str]:
    """The text of every <code> element on a rendered page."""
    return [code.text for code in page.find_all("code")]


def rendered(html: str) -> Element:
    return parse(html)
