"""Kramdown blockquote boxes and Pandoc fenced divs become the same boxes."""
from __future__ import annotations

from app.content.render import Renderer
from app.content.render_boxes import convert_divs, convert_kramdown, drop_liquid

from .html_tree import parse

KRAMDOWN = """\
> ## Write a loop
>
> How would you echo 0 to 2?
>
> > ## Solution
> >
> > ~~~
> > $ for n in 0 1 2
> > > do
> > >     echo $n
> > > done
> > ~~~
> > {: .language-bash}
> {: .solution}
{: .challenge}
"""

PANDOC = """\
:::::::::::::::::::::::::::::::::::::::  challenge

## Write a loop

How would you echo 0 to 2?

:::::::::::::::  solution

## Solution

```bash
$ for n in 0 1 2
> do
>     echo $n
> done
```

:::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::::::::::::::::
"""


def boxes(html: str):
    tree = parse(html)
    challenge = tree.find_all("div", "challenge")
    solution = tree.find_all("details", "solution")
    return tree, challenge, solution


def test_kramdown_challenge_with_nested_solution():
    tree, [challenge], [solution] = boxes(Renderer().render(KRAMDOWN).html)
    assert challenge.find_all("p", "box-title")[0].text == "Write a loop"
    assert solution in list(challenge.iter())
    assert solution.find_all("summary")[0].text == "Solution"
    [code] = solution.find_all("pre")
    assert "language-bash" in code.parent.classes
    # The prompt lines are code, not a third level of quoting.
    assert code.text.splitlines()[1:] == ["> do", ">     echo $n", "> done"]
    assert not tree.find_all("blockquote")
    assert "{:" not in tree.text


def test_pandoc_divs_render_like_kramdown_boxes():
    _, [kd_challenge], [kd_solution] = boxes(Renderer().render(KRAMDOWN).html)
    _, [pd_challenge], [pd_solution] = boxes(Renderer().render(PANDOC).html)
    assert pd_challenge.find_all("p", "box-title")[0].text == "Write a loop"
    assert kd_solution.find_all("pre")[0].text == pd_solution.find_all("pre")[0].text
    assert ":::" not in pd_challenge.text


def test_colon_only_line_closes_the_innermost_div_whatever_its_length():
    lines = convert_divs(["::: challenge", "A", "::::::::::::::::::: solution", "B", ":::",
                          "C", "::::::::::", "D"])
    text = "\n".join(lines)
    assert text.index("solution") < text.index("B") < text.index("</details>") < text.index("C")
    assert text.index("C") < text.rindex("</div>") < text.index("D")


def test_pandoc_braced_class_and_spoiler():
    tree = parse(Renderer().render("::: {.spoiler}\n## Peek\nHidden\n:::\n").html)
    [details] = tree.find_all("details", "spoiler")
    assert details.find_all("summary")[0].text == "Peek"


def test_divs_inside_code_fences_are_left_alone():
    text = "```\n::: challenge\n:::\n```\n"
    assert convert_divs(text.split("\n")) == text.split("\n")


def test_code_ial_sets_the_fence_language_and_role():
    lines = convert_kramdown(["~~~", "ls", "~~~", "{: .language-bash}", "",
                              "```", "out", "```", "{:  .output}"])
    assert lines == ["~~~bash", "ls", "~~~", "", "```output", "out", "```"]


def test_a_fence_that_names_its_language_keeps_it():
    assert convert_kramdown(["```python", "x", "```", "{: .language-bash}"])[0] == "```python"


def test_plain_blockquote_stays_a_blockquote_with_code():
    html = Renderer().render("> Note:\n>\n> ~~~\n> ls\n> ~~~\n> {: .language-bash}\n").html
    [quote] = parse(html).find_all("blockquote")
    assert "language-bash" in quote.find_all("pre")[0].parent.classes


def test_liquid_tags_are_dropped_outside_code_only():
    lines = drop_liquid(["Text", "{% include links.md %}", "```", "{% raw %}", "```"])
    assert lines == ["Text", "```", "{% raw %}", "```"]


def test_callout_without_heading_has_no_title_and_collapsible_without_heading_no_summary():
    tree = parse(Renderer().render("> Just a note.\n{: .callout}\n\n"
                                   "::: solution\nAnswer\n:::\n").html)
    [callout] = tree.find_all("div", "callout")
    assert not callout.find_all("p", "box-title")
    [solution] = tree.find_all("details", "solution")
    assert not solution.find_all("summary")  # the browser shows "Details" in its language


def test_box_titles_stay_out_of_the_contents():
    rendered = Renderer().render("## Section\n\n" + KRAMDOWN)
    assert [entry.title for entry in rendered.toc] == ["Section"]


def test_unclosed_div_ends_with_the_file():
    tree = parse(Renderer().render("::: callout\n## Careful\nText\n").html)
    assert tree.find_all("div", "callout")[0].find_all("p", "box-title")[0].text == "Careful"
