"""Line-level syntax of the Markdown quiz format: headings, fences, answer items, quotes.

Shared by the reader (``quiz_markdown``) and the writer (``quiz_markdown_write``), so what
one writes the other reads. ``Lines`` keep their 1-based file line for problem messages.
"""
from __future__ import annotations

import re

from .problems import N_, Message

HEADING = re.compile(r"^##(?!#)(.*)$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ITEM = re.compile(
    r"^[-*+][ \t]+(?:\[(?P<box>[ xX])\](?=\s|$)|(?P<kind>answer|number|match)[ \t]*:)(?P<rest>.*)$",
    re.IGNORECASE)
QUOTE = re.compile(r"^ {0,3}> ?")
_NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_RANGE = re.compile(rf"^({_NUM})\s*\.\.\s*({_NUM})$")
_TOLERANCE = re.compile(rf"^({_NUM})\s*(?:±|\+/?-)\s*({_NUM})$")
_PLAIN_NUMBER = re.compile(rf"^{_NUM}$")
Lines = list[tuple[int, str]]  # (1-based file line, text)


def parse_number_spec(text: str) -> tuple[float | None, float] | Message:
    """``42``, ``42 ± 0.5`` (or ``+-``), ``40..45`` or ``*`` -> (value, tolerance); else why not."""
    text = text.strip()
    if text == "*":
        return None, 0.0
    if m := _RANGE.match(text):
        low, high = float(m.group(1)), float(m.group(2))
        if low > high:
            return Message.of(N_("range '%(text)s' runs backwards; write the smaller number first"),
                              text=text)
        value = (low + high) / 2
        return value, high - value  # as Moodle computes it, so GIFT ranges read the same
    if m := _TOLERANCE.match(text):
        if float(m.group(2)) < 0:
            return Message.of(N_("tolerance in '%(text)s' must not be negative"), text=text)
        return float(m.group(1)), float(m.group(2))
    if _PLAIN_NUMBER.match(text):
        return float(text), 0.0
    return Message.of(N_("malformed number '%(text)s': write 42, 42 ± 0.5 or 40..45 "
                         "(with a '.' for decimals)"), text=text)


def letter_id(index: int) -> str:
    """a, b, ... z, aa, ab, ...: stable choice ids by position in the file."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(97 + rest) + letters
    return letters


def fence_state(text: str, fence: str | None) -> str | None:
    match = FENCE.match(text)
    if not match:
        return fence
    marker = match.group(1)
    if fence is None:
        return marker
    return None if marker.startswith(fence) else fence


def split_items(lines: Lines) -> tuple[Lines, list[tuple[int, re.Match, list[str]]], Lines]:
    """Question text lines, answer items (line, match, indented continuation), the rest."""
    fence, start = None, len(lines)
    for index, (_, text) in enumerate(lines):
        fence = fence_state(text, fence)
        if fence is None and ITEM.match(text):
            start = index
            break
    items: list[tuple[int, re.Match, list[str]]] = []
    index = start
    while index < len(lines):
        number, text = lines[index]
        match = ITEM.match(text)
        if match:
            items.append((number, match, []))
        elif text.startswith(("  ", "\t")) and text.strip():
            items[-1][2].append(text)
        elif not text.strip():
            following = next((t for _, t in lines[index + 1:] if t.strip()), None)
            if following is None or not (ITEM.match(following)
                                         or following.startswith(("  ", "\t"))):
                break
            items[-1][2].append("")
        else:
            break
        index += 1
    return lines[:start], items, lines[index:]


def trailing_quote(lines: Lines) -> tuple[Lines, Lines]:
    """Split off a final blockquote (an essay's explanation)."""
    end = len(lines)
    while end and not lines[end - 1][1].strip():
        end -= 1
    start = end
    while start and QUOTE.match(lines[start - 1][1]):
        start -= 1
    if start == end or (start and lines[start - 1][1].strip()):
        return lines, []
    return lines[:start], [(n, QUOTE.sub("", t, count=1)) for n, t in lines[start:end]]


def dedent(rows: list[str]) -> list[str]:
    rows = [row.expandtabs(4) for row in rows]
    indent = min((len(r) - len(r.lstrip(" ")) for r in rows if r.strip()), default=0)
    return [row[indent:] for row in rows]


def join(lines: Lines) -> str:
    return "\n".join(text for _, text in lines).strip("\n").rstrip()
