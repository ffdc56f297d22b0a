"""Benchmark of the completion report and the roster import, at the province's full size.

    .venv/bin/python bench/reports.py            # 100,000 members, ~3 million progress rows
    .venv/bin/python bench/reports.py --small    # 5,000 members, for a quick look
    .venv/bin/python bench/reports.py --import-only --members 3000   # only the roster import
    .venv/bin/python bench/reports.py --members 200000   # the whole union: 3,333 communes
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/reports.py

It builds a throw-away database (a temporary SQLite file, or a schema of its own in the
PostgreSQL that DATABASE_URL points at, dropped at the end) and times, in one run:

* the district report page and its CSV export, which read the kept per-unit counts
  (``app.progress.counts``), against the bare read of those counts (target: page <= 1.5x,
  and under 150 ms) and against the bare aggregate over every record that the counts
  replace; and how long counting every course once takes (what ``flask init`` does);
* a roster import of 100,000 new members (read, check, write, sign-in codes) against a bare
  bulk INSERT of the same member rows (target <= 3).

Data is written with executemany (SQLite) or COPY (PostgreSQL), never ORM objects.
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, text  # noqa: E402

from app import create_app  # noqa: E402
from app.schema import upgrade_schema  # noqa: E402

LESSONS, QUIZZES_PER_COURSE, COURSES = 20, 2, ("facebook-basics", "group-safety")
DISTRICTS, COMMUNES = 9, 150  # a province; ``size_units`` scales them to the whole union


def size_units(members: int) -> None:
    """About 60 members per commune, 16 communes per district: 200,000 members are the whole
    union's 3,333 communes in 208 districts (never fewer than the province's 150 in 9)."""
    global DISTRICTS, COMMUNES
    COMMUNES = max(150, members // 60)
    DISTRICTS = max(9, COMMUNES // 16)
EPOCH = datetime(2026, 1, 5, tzinfo=UTC)


def write_catalogue(root: Path) -> None:
    """Two courses of 20 lessons and two quizzes each."""
    for course in COURSES:
        quizzes = [f"{course}-q{i}" for i in range(1, QUIZZES_PER_COURSE + 1)]
        folder = root / "courses" / course / "01-all"
        folder.mkdir(parents=True)
        (folder.parent / "course.md").write_text(f"---\ntitle: {course}\nquizzes: [{', '.join(quizzes)}]\n---\nx\n")
        for n in range(1, LESSONS + 1):
            (folder / f"{n:02d}-lesson-{n}.md").write_text(f"---\ntitle: Lesson {n}\n---\nText.\n")
        for quiz in quizzes:
            (root / "quizzes").mkdir(exist_ok=True)
            (root / "quizzes" / f"{quiz}.md").write_text(
                "---\ntitle: Q\npass_mark: 70\n---\n## One\nPick.\n\n- [x] Yes\n- [ ] No\n")


class Database:
    """A fresh SQLite file or PostgreSQL schema, with bulk loading in the driver's fastest way."""

    def __init__(self, workdir: Path, name: str):
        base = os.environ.get("DATABASE_URL", "")
        self.postgres = base.startswith(("postgresql://", "postgres://"))
        if self.postgres:
            self.schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
            plain = "postgresql+psycopg://" + base.split("://", 1)[1]
            self.admin = create_engine(plain)
            with self.admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            sep = "&" if "?" in base else "?"
            self.url = f"{plain}{sep}options=-csearch_path%3D{self.schema}"
        else:
            self.file = workdir / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.file}"
        self.engine = create_engine(self.url)
        upgrade_schema(self.engine)

    def load(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if self.postgres:
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in columns)
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                   [tuple(_sqlite(v) for v in row) for row in rows])
            raw.commit()
        finally:
            raw.close()
        if self.postgres and "id" in columns:  # explicit ids: move the sequence past them
            with self.engine.begin() as conn:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))

    def analyze(self) -> None:
        """Planner statistics (and, on PostgreSQL, the visibility map that autovacuum keeps)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE" if self.postgres else "ANALYZE"))

    def drop(self) -> None:
        self.engine.dispose()
        if self.postgres:
            with self.admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            self.admin.dispose()
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.file}{suffix}").unlink(missing_ok=True)


def _sqlite(value):
    """Values as SQLAlchemy stores them in SQLite (naive UTC text for datetimes)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def load_units(db: Database) -> list[int]:
    """Province 1, districts 2..10, communes after; returns the commune ids."""
    db.load("unit_level", ["id", "code", "rank", "name_en", "name_vi", "name_th"],
            [(1, "province", 10, "Province", "Tỉnh", "จังหวัด"), (2, "district", 20, "District", "Huyện", "อำเภอ"),
             (3, "commune", 30, "Commune", "Xã", "ตำบล")])
    rows = [(1, "BT", "Tỉnh Bến Tre", 1, None, "/1/", 0, True)]
    for d in range(DISTRICTS):
        uid = 2 + d
        rows.append((uid, f"BT-D{d}", f"Huyện {d}", 2, 1, f"/1/{uid}/", 1, True))
    communes = []
    for c in range(COMMUNES):
        uid, parent = 2 + DISTRICTS + c, 2 + c % DISTRICTS
        rows.append((uid, f"BT-D{parent - 2}-C{c}", f"Xã {c}", 3, parent, f"/1/{parent}/{uid}/", 2, True))
        communes.append(uid)
    db.load("unit", ["id", "code", "name", "level_id", "parent_id", "path", "depth", "active"], rows)
    return communes


