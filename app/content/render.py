"""Markdown to sanitized HTML, once per content: the only place lesson text becomes HTML.

Pipeline: lesson-template boxes (render_boxes) -> Python-Markdown with pymdown-extensions
-> nh3 allow-list with relative links rewritten (render_sanitize, always last) -> cache.
The cache key is a sha256 of the renderer version, the source and the link context, kept
in memory and, when configured, on disk, so a restarted worker does not render again.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections import OrderedDict
from html import escape
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING

import markdown
from markdown.extensions.toc import slugify_unicode

from .render_boxes import LessonStyleExtension
from .render_github import GithubCompatExtension
from .render_links import LinkContext
from .render_sanitize import sanitize
from .rendered import RenderedLesson, TocEntry, WordCounter, flatten_toc  # noqa: F401 - TocEntry is API

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .model import Course, Lesson, Module

# Bump when output for the same source changes (extensions, allow-list, box markup):
# it is part of every cache key, so old cache entries are simply never read again.
RENDERER_VERSION = "3"

_CODE_ROLES = ("output", "error", "source")


def _plain_fence(source, language, css_class, options, md, **kwargs) -> str:
    """Program output and errors: escaped text in a classed <pre>, no syntax colouring."""
    return (
        f'<pre class="code-{language}"><code class="language-{language}">'
        f"{escape(source, quote=False)}</code></pre>"
    )


def _new_markdown() -> markdown.Markdown:
    custom = [
        {"name": role, "class": f"code-{role}", "format": _plain_fence} for role in _CODE_ROLES
    ]
    return markdown.Markdown(
        extensions=[
            LessonStyleExtension(), GithubCompatExtension(), "tables", "attr_list", "footnotes", "md_in_html", "toc",
            "admonition", "smarty", "pymdownx.superfences", "pymdownx.highlight",
            "pymdownx.details", "pymdownx.tasklist", "pymdownx.smartsymbols",
        ],
        extension_configs={
            "pymdownx.highlight": {
                # CSS classes (see pygments_css), never inline styles: style= is stripped.
                "use_pygments": True, "noclasses": False, "guess_lang": False,
                "pygments_lang_class": True,
            },
            "pymdownx.superfences": {"custom_fences": custom},
            "toc": {"permalink": False, "slugify": slugify_unicode},
            "tables": {"use_align_attribute": True},
            "smarty": {"smart_angled_quotes": False},
        },
        output_format="html",
    )


class Renderer:
    """Renders and caches. ``conversions`` counts real Markdown runs (cache misses)."""

    def __init__(self, cache_dir: Path | None = None, max_entries: int = 4096) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.max_entries = max_entries
        self.conversions = 0
        self._memory: OrderedDict[str, RenderedLesson] = OrderedDict()
        self._lock = Lock()

    @staticmethod
    def cache_key(text: str, links: LinkContext | None) -> str:
        """sha256 of renderer version, link context and source: equal keys, equal pages."""
        key = hashlib.sha256()
        for part in (RENDERER_VERSION, links.cache_key() if links else "", text):
            key.update(part.encode("utf-8"))
            key.update(b"\0")
        return key.hexdigest()

    def render(self, text: str, *, links: LinkContext | None = None) -> RenderedLesson:
        """Rendered ``text``; from memory, else from disk, else converted and stored."""
        key = self.cache_key(text, links)
        with self._lock:
            cached = self._memory.get(key)
            if cached is not None:
                self._memory.move_to_end(key)
                return cached
        rendered = self._read_disk(key)
        if rendered is None:
            rendered = self._convert(text, links)
            self._write_disk(key, rendered)
        with self._lock:
            self._memory[key] = rendered
            while len(self._memory) > self.max_entries:
                self._memory.popitem(last=False)
        return rendered

    def _convert(self, text: str, links: LinkContext | None) -> RenderedLesson:
        # A fresh Markdown object per conversion: they keep state and are not thread-safe,
        # and conversions are rare thanks to the cache.
        started = time.perf_counter()
        md = _new_markdown()
        self.conversions += 1
        if links is not None:
            text = links.expand_liquid(text)
        html = sanitize(md.convert(text), links.rewrite if links else None)
        counter = WordCounter()
        counter.feed(html)
        counter.close()
        toc = md.toc_tokens  # type: ignore[attr-defined]  # set by the toc extension
        return RenderedLesson(html, tuple(flatten_toc(toc)), counter.words, time.perf_counter() - started)

    def _path(self, key: str) -> Path | None:
        return self.cache_dir / f"{key}.json" if self.cache_dir is not None else None

    def _read_disk(self, key: str) -> RenderedLesson | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            toc = tuple(TocEntry(int(a), str(b), str(c)) for a, b, c in data["toc"])
            if data["version"] != RENDERER_VERSION or not isinstance(data["html"], str):
                return None
            return RenderedLesson(data["html"], toc, int(data["word_count"]), float(data.get("seconds", 0.0)))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or corrupt: render again and overwrite it

    def _write_disk(self, key: str, rendered: RenderedLesson) -> None:
        path = self._path(key)
        if path is None:
            return
        data = {
            "version": RENDERER_VERSION, "html": rendered.html, "word_count": rendered.word_count,
            "seconds": rendered.seconds,
            "toc": [[e.level, e.anchor, e.title] for e in rendered.toc],
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename: another worker never reads a half-written entry.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk costs speed, not correctness


_default = Renderer()


def configure_disk_cache(cache_dir: Path | str | None) -> Renderer:
    """Make the process-wide renderer keep entries in ``cache_dir`` (None: memory only).

    Calling it again with the same folder keeps the renderer and its memory cache, so a
    catalogue reload does not throw away pages already rendered.
    """
    global _default
    wanted = Path(cache_dir) if cache_dir is not None else None
    if _default.cache_dir != wanted:
        previous, _default = _default, Renderer(wanted)
        _default._memory = previous._memory  # keyed by content, so valid whatever the folder
    return _default


def default_renderer() -> Renderer:
    """The process-wide renderer used by the ``render_*`` functions."""
    return _default


def render_document(text: str, *, links: LinkContext | None = None) -> RenderedLesson:
    """Render ``text`` with the default renderer: html, contents entries and word count."""
    return _default.render(text, links=links)


def render_markdown(text: str, *, links: LinkContext | None = None) -> str:
    """Sanitized HTML for Markdown ``text``; relative links rewritten when ``links`` is given."""
    return _default.render(text, links=links).html


def render_inline(text: str) -> str:
    """Sanitized HTML for one short line of Markdown (a key point, a title), without <p>."""
    html = _default.render(text).html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def render_lesson(course: Course, lesson: Lesson, language: str | None = None) -> RenderedLesson:
    """The lesson page body in ``language`` (falling back to the source language)."""
    text = lesson.text_for(language)
    return _default.render(text.body, links=LinkContext.for_file(course, text.rel_path))


def render_overview(course: Course, language: str | None = None) -> RenderedLesson:
    """The course overview from course.md (or its translation)."""
    text = course.text_for(language)
    return _default.render(text.overview, links=LinkContext.for_file(course, text.rel_path))


def render_module_intro(course: Course, module: Module, language: str | None = None) -> str:
    """A module's introduction from module.md, as sanitized HTML ("" when there is none)."""
    text = module.text_for(language)
    if not text.intro.strip():
        return ""
    return _default.render(text.intro, links=LinkContext.for_file(course, text.rel_path)).html


def prerender(catalogue: Catalogue) -> int:
    """Render every page of every course ahead of requests; returns the number of pages."""
    pages = 0
    for course in catalogue.courses:
        for language in course.languages:
            render_overview(course, language)
            for module in course.modules:
                render_module_intro(course, module, language)
            for lesson in course.lessons:
                render_lesson(course, lesson, language)
                pages += 1
    return pages


def pygments_css(style: str = "default") -> str:
    """CSS for the highlight classes in rendered code blocks (serve it as a static file)."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=style).get_style_defs(".highlight")
