"""Markdown is converted once per content; the disk cache survives a new process."""
from __future__ import annotations

import json

from app.content import render as render_module
from app.content.render import Renderer, configure_disk_cache
from app.content.render_links import LinkContext

TEXT = "# Rules\n\nBe kind. ![cover](cover.jpg)\n"


def test_second_render_of_the_same_text_does_not_convert_again():
    renderer = Renderer()
    first = renderer.render(TEXT)
    second = renderer.render(TEXT)
    assert renderer.conversions == 1
    assert second is first


def test_different_text_or_link_context_is_a_different_entry():
    renderer = Renderer()
    renderer.render(TEXT)
    renderer.render(TEXT + "More.")
    a = renderer.render(TEXT, links=LinkContext("01-a", ()))
    b = renderer.render(TEXT, links=LinkContext("02-b", ()))
    assert renderer.conversions == 4
    assert "files/01-a/cover.jpg" in a.html and "files/02-b/cover.jpg" in b.html


def test_disk_cache_is_reused_by_a_fresh_renderer(tmp_path):
    first = Renderer(tmp_path)
    rendered = first.render(TEXT)
    assert first.conversions == 1
    assert len(list(tmp_path.glob("*.json"))) == 1

    fresh = Renderer(tmp_path)  # a new worker process: empty memory, same folder
    again = fresh.render(TEXT)
    assert fresh.conversions == 0
    assert again == rendered
    fresh.render(TEXT)
    assert fresh.conversions == 0


def test_corrupt_cache_entry_is_ignored_and_replaced(tmp_path):
    Renderer(tmp_path).render(TEXT)
    [entry] = tmp_path.glob("*.json")
    for garbage in ("{not json", json.dumps({"version": "1"}), json.dumps([1, 2]), ""):
        entry.write_text(garbage, encoding="utf-8")
        fresh = Renderer(tmp_path)
        rendered = fresh.render(TEXT)
        assert fresh.conversions == 1
        assert "Be kind." in rendered.html
        assert json.loads(entry.read_text(encoding="utf-8"))["html"] == rendered.html


def test_entries_from_another_renderer_version_are_not_read(tmp_path, monkeypatch):
    Renderer(tmp_path).render(TEXT)
    monkeypatch.setattr(render_module, "RENDERER_VERSION", "next")
    fresh = Renderer(tmp_path)
    fresh.render(TEXT)
    assert fresh.conversions == 1


def test_cache_writes_leave_no_temporary_files(tmp_path):
    renderer = Renderer(tmp_path)
    for n in range(5):
        renderer.render(f"Lesson {n}")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json"] * 5
    assert not list(tmp_path.glob(".tmp-*"))


def test_unwritable_cache_dir_still_renders(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    renderer = Renderer(blocker / "cache")
    assert "Be kind." in renderer.render(TEXT).html


def test_configure_disk_cache_keeps_the_renderer_for_the_same_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(render_module, "_default", Renderer())
    renderer = configure_disk_cache(tmp_path)
    renderer.render(TEXT)
    assert configure_disk_cache(tmp_path) is renderer
    assert configure_disk_cache(tmp_path / "other") is not renderer
    assert render_module.render_markdown(TEXT)  # uses the configured renderer
