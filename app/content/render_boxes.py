"""Boxes from real lesson templates, turned into plain Python-Markdown before conversion.

Trainers copy lessons written for two Carpentries templates:

* Jekyll/kramdown: a blockquote followed by ``{: .challenge}`` is a box, nested up to two
  deep (``> > ... > {: .solution}``), and a code fence is followed by ``{: .language-bash}``
  instead of naming its language. ``{% include links.md %}`` (Liquid) ends each file.
* Workbench/Pandoc: ``::: challenge`` ... ``:::`` fenced divs, nested, any colon count.

Both become ``<div class="box challenge" markdown="1">`` (md_in_html), and solution-like
boxes become ``<details>``, so a learner tries the exercise before seeing the answer.
Lines inside code fences are never touched: shell prompts such as ``> > > do`` are code.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from markdown import Extension
from markdown.preprocessors import Preprocessor

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_IAL = re.compile(r"^\s{0,3}\{:\s*((?:\.[A-Za-z][\w-]*\s*)+)\}\s*$")
_LIQUID = re.compile(r"^\s*\{%.*%\}\s*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_DIV_OPEN = re.compile(
    r"^ {0,3}:{3,}\s*(?:\{\s*\.(?P<braced>[A-Za-z][\w-]*)[^}]*\}|(?P<word>[A-Za-z][\w-]*))\s*$"
)
_DIV_CLOSE = re.compile(r"^ {0,3}:{3,}\s*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(?P<text>.*?)(?:\s+#+)?\s*$")

# Shown collapsed: answers, spoilers, and notes meant for whoever leads the session.
COLLAPSIBLE = frozenset({"solution", "spoiler", "hint", "instructor"})
# Kramdown block IALs that name a code role rather than a language.
_CODE_ROLES = frozenset({"output", "error", "source", "warning"})
# Workbench puts these lists in the body; the loader lifts them into a lesson's ``extra``.
SUMMARY_DIVS = ("questions", "objectives", "keypoints")


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence opened at ``start`` (last line if unclosed)."""
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return index
    return len(lines) - 1


def _opening_fence(line: str) -> re.Match[str] | None:
    match = _FENCE.match(line)
    # A backtick fence's info string may not contain backticks (CommonMark), which keeps
    # inline code like ```` ```x``` ```` from opening a fence.
    if match and match.group("fence")[0] == "`" and "`" in match.group("info"):
        return None
    return match


def emit_box(kind: str, inner: list[str]) -> list[str]:
    """Markdown-in-HTML lines for a box of class ``kind`` around ``inner``.

    A heading as the first line becomes the box title (a summary for collapsible boxes);
    it is not kept as a heading so that "Solution" does not fill the table of contents.
    """
    body = list(inner)
    while body and not body[0].strip():
        body.pop(0)
    title = None
    heading = _HEADING.match(body[0]) if body else None
    if heading:
        title = heading.group("text")
        body.pop(0)
    if kind in COLLAPSIBLE:
        lines = ["", f'<details class="box {kind}" markdown="1">']
        if title:
            lines.append(f'<summary markdown="span">{title}</summary>')
        return [*lines, "", *body, "", "</details>", ""]
    lines = ["", f'<div class="box {kind}" markdown="1">', ""]
    if title:
        lines += [f'<p class="box-title" markdown="span">{title}</p>', ""]
    return [*lines, *body, "", "</div>", ""]


def convert_divs(lines: list[str]) -> list[str]:
    """Pandoc fenced divs to boxes; a colon-only line closes the innermost open div."""
    out, _ = _divs(lines, 0, 0)
    return out


def _divs(lines: list[str], start: int, depth: int) -> tuple[list[str], int]:
    out: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        fence = _opening_fence(line)
        if fence:
            end = _fence_end(lines, index, fence.group("fence"))
            out += lines[index : end + 1]
            index = end + 1
        elif _DIV_CLOSE.match(line):
            if depth:
                return out, index + 1
            index += 1  # a stray closer would otherwise show as a row of colons
        elif opener := _DIV_OPEN.match(line):
            inner, index = _divs(lines, index + 1, depth + 1)
            out += emit_box(opener.group("braced") or opener.group("word"), inner)
        else:
            out.append(line)
            index += 1
    return out, index  # an unclosed div ends with the file, as in Pandoc


