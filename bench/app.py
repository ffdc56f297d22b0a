"""Throughput of the pages officers use most, as ratios to /healthz, measured in one run.

    .venv/bin/python bench/app.py                 # 3,000 extra members, 1,000 extra lessons
    .venv/bin/python bench/app.py --quick         # smaller and shorter, for a quick look

It builds everything in a temporary folder: a copy of courses/ plus a generated course of
1,000 lessons, a SQLite database with the demo province, thousands of officers and their
progress, and a warm render cache; then it starts gunicorn (2 workers, 127.0.0.1, a free
port) and drives it with its own load generator (processes x threads, one keep-alive
connection each, a bounded number of requests and a time limit per page).

Printed: requests per second, p50 and p99 per page and the ratio to /healthz, measured again
for half the time just before each page (a machine that speeds up or slows down during the
run does not tilt the ratios); resident memory per worker; cold start (gunicorn start to the
first 200 on a signed-in lesson page, render cache warm). Quiz submissions are real: every
officer opens her own attempt first (a fresh token, not timed) and the timed request is the
POST the server acknowledges with a 303 to the result; afterwards every acknowledged token is
looked up in the database. The load generator answers each question with its first option,
so most attempts fail; a pass also checks course completion inside the write.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

from _server import (COURSE, QUIZ, ROOT, Browser, Gunicorn, app_env, fill_quiz,  # noqa: E402
                     prepare_database)
from _soak import Tally, check_stored  # noqa: E402

GENERATED = "bench-generated"
TARGETS = {"lesson": 0.50, "quiz submit": 0.25, "/me": 0.40}
MAX_RSS_MB, MAX_COLD_START = 120, 1.5


def write_courses(root: Path, lessons: int) -> Path:
    """courses/ as shipped plus one course of ``lessons`` lessons in modules of 50."""
    courses = root / "courses"
    shutil.copytree(ROOT / "courses", courses)
    course = courses / GENERATED
    course.mkdir()
    (course / "course.md").write_text("---\ntitle: Generated for the benchmark\n---\nMany lessons.\n",
                                      encoding="utf-8")
    rng = random.Random(8)
    words = ("nhóm bài viết thành viên quản trị riêng tư bình luận chia sẻ an toàn hội phụ nữ xã "
             "group post member admin private comment share safety union commune").split()
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
    now = datetime.now(timezone.utc)
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
    from app import create_app
    from app.content.render import prerender
    from app.content_store import catalogue

    app = create_app({"DATABASE_URL": url, "COURSES_DIR": str(courses), "RENDER_CACHE_DIR": str(cache)})
    with app.app_context():
        return prerender(catalogue())


# --- load generator -------------------------------------------------------------------------

def _prepare(kind: str, port: int, users: list[str], count: int, lessons: list[str]):
    """One connection's requests: (browser, [(method, path, form, expected status), ...])."""
    b = Browser(port)
    if kind == "/healthz":
        return b, [("GET", "/healthz", None, 200)] * count
    b.login(users[0])
    if kind == "lesson":
        paths = [f"/courses/{COURSE}/{slug}" for slug in lessons]
        for p in paths:
            b.get(p)  # the first visit writes "opened"; the timed ones are the everyday reads
        return b, [("GET", paths[i % len(paths)], None, 200) for i in range(count)]
    if kind == "quiz page":
        b.get(f"/quizzes/{QUIZ}")
        return b, [("GET", f"/quizzes/{QUIZ}", None, 200)] * count
    if kind == "/me":
        return b, [("GET", "/me", None, 200)] * count
    if kind == "reports":
        return b, [("GET", "/reports/", None, 200)] * count
    if kind == "quiz submit":
        # Many officers, each with her own open attempt: one real submission per request.
        jobs = []
        for name in users[:count]:
            officer = Browser(port)
            officer.login(name)
            page = officer.get(f"/quizzes/{QUIZ}")
            jobs.append((officer, ("POST", f"/quizzes/{QUIZ}", fill_quiz(page.body), 303)))
        return None, jobs
    raise ValueError(kind)