def load_learning(db: Database, members: int, rng: random.Random) -> int:
    communes = load_units(db)
    roles = ["chair", "vice_chair", "standing_member", "committee_member", "committee_member"]
    db.load("member", ["id", "username", "full_name", "unit_id", "committee_role", "role", "active",
                       "session_version", "created_at"],
            [(i, f"m{i}", f"Nguyễn Thị {i}", communes[i % len(communes)], roles[i % 5], "officer", True, 1, EPOCH)
             for i in range(1, members + 1)])
    progress, attempts, completions = [], [], []
    for member in range(1, members + 1):
        for course in COURSES:
            opened = min(LESSONS, rng.randint(0, 39))
            day = EPOCH + timedelta(days=rng.randint(0, 60), minutes=member % 1440)
            for n in range(1, opened + 1):
                when = day + timedelta(hours=n)
                done = when + timedelta(minutes=9) if n < opened or opened == LESSONS else None
                progress.append((member, course, f"lesson-{n}", when, done))
            if opened == LESSONS:
                passed_all = True
                for q in range(1, QUIZZES_PER_COURSE + 1):
                    percent = float(rng.choice([50, 60, 70, 80, 90, 100]))
                    when = day + timedelta(days=1, hours=q)
                    attempts.append((member, f"{course}-q{q}", 1, uuid.uuid4().hex, "{}", when, when, percent,
                                     percent >= 70))
                    passed_all &= percent >= 70
                if passed_all:
                    completions.append((member, course, day + timedelta(days=1, hours=5)))
    db.load("lesson_progress", ["member_id", "course_slug", "lesson_slug", "started_at", "completed_at"], progress)
    db.load("quiz_attempt", ["member_id", "quiz_id", "number", "token", "plan_json", "started_at",
                             "submitted_at", "percent", "passed"], attempts)
    db.load("course_completion", ["member_id", "course_slug", "completed_at"], completions)
    db.load("assignment", ["course_slug", "unit_id", "committee_roles", "due_date", "created_at"], [
        (COURSES[0], 1, None, date(2026, 3, 1), EPOCH),
        *[(COURSES[1], 2 + d, "chair,vice_chair", date(2026, 12, 31), EPOCH) for d in range(5)],
    ])
    db.analyze()
    return len(progress)


