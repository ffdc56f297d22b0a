"""A rendered page: sanitized HTML, its headings for a contents list, and its length."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser


@dataclass(frozen=True)
class TocEntry:
    """One heading of a page: its level (1-6), its id for ``#anchor`` links, its text."""

    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class RenderedLesson:
    """A rendered page body: sanitized ``html``, its headings and its length."""

    html: str
    toc: tuple[TocEntry, ...]
    word_count: int
    #: How long the conversion took (kept in the cache with the page; see render_checks).
    seconds: float = field(default=0.0, compare=False)

    @property
    def show_contents(self) -> bool:
        """Long pages get a contents list; short ones would only repeat themselves."""
        return len(self.toc) >= 3 and self.word_count >= 400

    @property
    def toc_html(self) -> str:
        """The headings as a nested-by-class list of in-page links (already escaped)."""
        items = "".join(
            f'<li class="toc-level-{entry.level}"><a href="#{escape(entry.anchor)}">'
            f"{escape(entry.title)}</a></li>"
            for entry in self.toc
        )
        return f'<ul class="toc">{items}</ul>' if items else ""


class WordCounter(HTMLParser):
    """Counts words of running text; code blocks are not read like prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words = 0
        self._in_pre = 0

    def handle_starttag(self, tag, attrs) -> None:
        self._in_pre += tag == "pre"

    def handle_endtag(self, tag) -> None:
        self._in_pre -= tag == "pre" and self._in_pre > 0

    def handle_data(self, data) -> None:
        if not self._in_pre:
            self.words += len(data.split())


def flatten_toc(tokens: list[dict]) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for token in tokens:
        entries.append(TocEntry(token["level"], token["id"], token["name"]))
        entries += flatten_toc(token.get("children", []))
    return entries
