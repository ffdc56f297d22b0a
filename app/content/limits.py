"""Limits a text must keep before it is rendered, so that rendering stays quick and safe.

Python-Markdown recurses once per level of block quote, list, emphasis and raw HTML, and
several of its steps rescan a paragraph (or the whole page) once per bracket, tag or
emphasis mark: 10,000 nested ``>`` raised RecursionError, and 9 KB of ``[`` took 14 s on
every view. Each check here is one linear pass over the text, and each limit is far above
what a lesson needs, yet low enough that the slow paths stay a few milliseconds long.
Whatever still takes long is caught by the measured budget in ``render_checks``.

Every problem is an error at the line where the limit is first passed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .problems import N_, Message, Problem, error

MAX_PAGE_CHARS = 50_000  # about 8,000 words; a lesson is rarely a fifth of that
MAX_BLOCK_NESTING = 16  # block quotes, list items and indentation levels on one line
MAX_EMPHASIS_NESTING = 16  # emphasis opened and not yet closed in one paragraph
MAX_OPEN_BRACKETS = 16  # "[" not yet closed in one paragraph
MAX_HTML_NESTING = 32  # raw HTML elements inside each other
MAX_UNCLOSED_HTML = 16  # "<tag" or "<![" with no ">" (or "]]>") anywhere after it
MAX_HEADINGS = 200
MAX_FOOTNOTES = 200
#: Formatting marks times the length of their paragraph: inline Markdown costs about that.
MAX_PARAGRAPH_WORK = 4_000_000

# One container marker of a line's prefix: a block quote or a list item marker.
_CONTAINER = re.compile(r"[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_BRACKET = re.compile(r"\\.|[\[\]]")
_EMPHASIS_RUN = re.compile(r"[*_]+")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_HTML_OPENER = re.compile(r"<(?:!\[|[A-Za-z])")
_HEADING = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*#{1,6}(?:[ \t]|$)", re.M)
_FOOTNOTE = re.compile(r"\[\^")
_MARKS = "*_`[]<&\\~^={!"
_VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})


def limit_problems(text: str, path: str, first_line: int) -> list[Problem]:
    """Every limit ``text`` passes, as errors at ``path``; ``first_line`` is the file line of
    the text's first line."""
    if len(text) > MAX_PAGE_CHARS:
        return [error(path, first_line, N_("this text is %(length)s characters long; the limit is %(limit)s: "
                                           "split it into several lessons"),
                      length=f"{len(text):,}", limit=f"{MAX_PAGE_CHARS:,}")]
    lines = text.split("\n")
    checks: tuple[Callable[[list[str]], tuple[int, Message] | None], ...] = (
        _block_nesting, _open_brackets, _emphasis_nesting, _paragraph_work,
    )
    found = [check(lines) for check in checks]
    found += [_html(text),
              _counted(text, _HEADING, MAX_HEADINGS,
                       N_("more than %(limit)d headings in one text: split it into lessons")),
              _counted(text, _FOOTNOTE, MAX_FOOTNOTES,
                       N_("more than %(limit)d footnote references in one text: split it into lessons"))]
    return [error(path, first_line + offset, message) for offset, message in
            sorted((item for item in found if item is not None), key=lambda item: (item[0], str(item[1])))]


def _block_nesting(lines: list[str]) -> tuple[int, Message] | None:
    for offset, line in enumerate(lines):
        if len(line) - len(line.lstrip(" \t>*+-0123456789.)")) < MAX_BLOCK_NESTING:
            continue  # too short a prefix to nest that deep: the common case, decided quickly
        position, depth = 0, 0
        while (marker := _CONTAINER.match(line, position)) and marker.end() > position:
            position, depth = marker.end(), depth + 1
        depth += _indent_width(line) // 4
        if depth > MAX_BLOCK_NESTING:
            return offset, Message.of(N_("block quotes, lists or indentation nest %(depth)d levels deep here; "
                                         "the limit is %(limit)d"), depth=depth, limit=MAX_BLOCK_NESTING)
    return None


def _indent_width(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[:len(line) - len(stripped)].expandtabs(4))


