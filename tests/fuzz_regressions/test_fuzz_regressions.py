"""Every input the fuzzer found crashing a reader, replayed through the same contract
(``fuzz/``), and the contract's own checks shown to catch what they are meant to catch.

An input whose fix belongs to code still being changed stays here marked as an expected
failure (strict: the day it passes, the mark must go).
"""
from __future__ import annotations

import time

import pytest

from fuzz import target_render, target_roster
from fuzz.contract import ContractBroken, problems_have_lines, within_budget
from fuzz.safe_html import unsafe_parts
from fuzz.targets import TARGETS, load, regression_inputs

#: "<target>/<file>" -> why it still fails.
OPEN: dict[str, str] = {
}


def _cases():
    for name in TARGETS:
        for path in regression_inputs(name):
            key = f"{name}/{path.name}"
            marks = [pytest.mark.xfail(strict=True, reason=OPEN[key])] if key in OPEN else []
            yield pytest.param(name, path, id=key, marks=marks)


@pytest.mark.parametrize(("target", "path"), list(_cases()))
def test_kept_crash_input_now_keeps_the_contract(target, path):
    load(target).check(path.read_bytes())


def test_every_open_crash_is_still_kept():
    kept = {f"{name}/{p.name}" for name in TARGETS for p in regression_inputs(name)}
    assert set(OPEN) <= kept


def test_a_slow_input_breaks_the_contract(monkeypatch):
    monkeypatch.setattr("fuzz.contract.BUDGET_SECONDS", 0.01)

    @within_budget
    def slow(data: bytes) -> None:
        started = time.process_time()
        while time.process_time() - started < 0.05:
            pass

    with pytest.raises(ContractBroken, match="budget"):
        slow(b"x")


def test_waiting_is_not_counted_against_an_input(monkeypatch):
    """A busy machine slows every input down; only the work an input causes counts."""
    monkeypatch.setattr("fuzz.contract.BUDGET_SECONDS", 0.01)
    within_budget(lambda data: time.sleep(0.05))(b"x")


def test_inputs_are_cut_to_the_size_bound():
    seen = []
    within_budget(seen.append)(b"x" * 100_000)
    assert len(seen[0]) == 64 * 1024


@pytest.mark.parametrize("line", [-1, 4])
def test_a_problem_outside_the_input_breaks_the_contract(line):
    from app.content.problems import error

    with pytest.raises(ContractBroken, match="not in the input"):
        problems_have_lines([error("x.md", line, "bad")], 3)


@pytest.mark.parametrize("html", [
    '<p><script>alert(1)</script></p>', '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVa&#x09;Script:alert(1)">x</a>', '<img src="x" onerror="alert(1)">',
    '<a href="data:text/html,x">x</a>', '<p onclick=x>hi</p>', '<a href="\x01 java\tscript:x">x</a>',
])
def test_unsafe_html_is_recognised(html):
    assert unsafe_parts(html)


@pytest.mark.parametrize("html", [
    "<p>&lt;script&gt; onclick=1 javascript:alert(1)</p>", '<a href="https://x.org/javascript:">x</a>',
    '<img src="a.png" alt="on">', '<a href="java   script:x">a relative URL</a>',
])
def test_safe_html_is_not_flagged(html):
    assert not unsafe_parts(html)


def test_hostile_markdown_is_refused_by_the_limits_quickly():
    for text in (">" * 10_000 + " deep", "[" * 15_000, "*" * 10_000 + "x" + "*" * 10_000):
        target_render.check(text.encode())


def test_a_roster_refused_with_a_message_keeps_the_contract():
    target_roster.check(b"\xd0\xcf\x11\xe0 an old excel file")


def test_a_numbers_file_with_an_unparseable_address_names_the_row():
    from app.groups.importing import check_import
    from app.roster.reading import read_roster
    from fuzz.target_group_import import import_session

    raw = read_roster(b"Group,Month\nhttps://www.face]ook.com/groups/x,2025-11\n", max_rows=10)
    with import_session() as session:
        plan = check_import(session, raw, None)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Group (A)")]
