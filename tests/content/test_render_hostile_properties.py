"""Generated hostile Markdown: deep nesting, runs of brackets and emphasis, raw HTML with
event handlers and script URLs. Whatever is generated, the limits refuse it with a line or
it renders within the time budget into HTML with no script, handler or script URL: the
contract the fuzzer checks (``fuzz.target_render``), here on a fixed set of examples."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content.limits import limit_problems
from app.content.render import Renderer
from fuzz.contract import BUDGET_SECONDS
from fuzz.safe_html import unsafe_parts

ATTACKS = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.org/x.js></SCRIPT>", "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">', "<svg onload=alert(1)>", '<a href="javascript:alert(1)">a</a>',
    '<a href="JaVaScRiPt:alert(1)">a</a>', '<a href="java\tscript:alert(1)">a</a>',
    '<a href="&#106;avascript:alert(1)">a</a>', "[link](javascript:alert(1))",
    "[link](  javascript:alert(1) )", "![pic](javascript:alert(1))", "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)", '<div style="x" onmouseover="alert(1)">d</div>',
    '<iframe src="javascript:alert(1)"></iframe>', '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
    '<p title="</p><script>alert(1)</script>">t</p>', "<!-- <script>alert(1)</script> -->",
    '<details open ontoggle="alert(1)"><summary>s</summary></details>', "<style>*{}</style>",
    '<input type="checkbox" onfocus="alert(1)" autofocus>', '```html\n<script>alert(1)</script>\n```',
    "`<script>`", '<a href="vbscript:msgbox(1)">v</a>', "<math><mi xlink:href=javascript:alert(1)>m</mi></math>",
]
MARKUP = ["*", "_", "**", "[", "]", "(", ")", "![", "`", "<", ">", "&", "\\", "~", "=", "#", "|", "!", "^"]
PREFIXES = ["> ", "* ", "- ", "1. ", "    ", "\t", "+ "]


@st.composite
def hostile_markdown(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["attack", "nest", "run", "words"]))
        if kind == "attack":
            pieces.append(draw(st.sampled_from(ATTACKS)))
        elif kind == "nest":
            prefix = "".join(draw(st.lists(st.sampled_from(PREFIXES), min_size=1, max_size=40)))
            pieces.append(prefix + draw(st.sampled_from(ATTACKS + ["deep"])))
        elif kind == "run":
            pieces.append(draw(st.sampled_from(MARKUP)) * draw(st.integers(1, 3000)))
        else:
            pieces.append(draw(st.text(st.sampled_from("ab c\n*_[]()<>\"'=:/"), max_size=80)))
    return draw(st.sampled_from(["\n", "\n\n", " ", ""])).join(pieces)


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_markdown())
def test_hostile_markdown_is_refused_with_a_line_or_renders_safely_in_time(text):
    problems = limit_problems(text, "hostile.md", 1)
    if problems:
        assert all(1 <= p.line <= text.count("\n") + 1 for p in problems)
        return
    started = time.perf_counter()
    html = Renderer(max_entries=1).render(text).html
    assert time.perf_counter() - started < BUDGET_SECONDS
    assert unsafe_parts(html) == []


def test_every_attack_alone_renders_safely():
    for attack in ATTACKS:
        assert unsafe_parts(Renderer(max_entries=1).render(attack).html) == [], attack
