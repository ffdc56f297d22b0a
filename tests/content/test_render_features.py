"""Each supported Markdown feature renders to the HTML a lesson page expects."""
from __future__ import annotations

import pytest

from app.content.render import RenderedLesson, Renderer, render_inline
from app.content.render_links import LinkContext

from .html_tree import parse


@pytest.fixture
def render():
    renderer = Renderer()  # a private cache: tests never share rendered output

    def _render(text: str, links: LinkContext | None = None) -> RenderedLesson:
        return renderer.render(text, links=links)

    return _render


def test_table_with_alignment_uses_attributes_not_styles(render):
    tree = parse(render("| Day | Posts |\n|:----|------:|\n| Mon | 3 |\n").html)
    [table] = tree.find_all("table")
    assert [th.text for th in table.find_all("th")] == ["Day", "Posts"]
    assert [td.attrs.get("align") for td in table.find_all("td")] == ["left", "right"]
    assert all("style" not in e.attrs for e in tree.iter())


def test_fenced_code_inside_a_list_and_a_blockquote(render):
    text = (
        "1. Open a terminal:\n\n"
        "    ```bash\n    ls -la\n    ```\n\n"
        "> Quoted:\n>\n> ```python\n> print('hi')\n> ```\n"
    )
    tree = parse(render(text).html)
    [in_list] = [e for e in tree.find_all("pre") if any(a.tag == "li" for a in e.ancestors())]
    [in_quote] = [e for e in tree.find_all("pre")
                  if any(a.tag == "blockquote" for a in e.ancestors())]
    assert "ls -la" in in_list.text and "print('hi')" in in_quote.text
    assert "language-bash" in in_list.parent.classes
    assert "language-python" in in_quote.parent.classes


def test_code_is_highlighted_with_classes_only(render):
    tree = parse(render("```python\nx = 1  # note\n```\n").html)
    spans = tree.find_all("span")
    assert any(span.classes for span in spans)  # pygments token classes
    assert all("style" not in e.attrs for e in tree.iter())


def test_output_and_error_blocks_are_classed_not_highlighted(render):
    tree = parse(render("```output\n<b>bold?</b>\n```\n\n```error\nNo such file\n```\n").html)
    [output, error] = tree.find_all("pre")
    assert "code-output" in output.classes and "code-error" in error.classes
    assert output.text == "<b>bold?</b>" and not output.find_all("b")


@pytest.mark.parametrize("kind", ["tip", "warning", "note"])
def test_admonitions(render, kind):
    tree = parse(render(f'!!! {kind} "Before you post"\n    Check the photo.\n').html)
    [box] = tree.find_all("div", "admonition")
    assert kind in box.classes
    assert box.find_all("p", "admonition-title")[0].text == "Before you post"


def test_collapsible_details(render):
    tree = parse(render('??? note "Why?"\n    Because members read on phones.\n').html)
    [details] = tree.find_all("details")
    assert details.find_all("summary")[0].text == "Why?"
    assert "Because members" in details.text


def test_task_list_checkboxes_are_disabled(render):
    tree = parse(render("- [x] Cover photo\n- [ ] Group rules\n").html)
    boxes = tree.find_all("input")
    assert [b.attrs.get("type") for b in boxes] == ["checkbox", "checkbox"]
    assert ["checked" in b.attrs for b in boxes] == [True, False]
    assert all("disabled" in b.attrs for b in boxes)


def test_footnote(render):
    tree = parse(render("Posts at 8pm do best.[^1]\n\n[^1]: From the pilot groups.\n").html)
    [ref] = tree.find_all("a", "footnote-ref")
    target = ref.attrs["href"].lstrip("#")
    assert any(e.attrs.get("id") == target and "pilot groups" in e.text for e in tree.iter())


