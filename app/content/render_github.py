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


class _SeparateBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return separate_blocks(lines)


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
    """Lists and tables right after text, and exact raw ``<code>``, as GitHub shows them."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API name
        # Before the lesson-template boxes (30) have turned quotes into HTML blocks, after
        # the normalising of line endings (30 is "normalize_whitespace"'s neighbour).
        md.preprocessors.register(_SeparateBlocks(md), "github_blocks", 25)
        # Above raw HTML (90) and below backticks (190), so smart quotes never reach it.
        md.inlinePatterns.register(_RawCode(r"<code>(.*?)</code>", md), "raw_code", 185)
