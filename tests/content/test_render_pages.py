"""Rendering the pages of a loaded course: lessons, translations, overview, module intros."""
from __future__ import annotations

import pytest

from app.content import render as render_module
from app.content.render import (
    Renderer,
    prerender,
    render_lesson,
    render_module_intro,
    render_overview,
)

from .html_tree import parse

FILES = {
    "fb/course.md": "---\ntitle: FB\n---\nStart with [settings](01-setup/01-settings.md).\n",
    "fb/course.vi.md": ("---\ntitle: FB vi\n---\n"
                        "Bắt đầu với [cài đặt](01-setup/01-settings.vi.md).\n"),
    "fb/01-setup/module.md": "---\ntitle: Setup\n---\n![banner](fig/banner.png)\n",
    "fb/01-setup/fig/banner.png": b"png",
    "fb/01-setup/01-settings.md": "---\ntitle: Settings\n---\nNext: [rules](02-rules.md).\n",
    "fb/01-setup/01-settings.vi.md": "---\ntitle: Cài đặt\n---\nTiếp: [nội quy](02-rules.md).\n",
    "fb/01-setup/02-rules.md": "---\ntitle: Rules\n---\n[Back](01-settings.md#top)\n",
}


@pytest.fixture
def course(load, monkeypatch):
    monkeypatch.setattr(render_module, "_default", Renderer())
    catalogue = load(FILES)
    assert catalogue.problems == ()
    return catalogue.course("fb")


def hrefs(html: str) -> list[str]:
    return [a.attrs.get("href") for a in parse(html).find_all("a")]


def test_lesson_pages_link_to_sibling_lessons_by_slug(course):
    assert hrefs(render_lesson(course, course.lesson("settings")).html) == ["rules"]
    assert hrefs(render_lesson(course, course.lesson("rules")).html) == ["settings#top"]


def test_translated_lesson_is_rendered_in_its_language(course):
    page = render_lesson(course, course.lesson("settings"), "vi")
    assert "Tiếp" in page.html and hrefs(page.html) == ["rules"]
    # No translation: the source text, in the requested language's place.
    assert "Back" in render_lesson(course, course.lesson("rules"), "vi").html


def test_overview_and_module_intro(course):
    assert hrefs(render_overview(course).html) == ["settings"]
    assert hrefs(render_overview(course, "vi").html) == ["settings"]
    [img] = parse(render_module_intro(course, course.module("setup"))).find_all("img")
    assert img.attrs["src"] == "files/01-setup/fig/banner.png"


def test_prerender_renders_every_page_once(course):
    assert prerender_catalogue_pages(course) == 4  # 2 lessons x 2 languages
    before = render_module._default.conversions
    render_lesson(course, course.lesson("settings"), "vi")
    render_overview(course)
    assert render_module._default.conversions == before


def prerender_catalogue_pages(course) -> int:
    class OneCourse:
        courses = (course,)

    return prerender(OneCourse())  # type: ignore[arg-type]
