"""A small union whose members learn, move and are reorganised, for the agreement property.

One app serves every example; each example starts from an empty database and fresh content
(building an app costs more than an example). Units::

    BT (province) ── BT-D1 (district) ── BT-D1-C1, BT-D1-C2 (communes)
                  └─ BT-C3 (commune)

Officers o1 (C1), o2 (C2), o3 (C3); the coordinator at the province. The course ``basics``
has lessons one, two and extra (optional at first) and names the quiz ``check``; it is
assigned to the province.
"""
from __future__ import annotations

import os
import re
import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path

from conftest import TEST_HASH, TEST_PASSWORD, _pg_url, _truncate_pg, csrf_token_from
from sqlalchemy import select

from app import create_app
from app.accounts.passwords import hash_password
from app.extensions import db as database
from app.models import Assignment, Member, Unit
from app.models.units import finish_path
from app.units.levels import level_for

OFFICERS = {"o1": ("Lê Thị Một", "BT-D1-C1"), "o2": ("Trần Thị Hai", "BT-D1-C2"), "o3": ("Võ Thị Ba", "BT-C3")}
LESSONS = ("one", "two", "extra")
COMMUNES = ("BT-D1-C1", "BT-D1-C2", "BT-C3")
QUIZ = "---\ntitle: Check\npass_mark: 50\n---\n## Ready? {#ready}\n\n- [x] Yes\n- [ ] No\n"


