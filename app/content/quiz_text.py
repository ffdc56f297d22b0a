"""Text formats of quiz texts, and their conversion to Markdown for the one renderer.

Our Markdown files give Markdown; GIFT texts may declare ``[html]``, ``[plain]``,
``[markdown]`` or Moodle's own ``[moodle]`` format (the default there), and the model keeps
each text in its own format so that a GIFT file can be written back unchanged.
"""
from __future__ import annotations

import re

# Text formats, named as in GIFT ("[html]" ...). Our Markdown files only produce MARKDOWN.
MARKDOWN, HTML, PLAIN, MOODLE = "markdown", "html", "plain", "moodle"
TEXT_FORMATS = (MARKDOWN, HTML, PLAIN, MOODLE)
BLANK = "_____"  # the gap of a GIFT "missing word" question

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")  # not "~": Python-Markdown has no escape for it


def to_markdown(text: str, text_format: str) -> str:
    """Markdown source for ``text`` written in ``text_format`` (what a converted file holds).

    HTML is valid Markdown input (the renderer sanitizes it). Plain text is escaped so that
    ``*`` or ``#`` stay characters. Moodle's own format keeps single line breaks, so they
    become Markdown hard breaks. A missing-word gap ``_____`` is kept as it is.
    """
    if text_format == PLAIN:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        lines = (_no_fence(BLANK.join(_MD_SPECIAL.sub(r"\\\1", part) for part in line.split(BLANK)))
                 for line in escaped.split("\n"))
        return "  \n".join(lines)
    if text_format == MOODLE:
        # Moodle shows its own format as written, HTML tags allowed and line breaks kept:
        # "1. Which..." is a sentence, not a numbered list, and "#" is not a heading.
        return "  \n".join(_no_fence(_escape_outside_tags(line)) for line in text.split("\n"))
    return text


_TAG = re.compile(r"(<[A-Za-z/!][^>]*>)")
_TILDE_FENCE = re.compile(r"^( {0,3})~")


def _no_fence(line: str) -> str:
    """A line of text starting with "~~~" would open a code block; its first "~" becomes a
    character reference (a backslash would show: Markdown has no escape for "~")."""
    return _TILDE_FENCE.sub(r"\1&#126;", line)


def _escape_outside_tags(line: str) -> str:
    parts = _TAG.split(line)
    return "".join(part if index % 2 else BLANK.join(_MD_SPECIAL.sub(r"\\\1", piece)
                                                     for piece in part.split(BLANK))
                   for index, part in enumerate(parts))


def as_markdown(text: str, text_format: str) -> str:
    """What to give the renderer, so that the page shows the text as Moodle shows it.

    Markdown texts are Markdown (the ``_____`` gap escaped, or it would be emphasis).
    Moodle shows its own format, HTML and plain text without any Markdown: no lists from
    "- " or "1." lines, no headings from "#", no emphasis from "*", no smart quotes, no
    visible backslashes. So every punctuation mark outside HTML tags and entities goes to
    the renderer as a character reference, which Markdown leaves alone and the page shows
    as the mark itself. Moodle's own format and plain text keep their line breaks; HTML
    flows as HTML does.
    """
    if text_format == MARKDOWN or text_format not in TEXT_FORMATS:
        return text.replace(BLANK, r"\_\_\_\_\_")
    if text_format == PLAIN:
        text = text.replace("&", "&amp;").replace("<", "&lt;")
    lines = [_as_characters(line) for line in text.split("\n")]
    return "\n".join(lines) if text_format == HTML else "  \n".join(lines)


_TAG_OR_ENTITY = re.compile(
    r"(<[A-Za-z/!][^>]*>|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)")
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation mark


def _as_characters(line: str) -> str:
    # Leading spaces too: four of them would make a Markdown code block (inside <pre> they
    # are kept, as Moodle keeps them).
    body = line.lstrip(" \t")
    indent = "".join(f"&#{ord(char)};" for char in line[:len(line) - len(body)])
    parts = _TAG_OR_ENTITY.split(body)
    return indent + "".join(part if index % 2 else _PUNCTUATION.sub(_reference, part)
                            for index, part in enumerate(parts))


def _reference(match: re.Match[str]) -> str:
    char = match.group(0)
    return char if char in "&<;" else f"&#{ord(char)};"
