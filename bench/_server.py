"""Helpers shared by the benchmark, the soak run and the soak/scale-out tests.

* ``app_env``: the environment of a server or command on a database of the benchmark's
  (``_seed.prepare_database`` fills it).
* ``Gunicorn``: real gunicorn processes on 127.0.0.1 and a free port; always stopped.
* ``Browser``: one keep-alive HTTP connection with cookies, CSRF tokens and quiz filling.

Nothing here talks to any host but 127.0.0.1.
"""
from __future__ import annotations

import html
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PASSWORD = "load-test-password"
#: Cheap but real scrypt, so thousands of sign-ins do not measure the password hash.
CHEAP_HASH = "scrypt:1024:8:1"
COURSE = "running-facebook-groups"
QUIZ = "fb-setting-up"

if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))  # the project's app/ package, never bench/app.py


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_url(base: str, schema: str) -> str:
    """A PostgreSQL URL whose connections use ``schema`` (psycopg 3)."""
    if base.startswith(("postgresql://", "postgres://")):
        base = "postgresql+psycopg://" + base.split("://", 1)[1]
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


class PgSchema:
    """A throw-away schema in the PostgreSQL at ``base``; ``drop()`` removes it."""

    def __init__(self, base: str, prefix: str = "load"):
        from sqlalchemy import create_engine, text

        self.name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self.url = pg_url(base, self.name)
        self._admin = create_engine(pg_url(base, "public"))
        with self._admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))

    def drop(self) -> None:
        from sqlalchemy import text

        with self._admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE'))
        self._admin.dispose()


@dataclass
class Seeded:
    url: str
    officers: list[str]
    coordinator: str
    lessons: list[str]
    quiz: str = QUIZ
    course: str = COURSE