class Site:
    def __init__(self, folder: Path, backend: str, sqlite_template: Path, pg_schema: str | None):
        self.folder, self.backend, self.template, self.pg_schema = folder, backend, sqlite_template, pg_schema
        self.courses, self.quizzes = folder / "courses", folder / "quizzes"
        self.db_file = folder / "agree.sqlite3"
        folder.mkdir(parents=True)
        self._empty()
        self.write_content({"extra"}, quiz_named=True)
        self.app = create_app({
            "TESTING": True, "SECRET_KEY": "test-" + uuid.uuid4().hex, "PASSWORD_HASH_METHOD": TEST_HASH,
            "DATABASE_URL": f"sqlite:///{self.db_file}" if backend == "sqlite" else _pg_url(pg_schema),
            "RATELIMIT_KEY_PREFIX": "test-" + uuid.uuid4().hex, "RENDER_CACHE_DIR": str(folder / "cache"),
            "CONTENT_PUBLISHED_DIR": str(folder / "published"), "COURSES_DIR": str(self.courses),
            "QUIZZES_DIR": str(self.quizzes), "SERVER_NAME": None, "PRIVACY_CONSENT_REQUIRED": False,
            **({"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}),
        })

    def _empty(self) -> None:
        if self.backend == "sqlite":
            for leftover in (self.db_file, Path(f"{self.db_file}-wal"), Path(f"{self.db_file}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copy(self.template, self.db_file)
        else:
            _truncate_pg(self.pg_schema)

    def write_content(self, optional: set[str], *, quiz_named: bool) -> None:
        """The course with these lessons optional, naming the quiz or not (on disk only)."""
        module = self.courses / "basics" / "01-start"
        module.mkdir(parents=True, exist_ok=True)
        quizzes = "quizzes: [check]\n" if quiz_named else ""
        (self.courses / "basics" / "course.md").write_text(f"---\ntitle: Basics\n{quizzes}---\nHi.\n",
                                                           encoding="utf-8")
        for number, slug in enumerate(LESSONS, 1):
            required = "required: false\n" if slug in optional else ""
            (module / f"{number:02d}-{slug}.md").write_text(f"---\ntitle: {slug.title()}\n{required}---\nText.\n",
                                                            encoding="utf-8")
        self.quizzes.mkdir(exist_ok=True)
        (self.quizzes / "check.md").write_text(QUIZ, encoding="utf-8")

    def reset(self, due_in_days: int) -> World:
        """An empty union as the module docstring draws it; returns its clients."""
        with self.app.app_context():
            database.engine.dispose()
        self._empty()
        shutil.rmtree(self.folder / "published", ignore_errors=True)
        self.write_content({"extra"}, quiz_named=True)
        self.app.extensions["catalogue"].load()
        self.app.config["RATELIMIT_KEY_PREFIX"] = "test-" + uuid.uuid4().hex
        with self.app.app_context():
            session = database.session
            province = self._unit(session, "BT", "province", None)
            district = self._unit(session, "BT-D1", "district", province)
            units = {"BT": province, "BT-D1": district,
                     "BT-D1-C1": self._unit(session, "BT-D1-C1", "commune", district),
                     "BT-D1-C2": self._unit(session, "BT-D1-C2", "commune", district),
                     "BT-C3": self._unit(session, "BT-C3", "commune", province)}
            password = hash_password(TEST_PASSWORD, TEST_HASH)
            session.add(Member(username="coord", full_name="Điều Phối", role="coordinator", unit=province,
                               committee_role="standing_member", password_hash=password, language="en"))
            for username, (name, unit) in OFFICERS.items():
                session.add(Member(username=username, full_name=name, unit=units[unit], committee_role="chair",
                                   password_hash=password, language="en"))
            session.add(Assignment(course_slug="basics", unit_id=province.id,
                                   due_date=date.today() + timedelta(days=due_in_days)))
            session.commit()
        runner = self.app.test_cli_runner()
        assert runner.invoke(args=["init"]).exit_code == 0  # counts the courses, as at deployment
        return World(self)

    @staticmethod
    def _unit(session, code: str, kind: str, parent) -> Unit:
        unit = Unit(code=code, name=code.title(), level=level_for(session, kind))
        session.add(unit)
        unit.place_under(parent)
        finish_path(session, unit)
        return unit


class World:
    """The clients of one example, and the operations it draws."""

    def __init__(self, site: Site):
        self.site, self.app = site, site.app
        self.runner = site.app.test_cli_runner()
        self.clients = {name: self._signed_in(name) for name in ("coord", *OFFICERS)}
        self.optional, self.quiz_named, self.merged, self.c3_moved = {"extra"}, True, False, False

    def _signed_in(self, username: str):
        client = self.app.test_client()
        page = client.get("/login")
        client.post("/login", data={"username": username, "password": TEST_PASSWORD,
                                    "csrf_token": csrf_token_from(page)})
        return client

    # --- operations ---------------------------------------------------------------------
    def open(self, officer: str, lesson: str) -> None:
        self.clients[officer].get(f"/courses/basics/{lesson}")

    def done(self, officer: str, lesson: str) -> None:
        page = self.clients[officer].get(f"/courses/basics/{lesson}")
        self.clients[officer].post(f"/courses/basics/{lesson}/done", data={"csrf_token": csrf_token_from(page)})

    def quiz(self, officer: str, right: bool) -> None:
        client = self.clients[officer]
        paper = client.get("/quizzes/check?course=basics")
        if paper.status_code != 200:
            return
        token = re.search(rb'name="token" type="hidden" value="([^"]+)"', paper.data).group(1).decode()
        choice = re.search(rf'name="(q-ready)" value="([^"]+)"[^>]*> <span>{"Yes" if right else "No"}</span>'
                           .encode(), paper.data)
        client.post("/quizzes/check?course=basics", data={
            "csrf_token": csrf_token_from(paper), "token": token, "q-ready": choice.group(2).decode()})

    def change_content(self, lesson: str | None, publish: bool) -> None:
        """Toggle a lesson between required and optional (None: toggle naming the quiz), then
        publish it, or restart the worker on the working folders without publishing."""
        if lesson is None:
            self.quiz_named = not self.quiz_named
        else:
            self.optional ^= {lesson}
        self.site.write_content(self.optional, quiz_named=self.quiz_named)
        if publish:
            result = self.runner.invoke(args=["content", "publish", "--allow-errors"])
            assert result.exit_code == 0, result.output
        else:
            self.app.extensions["catalogue"].load()

    def move(self, officer: str, commune: str) -> None:
        with self.app.app_context():
            session = database.session
            member = session.scalars(select(Member).where(Member.username == officer)).one()
            member.unit = session.scalars(select(Unit).where(Unit.code == self._live(commune))).one()
            session.commit()

    def role(self, officer: str, role: str) -> None:
        with self.app.app_context():
            session = database.session
            session.scalars(select(Member).where(Member.username == officer)).one().committee_role = role
            session.commit()

    def assign(self, commune: str, due_in_days: int, role: str | None) -> None:
        with self.app.app_context():
            session = database.session
            unit = session.scalars(select(Unit).where(Unit.code == self._live(commune))).one()
            session.add(Assignment(course_slug="basics", unit_id=unit.id, committee_roles=role,
                                   due_date=date.today() + timedelta(days=due_in_days)))
            session.commit()

    def merge(self) -> None:
        if not self.merged:
            result = self.runner.invoke(args=["units", "merge", "BT-D1-C2", "--into", "BT-D1-C1"])
            assert result.exit_code == 0, result.output
            self.merged = True

    def move_unit(self) -> None:
        parent = "BT" if self.c3_moved else "BT-D1"
        result = self.runner.invoke(args=["units", "move", "BT-C3", "--under", parent])
        assert result.exit_code == 0, result.output
        self.c3_moved = not self.c3_moved

    def _live(self, commune: str) -> str:
        return "BT-D1-C1" if commune == "BT-D1-C2" and self.merged else commune

    def active_officers(self) -> dict[str, tuple[int, str]]:
        with self.app.app_context():
            return {m.username: (m.id, m.full_name) for m in database.session.scalars(
                select(Member).where(Member.username.in_(list(OFFICERS)), Member.active.is_(True)))}
