"""What the pages say, read back as plain values: status classes, links, progress values and
table cells; only what the pages give in words alone (the course page's "2 of 3 lessons
read", the labels of its buttons) is read as English text, the language the members use."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reports.report_pages import page_number, page_rows

from .model import COURSE


def _one(pattern: str, text: str, what: str) -> re.Match:
    found = re.search(pattern, text, re.S)
    assert found, f"{what} not found on the page"
    return found


@dataclass(frozen=True)
class CourseCard:
    """The course's card on My learning."""

    status: str  # the card's status class: not_started ... overdue, or "none"
    percent: int
    continue_href: str | None
    continue_label: str | None
    certificate: str | None  # its code
    attempts: int  # rows of "My quiz attempts"
    passes: int


def my_learning(body: bytes) -> CourseCard:
    page = body.decode()
    card = _one(rf'<section class="card course-card status-([\w-]+)">\s*'
                rf'<h3><a href="/courses/{COURSE}/">(.*?)</section>', page, "the course's card")
    inside = card.group(2)
    button = re.search(r'<a class="button wide" href="([^"]+)">([^<]+)</a>', inside)
    attempts = re.findall(r'<td data-label="Result"><span class="badge badge-(\w+)"', page)
    certificate = re.search(r'href="/me/certificates/([\w-]+)"', inside)
    return CourseCard(
        status=card.group(1),
        percent=int(_one(r'aria-valuenow="(\d+)"', inside, "the progress bar").group(1)),
        continue_href=html.unescape(button.group(1)) if button else None,
        continue_label=button.group(2).strip() if button else None,
        certificate=certificate.group(1) if certificate else None,
        attempts=len(attempts), passes=attempts.count("passed"),
    )


@dataclass(frozen=True)
class CoursePage:
    percent: int
    lessons_read: tuple[int, int]  # (done, of)
    quizzes_passed: tuple[int, int] | None  # None: the course names no quiz
    finished: bool  # "You finished this course on ..."
    certificate: bool
    new_material: bool
    done_lessons: frozenset[str]
    listed_lessons: tuple[str, ...]
    button_href: str | None
    button_label: str | None


def course_page(body: bytes) -> CoursePage:
    page = body.decode()
    inside = _one(r'<h1>(.*?)<div class="overview">', page, "the course's progress").group(1)
    lessons = re.search(r"(\d+) of (\d+) lessons? read", inside)
    quizzes = re.search(r"(\d+) of (\d+) quizz?(?:es)? passed", inside)
    button = re.search(r'<a class="button wide" href="([^"]+)">([^<]+)</a>', inside)
    items = re.findall(rf'<li class="(done|todo)">\s*<a href="/courses/{COURSE}/([\w-]+)">', page)
    assert lessons, "the count of lessons read is not on the course page"
    return CoursePage(
        percent=int(_one(r'aria-valuenow="(\d+)"', inside, "the progress bar").group(1)),
        lessons_read=(int(lessons.group(1)), int(lessons.group(2))),
        quizzes_passed=(int(quizzes.group(1)), int(quizzes.group(2))) if quizzes else None,
        finished='class="done-note"' in inside,
        certificate=bool(re.search(r'href="/me/certificates/[\w-]+"', inside)),
        new_material='flash-info' in inside,
        done_lessons=frozenset(slug for state, slug in items if state == "done"),
        listed_lessons=tuple(slug for _state, slug in items),
        button_href=html.unescape(button.group(1)) if button else None,
        button_label=button.group(2).strip() if button else None,
    )


def roster(body: bytes) -> dict[int, str | None] | None:
    """Member id -> her status in the course (None: not assigned to her); None when the
    roster has no course column (nothing assigned over the unit)."""
    page = body.decode()
    if "<tbody>" not in page:
        return None
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    found: dict[int, str | None] = {}
    row = r'<th scope="row"><a href="/reports/members/(\d+)">.*?</th>(.*?)</tr>'
    for member_id, cells in re.findall(row, rows, re.S):
        badges = re.findall(r'<span class="badge badge-(\w+)">', cells)
        assert len(badges) <= 1, "more than one course column on the roster"
        found[int(member_id)] = badges[0] if badges else None
    return found


@dataclass(frozen=True)
class Counts:
    members: int
    assigned: int
    not_started: int
    in_progress: int
    completed: int
    overdue: int
    average_score: float | None


def _counts(cells: list[str]) -> Counts:
    members, assigned, not_started, in_progress, completed, _percent, score, overdue = cells[:8]
    counted = (members, assigned, not_started, in_progress, completed)
    return Counts(*(int(page_number(value)) for value in counted),
                  overdue=int(page_number(overdue)), average_score=page_number(score))


def report(body: bytes, *, by_member: bool) -> tuple[dict[str, Counts], Counts]:
    """Rows by name (members or units) and the total of a completion report page."""
    rows = page_rows(body)
    assert rows, "no report table on the page"
    skip = 3 if by_member else 1  # name (and unit, committee role) before the numbers
    *body_rows, total = rows
    named = {row[0]: _counts(row[skip:]) for row in body_rows if len(row) > skip}
    return named, _counts(total[skip:])


def certificate_check(body: bytes) -> tuple[bool, str, str]:
    """The public check page: (valid, holder, issuing unit)."""
    page = html.unescape(body.decode())
    fields = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    return 'class="verdict ok"' in page, fields.get("Holder", ""), fields.get("Issued by", "")