def _connection(kind, port, users, count, lessons, seconds, prepared, go, out):
    try:
        b, jobs = _prepare(kind, port, users, count, lessons)
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        out.append(("error", repr(exc)))
        prepared.set()
        return
    prepared.set()
    go.wait()
    start = time.perf_counter()
    stop_at = start + seconds
    latencies, bad, tokens = [], 0, []
    for job in jobs:
        if time.perf_counter() > stop_at:
            break
        browser, (method, path, form, expected) = job if b is None else (b, job)
        t0 = time.perf_counter()
        r = browser.request(method, path, form)
        latencies.append(time.perf_counter() - t0)
        if r.status != expected:
            bad += 1
        elif b is None:
            tokens.append(dict(form)["token"])
    out.append(("ok", start, time.perf_counter(), latencies, bad, tokens))


def _process(kind, port, user_slices, count, lessons, seconds, ready, go, results):
    """One load process: a thread per connection; all prepare first, then start together."""
    out: list = []
    local_go = threading.Event()
    prepared = [threading.Event() for _ in user_slices]
    threads = [threading.Thread(target=_connection, args=(kind, port, users, count, lessons, seconds,
                                                          done, local_go, out))
               for users, done in zip(user_slices, prepared)]
    for t in threads:
        t.start()
    for done in prepared:
        done.wait(300)
    ready.put(1)
    go.wait(300)
    local_go.set()
    for t in threads:
        t.join(seconds + 120)
    results.put(out)