def timed(function, repeat: int) -> float:
    """Median seconds of ``repeat`` runs, after one warm-up run."""
    function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def make_app(db: Database, workdir: Path):
    logging.getLogger("union.audit").setLevel(logging.WARNING)  # no "login ok" line in the figures
    os.environ["UNION_INSTANCE_PATH"] = str(workdir / "instance")
    return create_app({"DATABASE_URL": db.url, "SECRET_KEY": "bench", "COURSES_DIR": str(workdir / "courses"),
                       "QUIZZES_DIR": str(workdir / "quizzes"), "RATELIMIT_STORAGE_URI": "memory://",
                       "RATELIMIT_ENABLED": False, "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
                       "RENDER_CACHE_DIR": "", "ROSTER_MAX_ROWS": 10**6, "MAX_CONTENT_LENGTH": 10**9,
                       "PRIVACY_CONSENT_REQUIRED": False})  # the admin's consent is not what is timed


def bench_report(db: Database, workdir: Path, repeat: int) -> dict[str, float]:
    from app.accounts.passwords import hash_password
    from app.content_store import catalogue
    from app.extensions import db as database
    from app.models import Member, Unit
    from app.progress.assignments import today_in
    from app.progress.counts import bring_up_to_date
    from app.reports.completion import make_query
    from app.reports.queries import completion_statement, counts_statement

    app = make_app(db, workdir)
    with app.app_context():
        database.session.add(Member(username="bench.admin", full_name="Admin", unit_id=1, role="admin",
                                    password_hash=hash_password("bench-password-1", "scrypt:1024:8:1")))
        database.session.commit()
        started = time.perf_counter()
        bring_up_to_date(database.session)  # what `flask init` does once: count every course
        database.session.commit()
        counted = time.perf_counter() - started
        root = database.session.get(Unit, 1)
        zone = app.config["BABEL_DEFAULT_TIMEZONE"]
        query = make_query(root=root, level="district", courses=catalogue().visible_courses(),
                           today=today_in(zone), zone=zone)
        statement = completion_statement(query)  # the bare aggregate over every record
        kept, kept_values = counts_statement(query)  # the bare read of the counts
    client = app.test_client()
    login = client.get("/login")
    token = login.data.split(b'name="csrf_token" type="hidden" value="')[1].split(b'"')[0].decode()
    client.post("/login", data={"username": "bench.admin", "password": "bench-password-1", "csrf_token": token})

    def bare_query():
        with db.engine.connect() as conn:
            conn.execute(statement).all()

    def bare_counts():
        with db.engine.connect() as conn:
            conn.execute(kept, kept_values).all()

    def page():
        assert client.get("/reports/").status_code == 200

    def export():
        assert client.get("/reports/export/csv").status_code == 200

    return {"query": timed(bare_query, repeat), "counts": timed(bare_counts, repeat),
            "page": timed(page, repeat), "export": timed(export, repeat), "counted": counted}


def roster_file(workdir: Path, rows: int, rng: random.Random) -> Path:
    import csv

    path = workdir / "roster.csv"
    roles = ["Chủ tịch", "Phó Chủ tịch", "committee_member", "standing_member", ""]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["username", "full_name", "unit_code", "committee_role", "phone", "external_id"])
        for i in range(rows):
            c = i % COMMUNES
            writer.writerow([f"new.member{i}", f"Trần Thị Mỹ {i}", f"BT-D{c % DISTRICTS}-C{c}", roles[i % 5],
                             f"09{rng.randrange(10**7, 10**8)}", f"HV-{i:06d}"])
    return path


def bench_import(workdir: Path, rows: int, rng: random.Random, repeat: int) -> dict[str, float]:
    """Median of ``repeat`` rounds, each on fresh databases holding only the units."""
    path = roster_file(workdir, rows, rng)
    rounds = [_import_round(workdir, path, rows) for _ in range(repeat)]
    return {kind: statistics.median(r[kind] for r in rounds) for kind in rounds[0]}