def convert_kramdown(lines: list[str]) -> list[str]:
    """Kramdown code IALs into fence info strings, and labelled blockquotes into boxes."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _opening_fence(line)
        if fence:
            end = _fence_end(lines, index, fence.group("fence"))
            block = lines[index : end + 1]
            index = end + 1
            ial = _IAL.match(lines[index]) if index < len(lines) else None
            if ial:
                index += 1
                language = _code_language(ial.group(1))
                if language and not fence.group("info").strip():
                    block[0] = fence.group("indent") + fence.group("fence") + language
            out += block
        elif _QUOTE.match(line):
            end = index
            while end < len(lines) and _QUOTE.match(lines[end]):
                end += 1
            # Innermost first: the inner run and its `{: .solution}` are resolved by recursion.
            inner = convert_kramdown([_QUOTE.sub("", quoted, count=1)
                                      for quoted in lines[index:end]])
            ial = _IAL.match(lines[end]) if end < len(lines) else None
            if ial:
                out += emit_box(ial.group(1).split()[0].lstrip("."), inner)
                index = end + 1
            else:
                out += [f"> {inner_line}" if inner_line else ">" for inner_line in inner]
                index = end
        elif _IAL.match(line) and (not out or not out[-1].strip()):
            index += 1  # a kramdown IAL standing alone labels nothing we can show
        else:
            out.append(line)
            index += 1
    return out


def _code_language(classes: str) -> str | None:
    for name in (item.lstrip(".") for item in classes.split()):
        if name.startswith("language-"):
            return name.removeprefix("language-")
        if name in _CODE_ROLES:
            return name
    return None


def drop_liquid(lines: list[str]) -> list[str]:
    """Remove Jekyll ``{% ... %}`` tag lines outside code (they are build instructions)."""
    out: list[str] = []
    fence_end = -1
    for index, line in enumerate(lines):
        if index > fence_end and (fence := _opening_fence(line)):
            fence_end = _fence_end(lines, index, fence.group("fence"))
        elif index > fence_end and _LIQUID.match(line):
            continue
        out.append(line)
    return out


def normalise_lesson_source(lines: list[str]) -> list[str]:
    """All conversions, in the order that keeps each one simple."""
    return convert_kramdown(convert_divs(drop_liquid(lines)))


def extract_summary_divs(body: str) -> tuple[str, dict[str, list[str]]]:
    """Lift Workbench ``::: objectives`` (questions, keypoints) lists out of ``body``.

    Removed lines are replaced by blank lines so that line numbers in problem reports
    still match the file. Returns the new body and the lists found.
    """
    lines = body.split("\n")
    found: dict[str, list[str]] = {}
    index = 0
    while index < len(lines):
        fence = _opening_fence(lines[index])
        if fence:
            index = _fence_end(lines, index, fence.group("fence")) + 1
            continue
        opener = _DIV_OPEN.match(lines[index])
        kind = opener and (opener.group("braced") or opener.group("word"))
        if kind not in SUMMARY_DIVS:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _DIV_CLOSE.match(lines[end]) \
                and not _DIV_OPEN.match(lines[end]):
            end += 1
        if end < len(lines) and _DIV_CLOSE.match(lines[end]):
            found.setdefault(kind, []).extend(_list_items(lines[index + 1 : end]))
            lines[index : end + 1] = [""] * (end + 1 - index)
        index = end + 1
    return "\n".join(lines), found


def _list_items(lines: list[str]) -> Iterator[str]:
    item: list[str] = []
    for line in lines:
        bullet = re.match(r"^\s*[-*+]\s+(.*)$", line)
        if bullet:
            if item:
                yield " ".join(item)
            item = [bullet.group(1).strip()]
        elif line.strip() and item:
            item.append(line.strip())
    if item:
        yield " ".join(item)


class _LessonStylePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return normalise_lesson_source(lines)


class LessonStyleExtension(Extension):
    """Registers the conversions as a Markdown preprocessor.

    Priority 27: after whitespace normalisation (30, expands tabs) and before fenced code
    (25, superfences) and raw HTML (20, md_in_html) see the text.
    """

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API name
        md.preprocessors.register(_LessonStylePreprocessor(md), "lesson_styles", 27)

