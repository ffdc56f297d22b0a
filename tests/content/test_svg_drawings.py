"""Trainers' SVG drawings reach learners only when they are pictures and nothing more."""
from __future__ import annotations

import pytest

from app.content.svg_checks import svg_problems

COURSE = "---\ntitle: Facebook groups\n---\nOverview.\n"
LESSON = "---\ntitle: Tap here\n---\n![The group's menu with Admin tools circled](menu.svg)\n"
PLAIN = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 200">'
         '<rect x="10" y="10" width="340" height="40" fill="#eee"/>'
         '<text x="20" y="36" font-family="sans-serif">Admin tools</text>'
         '<use href="#dot"/></svg>')


def test_a_plain_drawing_passes(tmp_path):
    path = tmp_path / "menu.svg"
    path.write_text(PLAIN, encoding="utf-8")
    assert svg_problems(path) == []


@pytest.mark.parametrize("svg, expected", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()"/></svg>', "event handler"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="https://example.org/a.png"/></svg>', "refers to 'https://example.org"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x()"><text>t</text></a></svg>',
     "refers to 'javascript:"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
     "<foreignobject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
     "loads something"),
    ('<html><body/></html>', "does not start with an <svg>"),
    ('<svg><unclosed></svg>', "cannot be read"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "cannot be read"),
])
def test_drawings_that_could_run_or_fetch_something_are_refused(tmp_path, svg, expected):
    path = tmp_path / "bad.svg"
    path.write_text(svg, encoding="utf-8")
    problems = svg_problems(path)
    assert problems and any(expected in str(problem) for problem in problems), problems


def test_content_check_reports_a_scripted_drawing_at_the_line_that_shows_it(load):
    catalogue = load({"fb/course.md": COURSE, "fb/01-a/01-tap.md": LESSON,
                      "fb/01-a/menu.svg": PLAIN.replace("<use", '<rect onload="x()"/><use')})
    (problem,) = catalogue.course("fb").problems
    assert (problem.path, problem.line) == ("courses/fb/01-a/01-tap.md", 4)
    assert "'menu.svg': the drawing has an event handler (onload)" in problem.message
    assert catalogue.course("fb").is_broken


def test_content_check_accepts_a_plain_drawing(load):
    catalogue = load({"fb/course.md": COURSE, "fb/01-a/01-tap.md": LESSON, "fb/01-a/menu.svg": PLAIN})
    assert catalogue.course("fb").problems == ()