def measure(kind: str, port: int, users: list[str], *, processes: int, threads: int, count: int,
            seconds: float, lessons: list[str]) -> dict:
    ctx = mp.get_context("fork")
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    per = max(1, len(users) // (processes * threads))
    slices = [users[i * per:(i + 1) * per] for i in range(processes * threads)]
    procs = [ctx.Process(target=_process, args=(kind, port, slices[p * threads:(p + 1) * threads], count,
                                                lessons, seconds, ready, go, results)) for p in range(processes)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=300)
    go.set()
    outs = []
    for _ in procs:
        outs.extend(results.get(timeout=seconds + 300))
    for p in procs:
        p.join(30)
    errors = [o[1] for o in outs if o[0] == "error"]
    oks = [o for o in outs if o[0] == "ok"]
    lat = sorted(x for o in oks for x in o[3])
    wall = max(o[2] for o in oks) - min(o[1] for o in oks)
    return {"kind": kind, "requests": len(lat), "rps": len(lat) / wall, "p50": lat[len(lat) // 2] * 1000,
            "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000, "bad": sum(o[4] for o in oks),
            "errors": errors, "tokens": [t for o in oks for t in o[5]]}


def cold_start(env: dict, work: Path, path: str, cookies: dict, runs: int = 3) -> float:
    header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    times = []
    for _ in range(runs):
        server = Gunicorn(env, work, workers=2)
        try:
            server.start(wait=False)
            times.append(server.wait_ready(path, 30, header))
        finally:
            server.stop()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer members, lessons and requests")
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None, help="time limit per page")
    args = parser.parse_args()
    members = args.members or (800 if args.quick else 3000)
    lessons_extra = 200 if args.quick else 1000
    seconds = args.seconds or (3 if args.quick else 8)
    processes, threads = 2, 4
    count = 400 if args.quick else 2000  # per connection, at most

    work = Path(tempfile.mkdtemp(prefix="union-bench-"))
    server = None
    try:
        t0 = time.perf_counter()
        courses = write_courses(work, lessons_extra)
        url = f"sqlite:///{work / 'bench.sqlite3'}"
        seeded = prepare_database(url, work, members=members, courses=courses)
        add_progress(url, seeded.officers, seeded.lessons)
        pages = warm_render_cache(url, courses, work / "render-cache")
        print(f"Prepared in {time.perf_counter() - t0:.1f} s: {members:,} extra officers, "
              f"{lessons_extra:,} extra lessons, {pages:,} pages rendered into the cache ({work})")
        env = app_env(url, work, courses=courses)
        env["UNION_LOGIN_LIMIT_PER_ADDRESS"] = "100000 per minute"
        server = Gunicorn(env, work, workers=2).start()
        port = server.port
        officers = seeded.officers
        conns = processes * threads
        runs = []
        plan = [("/healthz", officers[:conns]), ("lesson", officers[:conns]), ("quiz page", officers[conns:2 * conns]),
                ("/me", officers[:conns]), ("reports", ["coordinator"] * conns),
                ("quiz submit", officers[2 * conns:])]
        references = []  # /healthz measured again just before each page: the ratio's base
        for kind, users in plan:
            if kind == "quiz submit":  # a different officer for every submission
                n = max(1, min(count, len(users) // conns))
                users = users[:n * conns]
            else:  # one signed-in member per connection
                n, users = count, _spread(users, conns)
            if kind != "/healthz":
                references.append(measure("/healthz", port, _spread(officers, conns), processes=processes,
                                          threads=threads, count=count, seconds=seconds / 2,
                                          lessons=seeded.lessons)["rps"])
            runs.append(measure(kind, port, users, processes=processes, threads=threads, count=n,
                                seconds=seconds, lessons=seeded.lessons))
            runs[-1]["base"] = references[-1] if references else None
            r = runs[-1]
            if r["errors"] or r["bad"]:
                print(f"  {kind}: {r['bad']} unexpected statuses, errors: {r['errors'][:3]}")
        rss = server.rss_mb()
        submitted = next(r for r in runs if r["kind"] == "quiz submit")
        tally = Tally()
        tally.submissions.update(submitted["tokens"])
        stored = check_stored(url, tally)
        cookies = Browser(port)
        cookies.login(officers[0])
        lesson_path = f"/courses/{COURSE}/{seeded.lessons[0]}"
        server.stop()
        server = None
        cold = cold_start(env, work, lesson_path, cookies.cookies)

        print(f"\n{'page':<14}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}  target"
              "   (each ratio is to /healthz measured just before the page)")
        failed = False
        for r in runs:
            ratio = r["rps"] / (r["base"] or r["rps"])
            target = TARGETS.get(r["kind"])
            verdict = "" if target is None else (f">= {target:.0%} " + ("ok" if ratio >= target else "MISSED"))
            failed |= target is not None and ratio < target
            print(f"{r['kind']:<14}{r['requests']:>9,}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
                  f"{ratio:>8.0%}  {verdict}")
        print(f"/healthz just before each page: {', '.join(f'{b:.0f}' for b in references)} req/s")
        print(f"\nquiz submissions acknowledged {stored['acknowledged_submissions']:,}, missing in the database "
              f"{stored['missing_submissions']}, stored twice {stored['stored_twice']}")
        print("RSS per worker: " + ", ".join(f"{m:.0f} MB" for m in rss)
              + f"  (target <= {MAX_RSS_MB} MB) " + ("ok" if rss and max(rss) <= MAX_RSS_MB else "MISSED"))
        print(f"cold start to first lesson 200 (warm render cache, median of 3): {cold:.2f} s "
              f"(target < {MAX_COLD_START} s) " + ("ok" if cold < MAX_COLD_START else "MISSED"))
        failed |= not rss or max(rss) > MAX_RSS_MB or cold >= MAX_COLD_START
        failed |= bool(stored["missing_submissions"] or stored["stored_twice"])
        failed |= any(r["bad"] or r["errors"] for r in runs)
        return 1 if failed else 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def _spread(users: list[str], conns: int) -> list[str]:
    return [users[i % len(users)] for i in range(conns)]


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
