"""Doing things on the site the way people do: the member and the coordinator through their
browsers (Flask's test client), the trainer and the admin through the command line."""
from __future__ import annotations

import re
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from conftest import TEST_PASSWORD, csrf_token_from
from quizweb.paper import answers

from app.progress import assignments as assignment_rules

from .course_files import RIGHT, WRONG, write_course
from .model import COURSE, Content

_TOKEN = re.compile(rb'name="token" type="hidden" value="([^"]+)"')
_REMOVE = re.compile(r'/admin/assignments/(\d+)/remove')


class UnionCalendar:
    """The union's "today", which judges due dates, held still and moved on by whole days.

    Every due-date judgement goes through ``app.progress.assignments.today_in``; only its
    clock is replaced, so timestamps of lessons and attempts stay real."""

    def __init__(self, stack: ExitStack):
        start = datetime.now(ZoneInfo("UTC"))
        calendar = self

        class Clock(datetime):
            @classmethod
            def now(cls, tz=None):
                return (start + calendar.shift).astimezone(tz) if tz else start + calendar.shift

        self.shift = timedelta(0)
        stack.enter_context(mock.patch.object(assignment_rules, "datetime", Clock))

    def today(self, zone: str) -> date:
        return assignment_rules.today_in(zone)

    def days_pass(self, days: int) -> None:
        self.shift += timedelta(days=days)


class Browser:
    """One signed-in person's test client."""

    def __init__(self, app, username: str):
        self.client = app.test_client()
        page = self.client.get("/login")
        signed_in = self.client.post("/login", data={
            "username": username, "password": TEST_PASSWORD, "csrf_token": csrf_token_from(page)})
        assert signed_in.status_code == 302, f"{username} could not sign in"
        self._csrf = None

    def get(self, url: str, status: int = 200):
        response = self.client.get(url)
        assert response.status_code == status, f"GET {url}: {response.status_code}, not {status}"
        if status == 200 and b'name="csrf_token"' in response.data:
            self._csrf = csrf_token_from(response)
        return response

    def csrf(self) -> str:
        if self._csrf is None:
            self.get("/me")
        return self._csrf

    def post(self, url: str, data: dict, status: int):
        response = self.client.post(url, data={"csrf_token": self.csrf(), **data})
        assert response.status_code == status, f"POST {url}: {response.status_code}, not {status}"
        return response


class Paper:
    """A quiz page she holds: its attempt token and the page, to answer by choice text."""

    def __init__(self, quiz_id: str, page):
        self.quiz_id, self.page = quiz_id, page
        self.token = _TOKEN.search(page.data).group(1).decode()

    def form(self, right: bool, csrf: str | None = None) -> dict:
        return {"csrf_token": csrf or csrf_token_from(self.page), "token": self.token,
                **answers(self.page, {"q-daily": RIGHT if right else WRONG})}


def quiz_url(quiz_id: str) -> str:
    return f"/quizzes/{quiz_id}?course={COURSE}"


def step_url(step: tuple[str, str] | None) -> str:
    if step is None:
        return f"/courses/{COURSE}/"
    kind, slug = step
    return quiz_url(slug) if kind == "quiz" else f"/courses/{COURSE}/{slug}"


class Trainer:
    """Edits the course files and publishes them with `flask content publish`."""

    def __init__(self, app, courses_dir):
        self.runner, self.courses_dir = app.test_cli_runner(), courses_dir

    def publish(self, content: Content) -> bool:
        """Publish ``content``; False when `flask content publish` refuses it (a course that
        can never be completed: no required lesson and no quiz), which publishes nothing."""
        write_course(self.courses_dir, content)
        result = self.runner.invoke(args=["content", "publish"])
        if not content.required_lessons() and not content.quizzes():
            assert result.exit_code and "can never be completed" in result.output, result.output
            return False
        assert result.exit_code == 0 and "0 errors" in result.output, result.output
        return True


class Coordinator(Browser):
    """Assigns and removes courses on /admin/assignments/; unit changes go through the
    `flask units` commands an admin runs."""

    def __init__(self, app, username: str):
        super().__init__(app, username)
        self.runner = app.test_cli_runner()

    def _assignment_ids(self) -> set[int]:
        return {int(n) for n in _REMOVE.findall(self.get("/admin/assignments/").data.decode())}

    def assign(self, unit_id: int, roles: tuple[str, ...], due: date | None) -> int:
        before = self._assignment_ids()
        self.post("/admin/assignments/", {"course": COURSE, "unit_id": str(unit_id),
                                          "committee_roles": list(roles),
                                          "due_date": due.isoformat() if due else ""}, 302)
        made = self._assignment_ids() - before
        assert len(made) == 1, f"one new assignment expected, found {sorted(made)}"
        return made.pop()

    def unassign(self, assignment_id: int) -> None:
        self.post(f"/admin/assignments/{assignment_id}/remove", {"confirmed": "yes"}, 302)

    def undo_unassign(self) -> int:
        """"Undo: put the assignment back" after a removal; the id of the one put back."""
        before = self._assignment_ids()
        self.post("/admin/assignments/restore", {}, 302)
        made = self._assignment_ids() - before
        assert len(made) == 1, f"one assignment put back expected, found {sorted(made)}"
        return made.pop()

    def units(self, *args: str) -> None:
        result = self.runner.invoke(args=["units", *args])
        assert result.exit_code == 0, result.output
