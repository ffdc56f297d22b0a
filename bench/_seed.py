"""The benchmark's data, in one place: everything the load runs, the soak run and their tests
are measured on.

* ``prepare_database``: migrate a database (``flask init``), load the demo province
  (``flask seed-demo``) and ``members`` extra officers with one known password, everything
  by SQL; returns what a load generator needs (``Seeded``).
* ``write_courses``: courses/ as shipped plus a generated course of many lessons.
* ``add_progress``: uneven progress of the extra officers in the shipped course.
* ``warm_render_cache``: render every page once into a render cache folder, as a published
  server's first start does.
"""
from __future__ import annotations

import os
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _server import CHEAP_HASH, COURSE, PASSWORD, ROOT, Seeded, app_env, flask

#: The generated course's folder name in the benchmark's copy of courses/.
GENERATED = "bench-generated"


def prepare_database(url: str, workdir: Path, *, members: int, courses: Path | None = None) -> Seeded:
    """Migrate, load the demo, add ``members`` officers with PASSWORD; everything by SQL."""
    from sqlalchemy import create_engine, text

    from app.accounts.passwords import hash_password
    from app.privacy.notices import latest_version

    env = app_env(url, workdir, courses=courses)
    flask(env, "init")
    flask(env, "seed-demo", "--if-empty")
    sa_url = url if not url.startswith("postgresql://") else "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = create_engine(sa_url)
    pw = hash_password(PASSWORD, CHEAP_HASH)
    with engine.begin() as conn:
        communes = conn.execute(text(
            "SELECT unit.id FROM unit JOIN unit_level ON unit_level.id = unit.level_id"
            " WHERE unit_level.code = 'commune' ORDER BY unit.id")).scalars().all()
        conn.execute(text("UPDATE member SET password_hash = :pw WHERE username = 'coordinator'"), {"pw": pw})
        rows = [{"u": f"load{i:05d}", "n": f"Nguyễn Thị Tải {i}", "unit": communes[i % len(communes)], "pw": pw}
                for i in range(members)]
        if rows:
            conn.execute(text(
                "INSERT INTO member (username, full_name, unit_id, committee_role, role, language, active,"
                " password_hash, session_version, created_at)"
                " VALUES (:u, :n, :unit, 'committee_member', 'officer', 'en', true, :pw, 1, CURRENT_TIMESTAMP)"),
                rows)
        # Everyone has agreed to the current privacy notice, so the pages measured are the pages
        # (the consent gate's own check still runs on every request).
        conn.execute(text(
            "INSERT INTO consent (member_id, notice_version, decision, at, method)"
            " SELECT id, :version, 'given', CURRENT_TIMESTAMP, 'online' FROM member"),
            {"version": latest_version(str(ROOT / "privacy"))})
    engine.dispose()
    from app import create_app
    from app.content_store import catalogue

    os.environ.setdefault("UNION_INSTANCE_PATH", str(workdir / "instance"))
    config = {"DATABASE_URL": url, "RENDER_CACHE_DIR": ""}
    if courses is not None:
        config["COURSES_DIR"] = str(courses)
    app = create_app(config)
    with app.app_context():
        course = catalogue().course(COURSE)
        lessons = [lesson.slug for lesson in course.lessons]
    return Seeded(url=url, officers=[r["u"] for r in rows], coordinator="coordinator", lessons=lessons)


def write_courses(root: Path, lessons: int) -> Path:
    """courses/ as shipped plus one course of ``lessons`` lessons in modules of 50."""
    courses = root / "courses"
    shutil.copytree(ROOT / "courses", courses)
    course = courses / GENERATED
    course.mkdir()
    (course / "course.md").write_text("---\ntitle: Generated for the benchmark\n---\nMany lessons.\n",
                                      encoding="utf-8")
    rng = random.Random(8)
    words = ["nhóm", "bài", "viết", "thành", "viên", "quản", "trị", "riêng", "tư", "bình", "luận", "chia", "sẻ", "an", "toàn", "hội", "phụ", "nữ", "xã", "group", "post", "member", "admin", "private", "comment", "share", "safety", "union", "commune"]
    for n in range(lessons):
        module = course / f"{n // 50 + 1:02d}-module-{n // 50 + 1}"
        if not module.exists():
            module.mkdir()
            (module / "module.md").write_text(f"---\ntitle: Module {n // 50 + 1}\n---\n", encoding="utf-8")
        paras = "\n\n".join(" ".join(rng.choice(words) for _ in range(60)).capitalize() + "." for _ in range(5))
        body = (f"---\ntitle: Lesson {n + 1}\nminutes: {rng.randint(3, 12)}\n---\n{paras}\n\n"
                f"## Steps\n\n1. Open the group.\n2. Press **Settings**.\n3. Check *Privacy*.\n\n"
                f"!!! tip\n    Ask a second admin to check.\n\n| Setting | Value |\n|---|---|\n| Privacy | Private |\n")
        (module / f"{n % 50 + 1:02d}-lesson-{n + 1}.md").write_text(body, encoding="utf-8")
    return courses


def add_progress(url: str, officers: list[str], lessons: list[str]) -> None:
    """Uneven progress in the shipped course for the generated officers (bulk INSERT)."""
    from sqlalchemy import create_engine, text

    rng = random.Random(26)
    engine = create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        ids = dict(conn.execute(text("SELECT username, id FROM member")).all())
        rows = []
        for name in officers:
            for i, lesson in enumerate(lessons[:rng.choice([0, 1, 2, 4, 8, len(lessons)])]):
                at = now - timedelta(days=rng.randint(1, 40), minutes=i)
                rows.append({"m": ids[name], "c": COURSE, "l": lesson, "s": at, "d": at + timedelta(minutes=6)})
        if rows:
            conn.execute(text("INSERT INTO lesson_progress (member_id, course_slug, lesson_slug, started_at,"
                              " completed_at, content_hash) VALUES (:m, :c, :l, :s, :d, 'bench')"), rows)
    engine.dispose()


def warm_render_cache(url: str, courses: Path, cache: Path) -> int:
    """Render every page of ``courses`` into ``cache``; returns the number of lesson pages."""
    from app import create_app
    from app.content.render import prerender
    from app.content_store import catalogue

    app = create_app({"DATABASE_URL": url, "COURSES_DIR": str(courses), "RENDER_CACHE_DIR": str(cache)})
    with app.app_context():
        return prerender(catalogue())
