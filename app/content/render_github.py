"""What trainers' Markdown from GitHub expects and Python-Markdown reads differently.

Lessons pasted from GitHub or other courses start a list or a table on the line right
after a sentence ("You need:" then "- a phone"), and put raw ``<code>`` in the text. GitHub
shows a list, a table and exact code; Python-Markdown would show one paragraph with dashes
in it, and smart quotes inside the code. This extension makes them read as GitHub reads
them, without touching code fences.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# GitHub lets a bullet list, or an ordered list starting at 1, interrupt a paragraph.
_LIST_START = re.compile(r"^ {0,3}(?:[-*+]|1[.)])\s+\S")
_ANY_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
# A line that is plain paragraph text: not a heading, quote, list item, HTML, rule or table.
_NOT_PARAGRAPH = re.compile(r"^(?: {4,}|\t| {0,3}(?:#|>|<|\||[-*_]{3,}\s*$|\{:))")


def _is_paragraph_text(line: str) -> bool:
    return bool(line.strip()) and not _NOT_PARAGRAPH.match(line) and not _ANY_LIST_ITEM.match(line)


def separate_blocks(lines: list[str]) -> list[str]:
    """Insert the blank line Python-Markdown needs before a list or a table that follows a
    line of text directly. Lines inside code fences are left as they are."""
    out: list[str] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opener:
            fence = opener.group(1)
        previous = out[-1] if out else ""
        if _is_paragraph_text(previous) and not opener and not _inside_list(out):
            starts_list = _LIST_START.match(line) is not None
            following = lines[index + 1] if index + 1 < len(lines) else ""
            starts_table = "|" in line and _TABLE_DELIMITER.match(following) is not None
            if starts_list or starts_table:
                out.append("")
        out.append(line)
    return out


def _inside_list(out: list[str]) -> bool:
    """Whether the block that ``out`` ends with is a list (its text lines continue an item)."""
    for line in reversed(out):
        if not line.strip():
            return False
        if _ANY_LIST_ITEM.match(line):
            return True
    return False


# A list item as CommonMark reads it: its indent, its marker and the spaces after it.
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")


def nest_lists(lines: list[str]) -> list[str]:
    """Indent nested list items (and what belongs to an item) the way Python-Markdown needs.

    GitHub nests an item indented as far as the text of the item above it ("- a" then
    "  - b"); Python-Markdown wants four spaces per level and would show "b" as a sibling.
    Each item keeps its place in the tree, written four spaces deeper than its parent;
    lines of an item's content (a paragraph after a blank line, a fenced block) move with
    it. Lines outside lists are left as they are.
    """
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # open items: (content column as written, new indent)
    fence: str | None = None
    shift = 0
    blank_before = False
    for line in lines:
        if fence is not None:
            out.append(_shifted(line, shift))
            opener = _FENCE.match(line)
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if not line.strip():
            out.append(line)
            blank_before = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        item = _ITEM.match(line) if not line[indent:].startswith("\t") else None
        if item and (stack or indent <= 3) and not _FENCE.match(line):
            while stack and indent < stack[-1][0]:
                stack.pop()
            new_indent = stack[-1][1] + 4 if stack else indent
            spaces = len(item.group(3))
            content = indent + len(item.group(2)) + (spaces if 1 <= spaces <= 4 else 1)
            stack.append((content, new_indent))
            shift = 0
            out.append(" " * new_indent + line[indent:])
        elif stack and (indent >= stack[-1][0] or blank_before):
            while stack and indent < stack[-1][0]:
                stack.pop()
            shift = stack[-1][1] + 4 - stack[-1][0] if stack else 0
            out.append(_shifted(line, shift))
        else:
            if stack and not _is_paragraph_text(line):
                stack.clear()  # a heading, quote, table or rule ends the list
            shift = 0
            out.append(line)
        opener = _FENCE.match(line)
        if opener:
            fence = opener.group(1)
        blank_before = False
    return out


def _shifted(line: str, shift: int) -> str:
    if shift > 0 and line.strip():
        return " " * shift + line
    if shift < 0 and line.strip():
        return line[min(-shift, len(line) - len(line.lstrip(" "))):]
    return line


class _SeparateBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return separate_blocks(nest_lists(lines))


# Python-Markdown turns every tab into spaces before it reads a line; GitHub keeps the
# tabs of code (a Makefile, tab-separated output). Inside fenced code a tab travels as this
# private-use character and becomes a tab again in the finished page.
_CODE_TAB = "\ue009"
_QUOTE_PREFIX = re.compile(r"^(?:\s*>)+ ?")


def protect_code_tabs(lines: list[str]) -> list[str]:
    """``lines`` with the tabs inside fenced code (also in quotes) replaced by a stand-in."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        plain = _QUOTE_PREFIX.sub("", line)
        opener = _FENCE.match(plain)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) \
                    and not plain.strip().strip(fence[0]):
                fence = None
            else:
                line = line[:len(line) - len(plain)] + plain.replace("\t", _CODE_TAB)
        elif opener:
            fence = opener.group(1)
        out.append(line)
    return out


class _ProtectCodeTabs(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return protect_code_tabs(lines)


class _RestoreCodeTabs(Postprocessor):
    # The highlighter marks a character it does not know as an error (a red box).
    _MARKED = re.compile(f'<span class="err">({_CODE_TAB}+)</span>')

    def run(self, text: str) -> str:
        text = self._MARKED.sub(lambda m: "\t" * len(m.group(1)), text)
        return text.replace(_CODE_TAB, "\t")


class _RawCode(InlineProcessor):
    """``<code>...</code>`` typed as HTML: its text stays exactly as written."""

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's API name
        element = etree.Element("code")
        element.text = AtomicString(_unescape_entities(m.group(1)))
        return element, m.start(0), m.end(0)


def _unescape_entities(text: str) -> str:
    import html

    return html.unescape(text)


class GithubCompatExtension(Extension):
    """Lists and tables right after text, nested lists, tabs in code and exact raw ``<code>``,
    as GitHub shows them."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API name
        # Before the lesson-template boxes (30) have turned quotes into HTML blocks, after
        # the normalising of line endings (30 is "normalize_whitespace"'s neighbour).
        md.preprocessors.register(_SeparateBlocks(md), "github_blocks", 25)
        # Before "normalize_whitespace" (30) expands tabs; put back once the page is built.
        md.preprocessors.register(_ProtectCodeTabs(md), "github_code_tabs", 35)
        md.postprocessors.register(_RestoreCodeTabs(md), "github_code_tabs", 5)
        # Above raw HTML (90) and below backticks (190), so smart quotes never reach it.
        md.inlinePatterns.register(_RawCode(r"<code>(.*?)</code>", md), "raw_code", 185)
