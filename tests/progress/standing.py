"""A member's status in a course as each view shows it: My learning, the course page, the
committee roster, her report page, the report by member (page, CSV) and the command line.

Each reader returns one of ``not_started``, ``in_progress``, ``completed``, ``overdue``, or
``None`` where the view shows no status for her (the course is not assigned to her); the
course page, which shows no assignment status, returns ``completed`` or ``None``.
"""
from __future__ import annotations

import csv
import html
import io
import re

WORDS = {"Not started": "not_started", "In progress": "in_progress", "Completed": "completed",
         "Overdue": "overdue"}
_BADGE = re.compile(r'<span class="badge badge-(not_started|in_progress|completed|overdue)">')


def _cells(row_html: str) -> list[str]:
    return re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S)


def _badge(fragment: str) -> str | None:
    found = _BADGE.search(fragment)
    return found.group(1) if found else None


def on_my_learning(client, course_title: str) -> str | None:
    """Her card of the course on /me: the status it carries (None: no status shown)."""
    page = client.get("/me").get_data(as_text=True)
    for card in re.findall(r'<section class="card course-card status-([a-z_]+)">(.*?)</section>', page, re.S):
        status, body = card
        if f">{html.escape(course_title)}</a></h3>" in body:
            return None if status == "none" else status
    raise AssertionError(f"no card for {course_title} on My learning")


def on_course_page(client, course_slug: str) -> str | None:
    page = client.get(f"/courses/{course_slug}/").get_data(as_text=True)
    return "completed" if "You finished this course on" in page else None


def on_roster(client, unit_code: str, full_name: str, course_title: str) -> str | None:
    """Her cell in the course's column of the roster (every page is read)."""
    page_number, column = 1, None
    while True:
        page = client.get(f"/reports/units/{unit_code}/roster?page={page_number}").get_data(as_text=True)
        header = re.search(r"<thead>(.*?)</thead>", page, re.S)
        if header is None:
            return None
        titles = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in _cells(header.group(1))]
        if course_title not in titles:
            return None
        column = titles.index(course_title)
        for row in re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>")[1], re.S):
            cells = _cells(row)
            if f">{html.escape(full_name)}</a>" in cells[0]:
                return _badge(cells[column])
        if f"page={page_number + 1}" not in page:
            raise AssertionError(f"{full_name} is not on the roster of {unit_code}")
        page_number += 1


def on_member_page(client, member_id: int, course_title: str) -> str | None:
    page = client.get(f"/reports/members/{member_id}").get_data(as_text=True)
    for row in re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>")[1].split("</tbody>")[0], re.S):
        cells = _cells(row)
        if html.unescape(re.sub(r"<[^>]+>", "", cells[0])).strip() == course_title:
            return _badge(cells[1])
    return None


def _status_from_csv(text: str, username: str) -> str | None:
    lines = text.lstrip("\ufeff").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Name,"))
    for row in csv.DictReader(io.StringIO("\n".join(lines[start:]))):
        if row.get("Username") == username:
            return WORDS.get(row["Status"]) if row["Assigned"] != "0" else None
    return None


def in_report_csv(client, unit_code: str, course_slug: str, username: str) -> str | None:
    """Her row of the report by member for one course, downloaded as CSV from the site."""
    data = client.get(f"/reports/export/csv?by=member&unit={unit_code}&course={course_slug}").data
    return _status_from_csv(data.decode("utf-8"), username)


def in_report_page(client, unit_code: str, course_slug: str, full_name: str) -> str | None:
    """Her row of the report by member for one course: the status column that counts 1."""
    page = client.get(f"/reports/?by=member&unit={unit_code}&course={course_slug}").get_data(as_text=True)
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page.split("<tbody>")[1].split("</tbody>")[0], re.S):
        if f">{html.escape(full_name)}</a>" in row:
            numbers = [re.sub(r"<[^>]+>", "", cell).strip() for cell in _cells(row)[3:]]
            # members, assigned, not started, in progress, completed, %, score, overdue, last
            counted = {"not_started": numbers[2], "in_progress": numbers[3], "completed": numbers[4],
                       "overdue": numbers[7]}
            return next((status for status, count in counted.items() if count == "1"), None)
    return None


def on_command_line(runner, unit_code: str, course_slug: str, username: str) -> str | None:
    result = runner.invoke(args=["report", "completion", "--by", "member", "--unit", unit_code,
                                 "--course", course_slug, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return _status_from_csv(result.output, username)
