"""Is a month's set of numbers plausible? One set of rules for the form and the import.

Pure: ``MonthNumbers`` in, problems out. A problem is either an error (the numbers cannot be
right) or a jump that she must confirm (more than ``JUMP`` times last month is possible, for
a group that held a contest, but usually a typing slip such as one zero too many).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.lazy_text import lazy_gettext as _l

from .health import MonthNumbers, months_between

#: A number more than this many times last month's asks for a confirmation.
JUMP = 5
#: The numbers a jump is looked for in (counts of people and of activity).
JUMP_FIELDS = ("members", "posts", "comments", "reactions", "active_members", "viewers")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str  # "negative", "member_posts_over_posts", "below_zero", "jump"
    message: object

    @property
    def needs_confirmation(self) -> bool:
        return self.code == "jump"


def check_month(numbers: MonthNumbers, previous: MonthNumbers | None) -> list[Problem]:
    """Every problem of ``numbers``; ``previous`` is the month before it, if known."""
    problems = []
    for name, value in _values(numbers).items():
        if value is not None and value < 0:
            problems.append(Problem(name, "negative", _l("A number cannot be below zero.")))
    if numbers.posts is not None and numbers.member_posts is not None and numbers.member_posts > numbers.posts:
        problems.append(Problem("member_posts", "member_posts_over_posts",
                                _l("Posts written by members cannot be more than all posts (%(posts)d).",
                                   posts=numbers.posts)))
    if previous is not None and months_between(previous.month, numbers.month) == 1:
        problems += _against_last_month(numbers, previous)
    return problems


def _against_last_month(numbers: MonthNumbers, previous: MonthNumbers) -> list[Problem]:
    problems = []
    if previous.members is not None and numbers.left_members is not None:
        joined = numbers.new_members or 0
        if numbers.left_members > previous.members + joined:
            problems.append(Problem("left_members", "below_zero", _l(
                "More members left (%(left)d) than the group had (%(had)d at the end of last month, "
                "plus %(joined)d new): the group cannot drop below zero.",
                left=numbers.left_members, had=previous.members, joined=joined)))
    before, now = _values(previous), _values(numbers)
    for name in JUMP_FIELDS:
        old, new = before[name], now[name]
        if old and new is not None and old > 0 and new > JUMP * old:
            problems.append(Problem(name, "jump", _l(
                "%(new)d is more than %(times)d times last month's %(old)d. Check the number; if it is "
                "right, tick the box below to confirm it.", new=new, times=JUMP, old=old)))
    return problems


def _values(numbers: MonthNumbers) -> dict[str, int | None]:
    return {name: value for name, value in vars(numbers).items() if name != "month"}


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.needs_confirmation]


def jumps(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.needs_confirmation]
