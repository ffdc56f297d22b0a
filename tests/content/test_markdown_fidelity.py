"""Markdown and GIFT brought from elsewhere show as their home platform shows them.

Each case is written the way trainers' material from GitHub, Carpentries lessons and Moodle
banks is written: a list or a table right after a sentence, raw ``<code>``, ``<a name>``
anchors, Jekyll Liquid in addresses, lessons straight in the course folder, and GIFT text in
Moodle's own format.
"""
from __future__ import annotations

import pytest

from app.content.quiz_text import MOODLE, PLAIN, as_markdown
from app.content.render import Renderer
from app.content.render_links import LinkContext

from .html_tree import parse

COURSE = "---\ntitle: Facebook groups\n---\nOverview.\n"


def render(text: str, links: LinkContext | None = None) -> str:
    return Renderer().render(text, links=links).html


@pytest.mark.parametrize("source", [
    "Chị cần chuẩn bị:\n- điện thoại\n- mật khẩu\n",
    "Chị cần chuẩn bị:\n* điện thoại\n* mật khẩu\n",
    "Các bước:\n1. Mở ứng dụng\n2. Chạm vào Nhóm\n",
])
def test_list_right_after_a_sentence_is_a_list(source):
    html = parse(render(source))
    assert len(html.find_all("li")) == 2
    (paragraph,) = html.find_all("p")
    assert "-" not in paragraph.text and "*" not in paragraph.text


def test_a_sentence_ending_in_a_number_is_not_cut_into_a_list():
    assert "<ol" not in render("Năm nay là năm\n2026. Nhóm lớn lên.\n")


def test_lines_continuing_a_list_item_keep_the_list_tight():
    html = render("- một\n- hai\ntiếp theo\n- ba\n")
    assert html.count("<li>") == 3 and "<p>" not in html


@pytest.mark.parametrize("source", [
    "Số liệu tháng 10:\nTháng | Thành viên\n--- | ---\n10 | 319\n",
    "Số liệu tháng 10:\n| Tháng | Thành viên |\n|---|---|\n| 10 | 319 |\n",
    "Tháng | Thành viên\n:--- | ---:\n10 | 319\n",
])
def test_tables_with_or_without_outer_pipes_right_after_text(source):
    (table,) = parse(render(source)).find_all("table")
    assert [td.text for td in table.find_all("td")] == ["10", "319"]


def test_fenced_code_is_never_reshaped():
    html = render("```\nKết quả:\n- không phải danh sách\n```\n")
    assert "<li>" not in html and "- không phải danh sách" in html


def test_raw_code_keeps_its_quotes_straight_while_prose_gets_smart_quotes():
    html = render('Write <code>alt=""</code> and <code>say "hi"</code>, then "quote" it.')
    assert '<code>alt=""</code>' in html
    assert "<code>say &quot;hi&quot;</code>" in html or '<code>say "hi"</code>' in html
    assert "“quote”" in html


def test_named_anchors_keep_their_target():
    html = render('[Go to setup](#setup)\n\n<a name="setup"></a>\nSetup text.\n')
    assert 'id="setup"' in html and 'href="#setup"' in html


def test_named_anchor_cannot_smuggle_a_handler():
    html = render('<a name="x" onclick="steal()">x</a>')
    assert "onclick" not in html and 'id="x"' in html


def _jekyll_course(load):
    lesson = ("---\ntitle: Files\n---\n"
              "![A folder]({{ page.root }}/fig/folder.png)\n\n"
              "Next: [loops]({{ page.root }}{% link _episodes/05-loop.md %}).\n")
    loop = "---\ntitle: Loops\n---\nBack to [files]({% link _episodes/03-create.md %}).\n"
    return load({"shell/course.md": COURSE, "shell/01-episodes/03-create.md": lesson,
                 "shell/01-episodes/05-loop.md": loop, "shell/fig/folder.png": b"png"})


