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

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def to_markdown(text: str, text_format: str) -> str:
    """Markdown source for ``text`` written in ``text_format`` (what a converted file holds).

    HTML is valid Markdown input (the renderer sanitizes it). Plain text is escaped so that
    ``*`` or ``#`` stay characters. Moodle's own format keeps single line breaks, so they
    become Markdown hard breaks. A missing-word gap ``_____`` is kept as it is.
    """
    if text_format == PLAIN:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        lines = (BLANK.join(_MD_SPECIAL.sub(r"\\\1", part) for part in line.split(BLANK))
                 for line in escaped.split("\n"))
        return "  \n".join(lines)
    if text_format == MOODLE:
        # Moodle shows its own format as written, HTML tags allowed and line breaks kept:
        # "1. Which..." is a sentence, not a numbered list, and "#" is not a heading.
        return "  \n".join(_escape_outside_tags(line) for line in text.split("\n"))
    return text


_TAG = re.compile(r"(<[A-Za-z/!][^>]*>)")


def _escape_outside_tags(line: str) -> str:
    parts = _TAG.split(line)
    return "".join(part if index % 2 else BLANK.join(_MD_SPECIAL.sub(r"\\\1", piece)
                                                     for piece in part.split(BLANK))
                   for index, part in enumerate(parts))


def as_markdown(text: str, text_format: str) -> str:
    """What to give the renderer: ``to_markdown`` with the ``_____`` gap escaped, because
    Markdown would read the underscores as emphasis."""
    text = to_markdown(text, text_format)
    return text if text_format == HTML else text.replace(BLANK, r"\_\_\_\_\_")
