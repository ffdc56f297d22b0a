"""Browser fixtures: a real server (gunicorn on 127.0.0.1, fresh SQLite, demo data plus a small
course of our own) and Debian's chromium driven by Playwright.

Without /usr/bin/chromium every browser test is skipped with a message saying how to enable it.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DEMO_PASSWORD = "bentre-demo-2026"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

SKIP_REASON = ("Debian's chromium is not installed: apt-get install chromium (or run .ci/run) "
               "to enable the browser tests")


def skip_without_chromium() -> None:
    """Called at the top of every browser test module: skips the whole module, with the way
    to enable it, on a machine without Debian's chromium."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(SKIP_REASON, allow_module_level=True)
    pytest.importorskip("playwright.sync_api", reason="playwright is missing: pip install -r requirements-dev.txt")

#: A small course of the tests' own, in English and Vietnamese, closed by a quiz whose
#: answers the tests know (no shuffling, so the order on the page is the file's order).
COURSE = {
    "course.md": "---\ntitle: Browser basics\nquizzes: [browser-quiz]\n---\nA short course for the browser tests.\n",
    "course.vi.md": "---\ntitle: Cơ bản về trình duyệt\n---\nMột khoá ngắn cho các bài kiểm thử.\n",
    "01-start/module.md": "---\ntitle: Getting started\n---\n",
    "01-start/module.vi.md": "---\ntitle: Bắt đầu\n---\n",
    "01-start/01-hello.md":
        "---\ntitle: Hello group\nminutes: 3\n---\nEnglish lesson text: a private group keeps posts for members.\n",
    "01-start/01-hello.vi.md":
        "---\ntitle: Xin chào nhóm\n---\nNội dung tiếng Việt: nhóm riêng tư chỉ cho thành viên xem bài.\n",
    "01-start/02-rules.md": "---\ntitle: Group rules\nminutes: 4\n---\nWrite five short rules and pin them.\n",
    "01-start/02-rules.vi.md": "---\ntitle: Nội quy nhóm\n---\nViết năm nội quy ngắn và ghim lên.\n",
}
QUIZ = textwrap.dedent("""\
    ---
    title: Browser quiz
    pass_mark: 100
    max_attempts: 0
    show_answers: after_attempt
    ---
    ## Who sees posts in a private group? {#private}

    - [ ] Anyone on Facebook
    - [x] Only members

    ## Pin the rules {#pin}

    - [x] True
    - [ ] False
    """)


def _free_port() -> int:
    """A free port; ``BROWSER_TEST_PORT`` fixes it (for a machine where only some ports may be used)."""
    if os.environ.get("BROWSER_TEST_PORT"):
        return int(os.environ["BROWSER_TEST_PORT"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, url: str, env: dict, instance: Path):
        self.url, self.env, self.instance = url, env, instance

    def flask(self, *args: str, input: str | None = None) -> str:
        """Run ``flask --app app ARGS`` against the server's database; returns stdout."""
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=self.env,
                              input=input, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def python(self, code: str) -> str:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("live")
    courses, quizzes = base / "courses", base / "quizzes"
    shutil.copytree(ROOT / "courses", courses)
    shutil.copytree(ROOT / "quizzes", quizzes)
    for rel, text in COURSE.items():
        path = courses / "browser-basics" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (quizzes / "browser-quiz.md").write_text(QUIZ, encoding="utf-8")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNION_", "FLASK_"))}
    env.pop("REDIS_URL", None)
    env.update({
        "UNION_INSTANCE_PATH": str(base / "instance"),
        "DATABASE_URL": f"sqlite:///{base / 'live.sqlite3'}",
        "SECRET_KEY": "browser-tests-" + os.urandom(8).hex(),
        "UNION_COURSES_DIR": str(courses),
        "UNION_QUIZZES_DIR": str(quizzes),
        "UNION_PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",  # certificates link to this server
        # The consent screen has its own browser test (tests/privacy); here members have agreed.
        "UNION_PRIVACY_CONSENT_REQUIRED": "false",
        "PYTHONPATH": str(ROOT),
    })
    server = LiveServer(f"http://127.0.0.1:{port}", env, base / "instance")
    server.flask("init")
    server.flask("seed-demo")
    # The small course is assigned to the whole province, due in 30 days.
    server.python(textwrap.dedent("""\
        from datetime import date, timedelta
        from sqlalchemy import select
        from app import create_app
        from app.extensions import db
        from app.models import Assignment, Unit
        app = create_app()
        with app.app_context():
            bt = db.session.scalars(select(Unit).where(Unit.code == "86")).one()
            db.session.add(Assignment(course_slug="browser-basics", unit_id=bt.id,
                                      due_date=date.today() + timedelta(days=30)))
            db.session.commit()
        """))
    with serving(server, base, "-w", "2", "--threads", "4"):
        yield server


@contextlib.contextmanager
def serving(server: LiveServer, base: Path, *options: str) -> Iterator[None]:
    """Run gunicorn (``options``: workers, threads) for ``server`` until the block ends; its
    log is ``base/server.log``, shown when it does not start."""
    port = server.url.rsplit(":", 1)[1]
    with open(base / "server.log", "w") as log:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        proc = subprocess.Popen([str(gunicorn), *options, "-b", f"127.0.0.1:{port}", "wsgi:app"],
                                cwd=ROOT, env=server.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120  # a busy machine renders every page once at start
        while True:
            try:
                urllib.request.urlopen(server.url + "/login", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise RuntimeError("the server did not start: " + (base / "server.log").read_text()) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context_factory(browser, live_server):
    made = []

    def make(**kwargs):
        kwargs.setdefault("base_url", live_server.url)
        ctx = browser.new_context(**kwargs)
        ctx.set_default_timeout(10_000)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.locator("main").inner_text()


def screenshot_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def make_member(live_server):
    """Create an officer with a password through the CLI: ``make_member("lan.vo", language=None)``."""

    def make(username: str, password: str = "a long river sentence", unit: str = "29110") -> str:
        live_server.flask("users", "create", username, "--role", "officer", "--unit", unit, input=password + "\n")
        return password

    return make
