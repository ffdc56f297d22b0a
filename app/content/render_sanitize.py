"""The one HTML sanitizer every rendered page goes through, as its last step.

The allow-list is written out on purpose rather than taken from nh3's defaults: each tag
is here because a Markdown feature we support produces it (or a trainer reasonably types
it, like ``<kbd>``). Anything else is stripped, whoever wrote the file.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import nh3

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

ALLOWED_TAGS = frozenset({
    *_HEADINGS,
    "p", "br", "hr", "blockquote", "div", "span",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
    "code", "pre", "kbd", "samp", "var", "abbr", "q", "cite",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "details", "summary",  # solutions, ??? blocks
    "input",  # task list checkboxes only; see _ATTRIBUTE_VALUES
})

# Elements whose content must go too, not only the tag (nh3 keeps the text of others).
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "title", "textarea"})

# class is allowed where our extensions put it (boxes, admonitions, code highlighting,
# task lists, footnotes); id only where anchors point (headings, footnotes).
_WITH_CLASS = {
    *_HEADINGS, "p", "div", "span", "pre", "code", "details", "summary", "blockquote",
    "ul", "ol", "li", "a", "sup", "img", "table", "th", "td", "kbd", "figure", "hr",
}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {tag: {"class"} for tag in _WITH_CLASS}
for _tag in (*_HEADINGS, "li", "sup", "div", "dt", "a"):
    ALLOWED_ATTRIBUTES.setdefault(_tag, set()).add("id")
ALLOWED_ATTRIBUTES["a"] |= {"href", "title"}
ALLOWED_ATTRIBUTES["img"] |= {"src", "alt", "title", "width", "height"}
ALLOWED_ATTRIBUTES["th"] |= {"align", "colspan", "rowspan", "scope"}
ALLOWED_ATTRIBUTES["td"] |= {"align", "colspan", "rowspan"}
ALLOWED_ATTRIBUTES["ol"] |= {"start", "reversed"}
ALLOWED_ATTRIBUTES["details"] |= {"open"}
ALLOWED_ATTRIBUTES["abbr"] = {"title"}
ALLOWED_ATTRIBUTES["col"] = {"span"}
ALLOWED_ATTRIBUTES["colgroup"] = {"span"}

# A checkbox, never a text field a page could use to ask for a password.
_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}, "checked": {"", "checked"}}}
_FORCED_VALUES = {
    "input": {"type": "checkbox", "disabled": "disabled"},
    "img": {"loading": "lazy"},  # cheap phones on slow links: fetch images when needed
}

# Old-style anchors (``<a name="setup"></a>``) that in-page contents links point to.
_NAMED_ANCHOR = re.compile(r"<a(\s[^>]*?)?\sname\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)

URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"


def sanitize(html: str, rewrite_relative: Callable[[str], str | None] | None = None) -> str:
    """Clean ``html`` with the allow-list above.

    ``rewrite_relative`` receives each relative URL (href/src) and returns the URL to keep,
    or None to drop it. Absolute URLs are kept only for http, https and mailto.
    """
    html = _NAMED_ANCHOR.sub(lambda m: f"<a{m.group(1) or ''} id={m.group(2)}", html)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values=_ATTRIBUTE_VALUES,
        set_tag_attribute_values=_FORCED_VALUES,
        url_schemes=set(URL_SCHEMES),
        url_relative=rewrite_relative if rewrite_relative is not None else "pass_through",
        link_rel=LINK_REL,
        strip_comments=True,
        generic_attribute_prefixes=set(),
    )
