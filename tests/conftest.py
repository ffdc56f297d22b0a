"""Shared fixtures: an app on a fresh database per test (SQLite, and PostgreSQL when
``TEST_DATABASE_URL`` is set), a client, a CLI runner, factories and a login helper."""
from __future__ import annotations

import os
import shutil
import textwrap
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import create_app
from app.accounts.passwords import hash_password
from app.extensions import db as database
from app.models import Member, Unit
from app.models.units import finish_path
from app.schema import upgrade_schema
from app.units.levels import level_for

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
TEST_PASSWORD = "correct horse battery"
#: Cheap but real scrypt, so a test suite with many sign-ins stays fast.
TEST_HASH = "scrypt:1024:8:1"

#: A small quiz whose right answers the tests know (used by several test folders).
QUIZ = textwrap.dedent("""\
    ---
    title: Group basics
    pass_mark: 50
    max_attempts: {max_attempts}
    shuffle_choices: true
    show_answers: after_attempt
    ---
    ## Who sees posts in a private group? {{#private}}
    Pick one.

    - [ ] Anyone on Facebook
      > Feedback-wrong-anyone
    - [x] Only members
      > Feedback-right-members

    > Explanation-private

    ## Two-step login protects admins {{#twostep}}

    - [x] True
    - [ ] False

    ## How many posts a day did the pilot group make? {{#posts}}

    - number: 3 ± 1
    """)


@pytest.fixture
def quiz_dirs(tmp_path):
    """Write the course and quiz folders; returns a function to set max attempts."""
    courses = tmp_path / "courses"
    (courses / "basics" / "01-start").mkdir(parents=True)
    (courses / "basics" / "course.md").write_text("---\ntitle: Basics\nquizzes: [basics]\n---\nHello.\n",
                                                  encoding="utf-8")
    (courses / "basics" / "01-start" / "01-hello.md").write_text("---\ntitle: Hello\nminutes: 3\n---\nRead me.\n",
                                                                 encoding="utf-8")
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()

    def write(max_attempts: int = 0):
        (quizzes / "basics.md").write_text(QUIZ.format(max_attempts=max_attempts), encoding="utf-8")

    write()
    return courses, quizzes, write



BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _pg_url(schema: str) -> str:
    base = os.environ["TEST_DATABASE_URL"]
    if base.startswith("postgresql://"):
        base = "postgresql+psycopg://" + base[len("postgresql://"):]
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file, copied for each test instead of migrating every time."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session", autouse=True)
def render_cache_dir(tmp_path_factory):
    """One render cache for the whole run, also named in ``UNION_RENDER_CACHE_DIR`` for the
    servers and commands tests start: pages are keyed by their content, so a page one app
    rendered is read by every other instead of rendered again."""
    path = tmp_path_factory.mktemp("render-cache")
    env = pytest.MonkeyPatch()
    env.setenv("UNION_RENDER_CACHE_DIR", str(path))
    yield path
    env.undo()


@pytest.fixture(scope="session")
def pg_schema():
    """One throw-away schema for the whole run, migrated once and dropped at the end."""
    if "postgresql" not in BACKENDS:
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_url("public"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(_pg_url(schema))
    upgrade_schema(engine)
    engine.dispose()
    yield schema
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _truncate_pg(schema: str) -> None:
    engine = create_engine(_pg_url(schema))
    with engine.begin() as conn:
        tables = conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename <> 'alembic_version'"
        ), {"s": schema}).scalars().all()
        if tables:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


#: For tests about SQLite itself (its locking, its query planner): they run on SQLite only.
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def app_config(backend, tmp_path, sqlite_template, pg_schema, render_cache_dir) -> dict:
    """The test overrides; tests may change entries before asking for ``app``."""
    if backend == "sqlite":
        db_file = tmp_path / "test.sqlite3"
        shutil.copy(sqlite_template, db_file)
        url = f"sqlite:///{db_file}"
    else:
        _truncate_pg(pg_schema)
        url = _pg_url(pg_schema)
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-" + uuid.uuid4().hex,
        "DATABASE_URL": url,
        "PASSWORD_HASH_METHOD": TEST_HASH,
        "RATELIMIT_KEY_PREFIX": "test-" + uuid.uuid4().hex,
        "RENDER_CACHE_DIR": str(render_cache_dir),
        "SERVER_NAME": None,
        # The consent gate has its own tests (tests/privacy); elsewhere members have agreed.
        "PRIVACY_CONSENT_REQUIRED": False,
    }
    if os.environ.get("REDIS_URL"):
        config["REDIS_URL"] = os.environ["REDIS_URL"]  # throttle keys carry the test's own prefix
    return config


@pytest.fixture
def app(app_config, tmp_path, monkeypatch):
    """The app. No context stays pushed: each request, like in production, gets its own
    (a shared one would carry ``g`` from one request to the next)."""
    monkeypatch.setenv("UNION_INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app(app_config)
    yield application
    with application.app_context():
        database.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """Run database code as the app would: ``with db() as session: ...`` commits nothing itself."""
    from contextlib import contextmanager

    @contextmanager
    def open_session():
        with app.app_context():
            try:
                yield database.session
            finally:
                database.scoped.remove()

    return open_session


def _detached(session, obj):
    """Load ``obj`` and detach it, so a test can read its columns after the session ends."""
    session.refresh(obj)
    session.expunge(obj)
    return obj


@pytest.fixture
def make_unit(db):
    """Create a unit: ``make_unit("BT-BATRI", parent=province, kind="district")``."""

    def make(code: str, *, name: str | None = None, kind: str = "commune", parent: Unit | None = None) -> Unit:
        with db() as session:
            unit = Unit(code=code, name=name or code.title(), level=level_for(session, kind))
            session.add(unit)
            unit.place_under(session.merge(parent) if parent is not None else None)
            finish_path(session, unit)
            session.commit()
            return _detached(session, unit)

    return make


@pytest.fixture
def province(make_unit):
    return make_unit("BT", name="Tỉnh Bến Tre", kind="province")


@pytest.fixture
def make_member(db, province):
    """Create a member with the test password: ``make_member("lan", role="coordinator", unit=u)``."""

    def make(username: str, *, role: str = "officer", unit: Unit | None = None, active: bool = True,
             full_name: str | None = None, committee_role: str = "committee_member",
             password: str | None = TEST_PASSWORD, language: str | None = "en") -> Member:
        with db() as session:
            member = Member(
                username=username, full_name=full_name or username.title(), role=role,
                unit_id=(unit or province).id, active=active, committee_role=committee_role,
                language=language, password_hash=hash_password(password, TEST_HASH) if password else None,
            )
            session.add(member)
            session.commit()
            return _detached(session, member)

    return make


@pytest.fixture
def login(client):
    """Sign a member in through the real form; returns the response."""

    def do(username: str, password: str = TEST_PASSWORD, *, follow: bool = False, client_=None):
        c = client_ or client
        page = c.get("/login")
        assert page.status_code == 200
        return c.post("/login", data={
            "username": username, "password": password, "csrf_token": csrf_token_from(page),
        }, follow_redirects=follow)

    return do


def csrf_token_from(response) -> str:
    """The CSRF token in a rendered form."""
    import re

    match = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', response.data) or \
        re.search(rb'name="csrf_token" value="([^"]+)"', response.data)
    assert match, "no CSRF token on the page"
    return match.group(1).decode()


def corpus_dir(name: str) -> Path:
    """A folder of the shared corpus, or skip with the reason when it is not there."""
    path = SHARED_CORPUS / name
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path} (it sits beside the repository on CI)")
    return path