def load_quizzes(workdir: Path) -> Path:
    """The shipped quizzes, with the load quiz open to any number of attempts: simulated
    officers submit it again and again, which the shipped three attempts would stop."""
    folder = workdir / "load-quizzes"
    if not folder.is_dir():
        folder.mkdir(parents=True)
        for source in (ROOT / "quizzes").iterdir():
            text = source.read_text(encoding="utf-8") if source.suffix in (".md", ".gift") else None
            if text is None:
                continue
            if source.name.startswith(f"{QUIZ}."):
                text = re.sub(r"(?m)^max_attempts: *\d+$", "max_attempts: 0", text, count=1)
            (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def app_env(url: str, workdir: Path, *, courses: Path | None = None, redis: str | None = None,
            secret: str | None = None) -> dict[str, str]:
    """The environment for ``flask`` and gunicorn: all configuration through variables.

    Of the caller's ``UNION_*`` variables only ``UNION_RENDER_CACHE_DIR`` is kept (the test
    suite names one render cache for all the servers it starts); else the cache is in
    ``workdir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNION_")}
    env.pop("REDIS_URL", None)
    env.update({
        "DATABASE_URL": url,
        "SECRET_KEY": secret or "load-" + uuid.uuid4().hex,
        "UNION_INSTANCE_PATH": str(workdir / "instance"),
        "UNION_RENDER_CACHE_DIR": os.environ.get("UNION_RENDER_CACHE_DIR") or str(workdir / "render-cache"),
        "UNION_PASSWORD_HASH_METHOD": CHEAP_HASH,
        "UNION_RATELIMIT_KEY_PREFIX": "load-" + uuid.uuid4().hex[:8],
        "PYTHONUNBUFFERED": "1",
    })
    if courses is not None:
        env["UNION_COURSES_DIR"] = str(courses)
    env["UNION_QUIZZES_DIR"] = str(load_quizzes(workdir))
    if redis:
        env["REDIS_URL"] = redis
    return env


def flask(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "flask"), "--app", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=check)


#: The settings `make serve` and the README recommend for one server without a proxy.
SERVE_CONFIG = ROOT / "serve.conf.py"


class Gunicorn:
    """``workers`` gunicorn workers serving wsgi:app on 127.0.0.1:<free port>; with ``config``
    (e.g. SERVE_CONFIG) its settings first, the port, timeouts and ``workers`` (unless None)
    over them."""

    def __init__(self, env: dict[str, str], workdir: Path, *, workers: int | None = 2, port: int | None = None,
                 preload: bool = False, config: Path | None = None):
        self.port = port or free_port()
        self.env, self.workdir, self.workers, self.preload = env, workdir, workers, preload
        self.config = config
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self, wait: bool = True, timeout: float = 120) -> Gunicorn:
        args = [str(VENV_BIN / "gunicorn"), *(["--config", str(self.config)] if self.config else []),
                *(["--workers", str(self.workers)] if self.workers else []), "--bind", f"127.0.0.1:{self.port}",
                "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"]
        if self.preload:
            args.append("--preload")
        self.log = open(self.workdir / f"gunicorn-{self.port}.log", "ab")
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen([*args, "wsgi:app"], cwd=ROOT, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        if wait:
            self.wait_ready("/healthz", timeout)
        return self

    def wait_ready(self, path: str = "/healthz", timeout: float = 30, headers: dict | None = None) -> float:
        """Seconds from start until ``path`` answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log.name}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                conn.request("GET", path, headers=headers or {})
                if conn.getresponse().status == 200:
                    return time.perf_counter() - self.started_at
            except (OSError, http.client.HTTPException):
                pass  # not listening yet, or still starting: ask again
            finally:
                conn.close()
            time.sleep(0.01)
        raise TimeoutError(f"no 200 from {path} within {timeout} s")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def cpu_seconds(self) -> dict[int, float]:
        """CPU time (user + system, all threads) each worker has used so far, by pid."""
        tick = os.sysconf("SC_CLK_TCK")
        used = {}
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone between listing and reading
            used[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime (fields 14, 15)
        return used

    def rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except OSError:
                pass
        return sizes

    def kill(self) -> None:
        """SIGKILL the whole process group: master and workers, mid-request."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        if getattr(self, "log", None):
            self.log.close()


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
_INPUT = re.compile(r"<input\b[^>]*>", re.S)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
_SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option\b[^>]*value="([^"]*)"')
_TEXTAREA = re.compile(r'<textarea\b[^>]*name="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict
    body: str


@dataclass
class Browser:
    """One officer's phone: a keep-alive connection and her cookies."""

    port: int
    cookies: dict = field(default_factory=dict)
    timeout: float = 30

    def __post_init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def request(self, method: str, path: str, form: dict | list | None = None) -> Response:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for retry in (True, False):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                raw = self.conn.getresponse()
                data = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed between requests: reopen once,
                # but only for requests that were surely never processed.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                if not retry or method != "GET":
                    raise
        for key, value in raw.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                val = rest.split(";", 1)[0]
                if "expires=thu, 01 jan 1970" in value.lower() or val == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data.decode("utf-8", "replace"))

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form) -> Response:
        return self.request("POST", path, form)

    def close(self) -> None:
        self.conn.close()

    @staticmethod
    def csrf(body: str) -> str:
        match = _CSRF.search(body)
        if not match:
            raise AssertionError("no CSRF token on the page")
        return html.unescape(match.group(1) or match.group(2))

    def login(self, username: str, password: str = PASSWORD) -> Response:
        page = self.get("/login")
        return self.post("/login", {"username": username, "password": password, "csrf_token": self.csrf(page.body)})

    def logout(self) -> Response:
        page = self.get("/me")
        return self.post("/logout", {"csrf_token": self.csrf(page.body)})

    def open_quiz(self, quiz: str) -> tuple[Response, list[tuple[str, str]]]:
        """GET the quiz page and fill every question with its first choice (right or not)."""
        page = self.get(f"/quizzes/{quiz}")
        return page, fill_quiz(page.body)

    def submit_quiz(self, quiz: str) -> tuple[str, Response]:
        """Open a fresh attempt and send it; returns (attempt token, response)."""
        page, form = self.open_quiz(quiz)
        if page.status != 200:
            raise AssertionError(f"quiz page answered {page.status}")
        token = dict(form)["token"]
        return token, self.post(f"/quizzes/{quiz}", form)

    def mark_done(self, course: str, lesson: str) -> Response:
        page = self.get(f"/courses/{course}/{lesson}")
        if page.status != 200:
            return page
        return self.post(f"/courses/{course}/{lesson}/done", {"csrf_token": self.csrf(page.body)})


def fill_quiz(body: str) -> list[tuple[str, str]]:
    """Form fields of a quiz page: hidden fields as sent, the first option of every question."""
    fields: list[tuple[str, str]] = []
    seen: set[str] = set()
    for tag in _INPUT.findall(body):
        attrs = dict(_ATTR.findall(tag))
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or name in ("language",):
            continue
        value = html.unescape(attrs.get("value", ""))
        if kind == "hidden" or kind in ("radio", "checkbox"):
            if name not in seen:
                fields.append((name, value))
                seen.add(name)
        elif kind in ("text", "number") and name.startswith("q-") and name not in seen:
            fields.append((name, "1"))
            seen.add(name)
    for name, options in _SELECT.findall(body):
        values = [v for v in _OPTION.findall(options) if v]
        if name.startswith("q-") and values and name not in seen:
            fields.append((name, values[0]))
            seen.add(name)
    for name in _TEXTAREA.findall(body):
        if name.startswith("q-") and name not in seen:
            fields.append((name, "answer"))
            seen.add(name)
    return fields


def location_path(response: Response) -> str:
    loc = response.headers.get("location", "")
    parts = urlsplit(loc)
    return parts.path + (f"?{parts.query}" if parts.query else "")
