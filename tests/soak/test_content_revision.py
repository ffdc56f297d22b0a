"""Every gunicorn worker serves the same content: edits wait for `flask content publish`.

Workers once loaded the catalogue at their first request, so after an edit on disk one
worker served the new course and another the old one (12 x 200 and 6 x 404 for one page).
Here a lesson is added on disk and a worker is restarted (as a crash or a recycle would):
every request still sees the old content, until the documented reload (`flask content
publish`), after which every request, on both workers, sees the new one.
"""
from __future__ import annotations

import os
import shutil
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _server import ROOT, Browser, Gunicorn, app_env, flask

PORT = 5181
DEMO_OFFICER, DEMO_PASSWORD = "officer", "bentre-demo-2026"  # see the README's demo sign-ins
COURSE = "revision-check"  # a course of this test's own, beside the shipped ones
NEW_LESSON = f"/courses/{COURSE}/brand-new-lesson"
REQUESTS = 20
BOOT_SECONDS = 180  # a worker renders every page at start: slow on a busy machine


def _statuses_by_worker(server: Gunicorn, browser: Browser, access_log: Path) -> dict[int, list[int]]:
    """REQUESTS concurrent requests (each on its own connection), then who answered what."""
    seen = access_log.read_text().count("\n")

    def one(_):
        phone = Browser(server.port, cookies=dict(browser.cookies))
        try:
            return phone.get(NEW_LESSON).status
        finally:
            phone.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(one, range(REQUESTS)))
    deadline = time.monotonic() + 30  # a busy machine may write the log lines late
    while access_log.read_text().count("\n") - seen < REQUESTS and time.monotonic() < deadline:
        time.sleep(0.05)
    by_worker: dict[int, list[int]] = {}
    for line in access_log.read_text().splitlines()[seen:]:
        pid, path, status = line.split()
        if path == NEW_LESSON:
            by_worker.setdefault(int(pid.strip("<>")), []).append(int(status))
    assert sorted(s for found in by_worker.values() for s in found) == sorted(statuses)
    return by_worker


def _spread_over_both(server, browser, access_log) -> dict[int, list[int]]:
    """Batches of requests until one batch reached both workers (the kernel picks)."""
    for _ in range(10):
        by_worker = _statuses_by_worker(server, browser, access_log)
        if len(by_worker) == 2:
            return by_worker
    raise AssertionError(f"no batch reached both workers: {by_worker}")


def _sign_in(browser: Browser) -> None:
    """The demo officer signs in and, if the privacy notice asks, agrees to it."""
    assert browser.login(DEMO_OFFICER, DEMO_PASSWORD).status == 302
    consent = browser.get("/privacy/consent")
    if consent.status == 200 and 'name="agree"' in consent.body:
        assert browser.post("/privacy/consent", {"csrf_token": browser.csrf(consent.body),
                                                 "agree": "agree"}).status == 302
    assert browser.get("/courses/").status == 200


def _get_once(port: int, path: str) -> int:
    phone = Browser(port, timeout=BOOT_SECONDS)
    try:
        return phone.get(path).status
    finally:
        phone.close()


def _wait_ready(server: Gunicorn) -> None:
    """Like ``Gunicorn.wait_ready``, closing every connection even when a busy worker is slow."""
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        assert server.proc.poll() is None, f"gunicorn exited; see {server.log.name}"
        try:
            if _get_once(server.port, "/healthz") == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer within {BOOT_SECONDS} s")


def _restart_one_worker(server: Gunicorn, access_log: Path) -> None:
    """Stop one worker and wait until gunicorn's replacement answers requests."""
    before = server.worker_pids()
    os.kill(before[0], signal.SIGTERM)
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        new = set(server.worker_pids()) - set(before)
        if new and f"<{new.pop()}> /healthz" in access_log.read_text():
            return
        with ThreadPoolExecutor(max_workers=4) as pool:  # busy the old worker: the new one gets some
            list(pool.map(lambda _: _get_once(server.port, "/healthz"), range(8)))
        time.sleep(0.1)
    raise AssertionError("gunicorn's replacement worker never answered")


def test_workers_switch_to_edited_content_together_and_only_when_published(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(ROOT / "courses", courses)  # the demo data needs the shipped course
    lessons = courses / COURSE / "01-start"
    lessons.mkdir(parents=True)
    (courses / COURSE / "course.md").write_text("---\ntitle: Revisions\n---\nHello.\n", encoding="utf-8")
    (lessons / "01-first.md").write_text("---\ntitle: First\nminutes: 2\n---\nFirst.\n", encoding="utf-8")
    env = app_env(f"sqlite:///{tmp_path / 'content.sqlite3'}", tmp_path, courses=courses)
    flask(env, "init")
    flask(env, "seed-demo")
    access_log = tmp_path / "access.log"
    access_log.touch()
    env["GUNICORN_CMD_ARGS"] = f"--access-logfile {access_log} --access-logformat '%(p)s %(U)s %(s)s'"
    flask(env, "content", "publish", "--allow-errors")
    server = Gunicorn(env, tmp_path, workers=2, port=PORT)
    browser = Browser(server.port)
    try:
        server.start(wait=False)
        _wait_ready(server)
        _sign_in(browser)

        (lessons / "02-brand-new-lesson.md").write_text(
            "---\ntitle: Brand new\nminutes: 2\n---\nJust written.\n", encoding="utf-8")
        _restart_one_worker(server, access_log)  # a worker started after the edit must not serve it
        before = _spread_over_both(server, browser, access_log)
        assert {s for found in before.values() for s in found} == {404}, before

        result = flask(env, "content", "publish", "--allow-errors")
        assert "Published revision" in result.stdout, result.stdout + result.stderr
        after = _spread_over_both(server, browser, access_log)
        assert {s for found in after.values() for s in found} == {200}, after
    finally:
        browser.close()
        server.stop()