def _import_round(workdir: Path, path: Path, rows: int) -> dict[str, float]:
    from app.extensions import db as database
    from app.models import Member
    from app.roster.applying import apply_roster
    from app.roster.checking import check_roster
    from app.roster.reading import read_roster

    results = {}
    plan_rows = None
    for kind in ("import", "bare insert"):
        db = Database(workdir, kind.replace(" ", "_"))
        try:
            load_units(db)
            app = make_app(db, workdir)
            with app.app_context():
                if kind == "import":
                    # A running server's pool is connected already, as the bare INSERT's engine is.
                    database.session.connection()
                    database.session.rollback()
                    started = time.perf_counter()
                    plan = check_roster(database.session, read_roster(path.read_bytes(), max_rows=rows))
                    assert plan.ok, plan.problems[:3]
                    issued = apply_roster(database.session, plan, code_hours=72)
                    database.session.commit()
                    results[kind] = time.perf_counter() - started
                    assert len(issued) == rows
                    plan_rows = plan.new
                else:
                    values = [{**row, "created_at": EPOCH, "active": True, "session_version": 1}
                              for row in plan_rows]
                    started = time.perf_counter()
                    with db.engine.begin() as conn:
                        conn.execute(insert(Member.__table__), values)
                    results[kind] = time.perf_counter() - started
        finally:
            db.drop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="5,000 members instead of 100,000")
    parser.add_argument("--members", type=int, help="this many members (and roster rows) instead")
    parser.add_argument("--import-only", action="store_true", help="time only the roster import")
    parser.add_argument("--no-import", action="store_true", help="time only the report")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measure (median)")
    args = parser.parse_args()
    members = args.members or (5_000 if args.small else 100_000)
    size_units(members)
    rng = random.Random(6)
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        workdir = Path(tmp)
        write_catalogue(workdir)
        backend = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        print(f"Backend: {backend}; {members:,} members, {COMMUNES} communes in {DISTRICTS} districts")
        # The import runs first, in a process not yet holding millions of generated rows.
        import_repeat = args.repeat if args.import_only else min(args.repeat, 3)
        result = None if args.no_import else bench_import(workdir, members, rng, repeat=import_repeat)
        if args.import_only:
            print_import(result, members, import_repeat)
            return
        db = Database(workdir, "report")
        try:
            started = time.perf_counter()
            progress_rows = load_learning(db, members, rng)
            print(f"Generated {progress_rows:,} lesson progress rows in {time.perf_counter() - started:.1f} s")
            times = bench_report(db, workdir, args.repeat)
        finally:
            db.drop()
        print(f"District report, median of {args.repeat}:")
        print(f"  counting every course once (flask init) {times['counted'] * 1000:9.1f} ms")
        print(f"  bare aggregate over every record {times['query'] * 1000:9.1f} ms   (what the counts replace)")
        print(f"  bare read of the kept counts     {times['counts'] * 1000:9.1f} ms")
        print(f"  report page           {times['page'] * 1000:9.1f} ms   (target < 150 ms)   page/counts = "
              f"{times['page'] / times['counts']:.2f}  (target <= 1.5)   page/aggregate = "
              f"{times['page'] / times['query']:.3f}")
        print(f"  CSV export            {times['export'] * 1000:9.1f} ms   export/counts = "
              f"{times['export'] / times['counts']:.2f}")
        if result is not None:
            print_import(result, members, import_repeat)


def print_import(result: dict[str, float], rows: int, repeat: int) -> None:
    print(f"Roster import of {rows:,} new members (CSV), median of {repeat}:")
    print(f"  bare bulk INSERT      {result['bare insert'] * 1000:9.1f} ms")
    print(f"  import (read, check, write, codes) {result['import'] * 1000:9.1f} ms   import/insert = "
          f"{result['import'] / result['bare insert']:.2f}  (target <= 3)")


if __name__ == "__main__":
    main()