def test_jekyll_addresses_resolve_to_the_course_files_and_pages(load):
    catalogue = _jekyll_course(load)
    course = catalogue.course("shell")
    assert course.problems == ()
    create = course.lesson("create")
    html = render(create.body, LinkContext.for_file(course, create.rel_path))
    assert 'src="files/fig/folder.png"' in html
    assert 'href="loop"' in html
    loop = course.lesson("loop")
    assert 'href="create"' in render(loop.body, LinkContext.for_file(course, loop.rel_path))


def test_unresolvable_liquid_is_reported_with_the_whole_address(load):
    lesson = "---\ntitle: Guide\n---\nSee [the guide]({% link _extras/guide.md %}).\n"
    catalogue = load({"shell/course.md": COURSE, "shell/01-episodes/01-intro.md": lesson})
    (problem,) = catalogue.course("shell").problems
    assert problem.line == 4
    assert "'{% link _extras/guide.md %}'" in problem.message
    assert "template tag" in problem.message


def test_missing_link_and_missing_image_are_named_for_what_they_are(load):
    lesson = ("---\ntitle: Links\n---\n[the sheet](sheet.pdf)\n\n![a photo](photo.png)\n")
    catalogue = load({"fb/course.md": COURSE, "fb/01-a/01-links.md": lesson})
    messages = [p.message for p in catalogue.course("fb").problems]
    assert messages == ["linked file not found: 'sheet.pdf' (looked for 01-a/sheet.pdf)",
                        "image not found: 'photo.png' (looked for 01-a/photo.png)"]


def test_lessons_straight_in_the_course_folder_make_a_one_module_course(load):
    lesson = "---\ntitle: {}\n---\nText.\n"
    catalogue = load({"solo/course.md": COURSE, "solo/01-start.md": lesson.format("Start"),
                      "solo/01-start.vi.md": lesson.format("Bắt đầu"),
                      "solo/02-next.md": lesson.format("Next")})
    course = catalogue.course("solo")
    assert course.problems == () and not course.is_broken
    assert [lesson.slug for lesson in course.lessons] == ["start", "next"]
    assert len(course.modules) == 1
    assert course.lesson("start").text_for("vi").title == "Bắt đầu"


def test_whole_file_problems_print_without_a_line_number(load):
    catalogue = load({"fb/course.md": COURSE, "fb/setup/01-intro.md": "---\ntitle: A\n---\n"})
    assert all(not str(p).split(": ", 1)[0].endswith(":0") for p in catalogue.problems)


@pytest.mark.parametrize("text, shown", [
    ("1. Which setting hides the group?", "1. Which setting hides the group?"),
    ("# of posts a day", "# of posts a day"),
    ("Use *two* admins - not one", "Use *two* admins - not one"),
    ("a_b and [link](x)", "a_b and [link](x)"),
])
def test_gift_moodle_format_shows_as_typed(text, shown):
    html = parse(render(as_markdown(text, MOODLE)))
    assert html.text.strip() == shown
    assert not html.find_all("ol") and not html.find_all("h1") and not html.find_all("em")


def test_gift_moodle_format_keeps_html_and_line_breaks():
    html = render(as_markdown("First line\n<b>bold</b> second", MOODLE))
    assert "<br>" in html and "<b>bold</b>" in html


def test_gift_plain_format_escapes_html():
    assert "&lt;b&gt;" in render(as_markdown("<b>not bold</b>", PLAIN))


@pytest.mark.parametrize("text_format", [PLAIN, MOODLE])
def test_a_converted_plain_or_moodle_text_shows_every_mark_without_a_backslash(text_format):
    """GIFT -> our Markdown writes plain and Moodle texts escaped; the page must show each
    mark as typed (Python-Markdown has no escape for "~": "\\~" would show its backslash)."""
    from app.content.quiz_text import to_markdown

    for typed in ("about ~100 words: a*b_c {x} [y](z) #1 +2 -3 4. 5! a|b > c ` \\ end",
                  "~~~ not a code block", "``` nor this"):
        html = parse(render(to_markdown(typed, text_format)))
        assert html.text.strip() == typed and not html.find_all("pre")