def _paragraphs(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines with the offset of their first line."""
    start = 0
    current: list[str] = []
    for offset, line in enumerate(lines):
        if line.strip():
            if not current:
                start = offset
            current.append(line)
        elif current:
            yield start, current
            current = []
    if current:
        yield start, current


def _open_brackets(lines: list[str]) -> tuple[int, Message] | None:
    for start, paragraph in _paragraphs(lines):
        depth = 0
        for index, line in enumerate(paragraph):
            for match in _BRACKET.finditer(line):
                mark = match.group()
                if mark == "[":
                    depth += 1
                    if depth > MAX_OPEN_BRACKETS:
                        return start + index, Message.of(
                            N_("more than %(limit)d '[' are open at once here; close each link's brackets, "
                               "or write \\[ for a plain bracket"), limit=MAX_OPEN_BRACKETS)
                elif mark == "]":
                    depth = max(0, depth - 1)
    return None


def _emphasis_nesting(lines: list[str]) -> tuple[int, Message] | None:
    """Runs of * and _ that open emphasis (a space before, a letter after) minus those that
    close it; a run of three opens two levels (strong and emphasis)."""
    for start, paragraph in _paragraphs(lines):
        depth = 0
        for index, line in enumerate(paragraph):
            for run in _EMPHASIS_RUN.finditer(line):
                before = line[run.start() - 1] if run.start() else " "
                after = line[run.end()] if run.end() < len(line) else " "
                levels = (len(run.group()) + 1) // 2
                if not after.isspace() and (before.isspace() or not before.isalnum()):
                    depth += levels
                elif not before.isspace() and (after.isspace() or not after.isalnum()):
                    depth = max(0, depth - levels)
                if depth > MAX_EMPHASIS_NESTING:
                    return start + index, Message.of(
                        N_("emphasis (* or _) nests more than %(limit)d levels deep here; close each one, "
                           "or write \\* for a plain star"), limit=MAX_EMPHASIS_NESTING)
    return None


def _paragraph_work(lines: list[str]) -> tuple[int, Message] | None:
    for start, paragraph in _pieces(lines):
        text = "\n".join(paragraph)
        marks = sum(text.count(mark) for mark in _MARKS) + sum(line.endswith("  ") for line in paragraph)
        if marks * len(text) > MAX_PARAGRAPH_WORK:
            return start, Message.of(
                N_("this paragraph holds %(marks)s formatting marks in %(length)s characters, too many to "
                   "render quickly: split it into shorter paragraphs or lessons"),
                marks=f"{marks:,}", length=f"{len(text):,}")
    return None


def _pieces(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Paragraphs, split further where a list item, heading or table row starts: Markdown
    formats each of those on its own."""
    for start, paragraph in _paragraphs(lines):
        piece_start = start
        piece: list[str] = []
        for index, line in enumerate(paragraph):
            content = line.lstrip(" \t>")
            starts_own = bool(_CONTAINER.match(content)) or content.startswith("#") or "|" in line
            if piece and starts_own:
                yield piece_start, piece
                piece_start, piece = start + index, []
            piece.append(line)
        yield piece_start, piece


def _html(text: str) -> tuple[int, Message] | None:
    """Raw HTML nested too deep, or too many tags that never close (each one makes the HTML
    parser read on to the end of the page)."""
    depth = 0
    for match in _HTML_TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID_ELEMENTS or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_HTML_NESTING:
            return _line_of(text, match.start()), Message.of(
                N_("HTML elements nest more than %(limit)d levels deep here"), limit=MAX_HTML_NESTING)
    last_close, last_section_close = text.rfind(">"), text.rfind("]]>")
    unclosed = 0
    for match in _HTML_OPENER.finditer(text):
        closed_by = last_section_close if match.group() == "<![" else last_close
        if closed_by < match.start():
            unclosed += 1
            if unclosed > MAX_UNCLOSED_HTML:
                return _line_of(text, match.start()), Message.of(
                    N_("more than %(limit)d HTML tags from here on are never closed with '>'; "
                       "write &lt; for a plain '<'"), limit=MAX_UNCLOSED_HTML)
    return None


def _counted(text: str, pattern: re.Pattern[str], limit: int, template: str) -> tuple[int, Message] | None:
    for count, match in enumerate(pattern.finditer(text), start=1):
        if count > limit:
            return _line_of(text, match.start()), Message.of(template, limit=limit)
    return None


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position)
