"""The pages `make bench` measures, their targets, and how one connection asks for each.

Every page is measured against /healthz (the cheapest request the app answers, through the
same WSGI stack): its ratio is the cost of a /healthz request over the cost of one request for
the page, so 60% means a page request costs 1/0.6 = 1.7 health checks. The district report's
target is absolute: CPU milliseconds per request.
"""
from __future__ import annotations

from dataclasses import dataclass

from _server import COURSE, QUIZ, Browser, fill_quiz

#: A connection's request: (method, path, form or None, the status that means success).
Request = tuple[str, str, "list | None", int]


@dataclass(frozen=True)
class Page:
    name: str
    #: Who asks: "officer" (one signed-in officer per connection), "coordinator", "fresh
    #: officer" (a different officer for every request), or None (signed out).
    who: str | None
    min_ratio: float | None = None  # target: cost of /healthz / cost of the page, at least
    max_cpu_ms: float | None = None  # target: server CPU per request, at most


HEALTHZ = Page("/healthz", None)
PAGES = (
    Page("lesson page", "officer", min_ratio=0.60),
    Page("/me", "officer", min_ratio=0.50),
    Page("quiz page", "officer", min_ratio=0.40),
    Page("quiz submission", "fresh officer", min_ratio=0.35),
    Page("district report", "coordinator", max_cpu_ms=20.0),
)


def requests_for(page: Page, port: int, seat, count: int, lessons: list[str]) -> list[tuple[Browser, Request]]:
    """One connection's ``count`` requests for ``page``, everything untimed done first.

    ``seat`` is the cookies of the member the connection is signed in as (signed in once for
    the whole run: parallel sign-ins of one account are throttled), or for submissions the
    officers it signs in, one per request, each with a fresh attempt; None: signed out.
    A page's first visit (which writes "opened") is not timed either."""
    if page.name == "quiz submission":
        jobs = []
        for name in seat[:count]:
            officer = Browser(port)
            officer.login(name)
            form = fill_quiz(officer.get(f"/quizzes/{QUIZ}").body)
            officer.close()  # she answers on a new connection, as after reading for minutes
            jobs.append((officer, ("POST", f"/quizzes/{QUIZ}", form, 303)))
        return jobs
    browser = Browser(port, cookies=dict(seat or {}))
    if page is HEALTHZ:
        paths = ["/healthz"]
    elif page.name == "lesson page":
        paths = [f"/courses/{COURSE}/{slug}" for slug in lessons]
    elif page.name == "/me":
        paths = ["/me"]
    elif page.name == "quiz page":
        paths = [f"/quizzes/{QUIZ}"]
    elif page.name == "district report":
        paths = ["/reports/"]
    else:
        raise ValueError(page.name)
    for path in paths:
        browser.get(path)
    return [(browser, ("GET", paths[i % len(paths)], None, 200)) for i in range(count)]
