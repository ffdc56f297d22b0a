"""Relative links in lessons: finding them (for validation) and rewriting them (for pages).

A lesson is written as files on disk (``[next](03-share.md)``, ``![photo](fig/a.jpg)``) but
served as pages: ``/courses/<course>/<lesson-slug>`` and ``/courses/<course>/files/<path>``.
Both the overview (``/courses/<course>/``) and a lesson page resolve relative URLs against
``/courses/<course>/``, so one rewrite works for every page of a course.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, unquote

if TYPE_CHECKING:
    from .model import Course

Kind = Literal["external", "anchor", "site", "lesson", "file", "outside", "missing-lesson"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_TRANSLATION = re.compile(r"^(?P<stem>.+)\.[a-z]{2}\.md$")


@dataclass(frozen=True)
class Target:
    """Where a link or image source points, seen from the course folder."""

    kind: Kind
    path: str = ""  # course-relative path for "lesson", "file", "missing-lesson"
    suffix: str = ""  # "?query#fragment" as written
    url: str = ""  # for "lesson": the page URL relative to /courses/<course>/


@dataclass(frozen=True)
class LinkContext:
    """What a renderer needs to rewrite relative links of one file of one course.

    ``base`` is the course-relative folder of the file being rendered ("" for course.md,
    "01-setup" for a lesson in that module); ``pages`` maps course-relative Markdown paths
    (sources and translations) to their page URL relative to ``/courses/<course>/``.
    """

    base: str = ""
    pages: tuple[tuple[str, str], ...] = ()
    #: A digest of ``pages`` for the render cache key (``for_file`` sets it once per course;
    #: empty: the key holds ``pages`` themselves).
    pages_key: str = field(default="", compare=False)

    @classmethod
    def for_file(cls, course: Course, rel_path: str) -> LinkContext:
        """The context for rendering the course file ``rel_path`` (e.g. "01-a/02-b.md").

        Kept on the course: a lesson page asks for it on every request. The page map and its
        digest are the same for every file of a course, so they are computed once per course
        (with each file's own copy, a course of 1,000 lessons cost a million quotings)."""
        key = (cls, rel_path)
        context = course.derived.get(key)
        if context is None:
            shared = course.derived.get(course_pages)
            if shared is None:
                pages = course_pages(course)
                digest = hashlib.sha256(repr(pages).encode()).hexdigest()
                shared = course.derived[course_pages] = (pages, digest)
            context = course.derived[key] = cls(posixpath.dirname(rel_path), *shared)
        return context

    @cached_property
    def _page_map(self) -> dict[str, str]:
        return dict(self.pages)

    def resolve(self, url: str) -> Target:
        """Classify ``url`` as written in the file."""
        return resolve(url, self.base, self._page_map)

    def expand_liquid(self, text: str) -> str:
        """``text`` (a whole lesson) with its Jekyll Liquid addresses resolved."""
        return expand_liquid_in(text, self.base, self._page_map)

    def rewrite(self, url: str) -> str | None:
        """The URL to put in the page, or None to drop an URL that leaves the course."""
        target = self.resolve(url)
        if target.kind == "lesson":
            fragment = target.suffix[target.suffix.find("#"):] if "#" in target.suffix else ""
            return target.url + fragment
        if target.kind == "file":
            return "files/" + quote(target.path, safe="/") + target.suffix
        if target.kind == "outside":
            return None
        return url

    @cached_property
    def _cache_key(self) -> str:
        return repr((self.base, self.pages_key or self.pages))

    def cache_key(self) -> str:
        """Everything that changes the rewritten URLs, for the render cache key."""
        return self._cache_key


def course_pages(course: Course) -> tuple[tuple[str, str], ...]:
    """Every Markdown file of ``course`` that is a page, mapped to its relative URL."""
    pages: list[tuple[str, str]] = [("course.md", "./")]
    pages += [(text.rel_path, "./") for text in course.translations.values()]
    for lesson in course.lessons:
        url = quote(lesson.slug)
        pages.append((lesson.rel_path, url))
        pages += [(text.rel_path, url) for text in lesson.translations.values()]
    return tuple(sorted(pages))


# Jekyll (Carpentries "styles") lessons write addresses with Liquid: ``{{ page.root }}`` is
# the site's root seen from the page, ``{% link _episodes/03-create.md %}`` another page.
_LIQUID_ROOT = re.compile(r"\{\{\s*(?:page\.root|site\.baseurl|relative_root_path)\s*\}\}/?")
_LIQUID_LINK = re.compile(r"\{%\s*link\s+([^%\s]+)\s*%\}")
_LIQUID_ANY = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_NUMBER_PREFIX = re.compile(r"^\d+-")


def expand_liquid(url: str, base: str, pages: dict[str, str]) -> str:
    """``url`` with the Liquid tags of Jekyll lessons resolved against this course.

    ``{% link PATH %}`` finds the lesson whose file has PATH's name (or, renumbered, its
    slug); any other file (``{% link fig/queue.png %}``) is PATH in the course folder, as
    Jekyll reads it from the site's folder. ``{{ page.root }}`` becomes the way up from
    ``base`` to the course folder. Tags that cannot be resolved (a page that is not a
    lesson here) are left in place, so the check reports the whole address.
    """
    if "{" not in url:
        return url
    up = "/".join([".."] * len([part for part in base.split("/") if part])) or "."

    def link(match: re.Match[str]) -> str:
        path = match.group(1)
        found = _lesson_file(path, pages)
        if found is None and not path.lower().endswith(".md"):
            found = posixpath.normpath(path.strip("/"))
        return posixpath.relpath(found, base or ".") if found else match.group(0)

    linked = _LIQUID_LINK.sub(link, url)
    if linked != url:  # ``{{ page.root }}{% link ... %}``: the link is already relative
        linked = _LIQUID_ROOT.sub("", linked)
    return _LIQUID_ROOT.sub(up + "/", linked)


def _lesson_file(path: str, pages: dict[str, str]) -> str | None:
    name = posixpath.basename(path.strip("/"))
    stem = _NUMBER_PREFIX.sub("", name[:-3] if name.endswith(".md") else name)
    for candidate in sorted(pages):
        candidate_name = posixpath.basename(candidate)
        if candidate_name == name or _NUMBER_PREFIX.sub("", candidate_name[:-3]) == stem:
            return candidate
    return None


def expand_liquid_in(text: str, base: str, pages: dict[str, str]) -> str:
    """``text`` with every Liquid-tagged address inside it expanded (see ``expand_liquid``)."""
    if "{{" not in text and "{%" not in text:
        return text
    return _LIQUID_ADDRESS.sub(lambda m: expand_liquid(m.group(0), base, pages), text)


def has_liquid(url: str) -> bool:
    """Whether ``url`` still holds a Liquid tag (one that could not be resolved)."""
    return _LIQUID_ANY.search(url) is not None


def resolve(url: str, base: str, pages: dict[str, str]) -> Target:
    """Classify ``url`` written in a file in course folder ``base``."""
    url = expand_liquid(url.strip(), base, pages)
    if not url or url.startswith("#"):
        return Target("anchor", suffix=url)
    if _SCHEME.match(url):
        return Target("external")
    if url.startswith(("/", "\\")):
        return Target("site")
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    raw_path, suffix = url[:cut], url[cut:]
    if not raw_path:
        return Target("anchor", suffix=suffix)
    joined = posixpath.normpath(posixpath.join(base, unquote(raw_path).replace("\\", "/")))
    if joined == ".." or joined.startswith(("../", "/")):
        return Target("outside", joined, suffix)
    if joined.lower().endswith(".md"):
        page = pages.get(joined)
        if page is None:
            # A link to a translation that does not exist yet still means the lesson.
            match = _TRANSLATION.match(joined)
            page = pages.get(match.group("stem") + ".md") if match else None
        if page is None:
            return Target("missing-lesson", joined, suffix)
        return Target("lesson", joined, suffix, page)
    return Target("file", joined, suffix)


# Fence lines (possibly inside blockquotes), inline code, and the three ways a file can
# be referenced: [text](target), [label]: target, and raw HTML src=/href=.
_QUOTES = re.compile(r"^(?:\s*>)+ ?")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# One character of an address, where a Liquid tag (which has spaces) counts as one.
_ADDRESS_CHAR = r"(?:\{\{[^{}\n]*\}\}|\{%[^%\n]*%\}|[^()\s])"
_INLINE = re.compile(r"(!?)\[[^\]]*\]\(\s*(?:<([^>\n]*)>|(" + _ADDRESS_CHAR + r"+(?:\(" + _ADDRESS_CHAR
                     + r"*\)" + _ADDRESS_CHAR + r"*)*))")
_LIQUID_ADDRESS = re.compile(_ADDRESS_CHAR.replace("[^()\\s]", "[^()\\s\"'<>\\]]") + "+")
_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_HTML_ATTR = re.compile(r"""<[A-Za-z][^>]*?\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def find_references(body: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (0-based line in ``body``, URL, is it an image) for every link and image
    outside code."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        plain = _QUOTES.sub("", line)
        opener = _FENCE.match(plain)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) \
                    and not plain.strip().strip(fence[0]):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        yield from ((index, url, image) for url, image in _urls_in(_CODE_SPAN.sub(" ", line)))


def _urls_in(line: str) -> Iterable[tuple[str, bool]]:
    for match in _INLINE.finditer(line):
        yield (match.group(2) if match.group(2) is not None else match.group(3)), match.group(1) == "!"
    definition = _DEFINITION.match(line)
    if definition:
        yield definition.group(1), False
    for match in _HTML_ATTR.finditer(line):
        yield (match.group(1) if match.group(1) is not None else match.group(2)), \
            match.group(0).lower().startswith("<img")