def test_toc_entries_for_a_long_lesson(render):
    sections = "\n\n".join(f"## Step {n}: Đăng bài\n\n" + "word " * 150 for n in range(1, 5))
    rendered = render("# Posting well\n\n" + sections)
    assert [entry.level for entry in rendered.toc] == [1, 2, 2, 2, 2]
    assert rendered.toc[1].title == "Step 1: Đăng bài"
    ids = {e.attrs.get("id") for e in parse(rendered.html).iter()}
    assert all(entry.anchor in ids for entry in rendered.toc)
    assert rendered.show_contents and rendered.word_count >= 600
    toc = parse(rendered.toc_html)
    assert [a.attrs["href"] for a in toc.find_all("a")] == [f"#{e.anchor}" for e in rendered.toc]
    assert not render("## Only one heading\n\nShort.").show_contents


def test_smart_quotes_and_dashes(render):
    html = render('"Hello" -- it\'s --- nice (c)').html
    assert "\u201cHello\u201d" in html and "\u2019" in html
    assert "\u2014" in html and "\u2013" in html and "\u00a9" in html


def test_image_alt_text_and_attribute_list(render):
    tree = parse(render('![Group cover photo](cover.jpg)\n\n![](fig/a.svg){alt=\'A "tree"\'}').html)
    alts = [img.attrs["alt"] for img in tree.find_all("img")]
    assert alts == ["Group cover photo", 'A "tree"']
    assert all(img.attrs.get("loading") == "lazy" for img in tree.find_all("img"))


def test_kbd_survives(render):
    tree = parse(render("Press <kbd>Ctrl</kbd>+<kbd>R</kbd>.").html)
    assert [k.text for k in tree.find_all("kbd")] == ["Ctrl", "R"]


def test_render_inline_drops_the_paragraph():
    assert render_inline("Use `history` and <kbd>↑</kbd>") == (
        "Use <code>history</code> and <kbd>↑</kbd>")


LINKS = LinkContext(
    base="01-setup",
    pages=(("01-setup/01-a.md", "a"), ("01-setup/02-b.md", "b"),
           ("01-setup/02-b.vi.md", "b"), ("02-more/03-c.md", "c"), ("course.md", "./")),
)


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[next](02-b.md)", "b"),
        ("[part](02-b.md#part-two)", "b#part-two"),
        ("[other module](../02-more/03-c.md)", "c"),
        ("[vi](02-b.vi.md)", "b"),
        ("[overview](../course.md)", "./"),
        ("[form](form.pdf)", "files/01-setup/form.pdf"),
        ("[shared](../handouts/rules%20v2.pdf)", "files/handouts/rules%20v2.pdf"),
        ("[web](https://www.facebook.com/help)", "https://www.facebook.com/help"),
        ("[mail](mailto:office@example.org)", "mailto:office@example.org"),
        ("[here](#tips)", "#tips"),
        ("[quiz](/quizzes/fb-rules)", "/quizzes/fb-rules"),
    ],
)
def test_links_are_rewritten_relative_to_the_lesson_page(render, markdown, href):
    [link] = parse(render(markdown, LINKS).html).find_all("a")
    assert link.attrs.get("href") == href
    assert link.attrs.get("rel") == "noopener noreferrer"


def test_images_are_served_from_the_course_files(render):
    tree = parse(render("![a](fig/a.png) ![b](../img/b.png) <img src='c.jpg' alt='c'>",
                        LINKS).html)
    assert [img.attrs["src"] for img in tree.find_all("img")] == [
        "files/01-setup/fig/a.png", "files/img/b.png", "files/01-setup/c.jpg"]


def test_paths_escaping_the_course_are_dropped(render):
    tree = parse(render("![x](../../../etc/passwd) [y](../../other/01-m/01-a.md)", LINKS).html)
    assert "src" not in tree.find_all("img")[0].attrs
    assert "href" not in tree.find_all("a")[0].attrs


def test_without_a_link_context_relative_links_stay(render):
    [link] = parse(render("[next](02-b.md)").html).find_all("a")
    assert link.attrs["href"] == "02-b.md"
