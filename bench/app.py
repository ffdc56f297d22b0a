"""What the pages officers use most cost the server, as ratios to /healthz, in interleaved rounds.

    .venv/bin/python bench/app.py                 # 3,000 extra officers, 1,000 extra lessons
    .venv/bin/python bench/app.py --quick         # smaller and shorter, for a quick look

It builds everything in a temporary folder (``_seed``): a copy of courses/ plus a generated
course of 1,000 lessons, a SQLite database with the demo province, thousands of officers and
their progress, and a warm render cache; starts gunicorn with the single-server settings
(serve.conf.py: gthread workers) and 2 workers on 127.0.0.1; and drives it with its own load
generator (``_load``) over the pages of ``_pages``.

Method. Each round measures, for every page, a window of /healthz and then a window of the
page. A page's ratio in a round is the server's CPU time per /healthz request over its CPU
time per page request (and the same with instructions, where ``perf`` counts them), so a
machine that is busier in one round than the next tilts neither. Printed per page: the median
ratio and its min-max over the rounds, CPU ms per request, req/s and latency. Then resident
memory per worker, cold start (gunicorn start to the first 200 on a signed-in lesson page,
render cache warm, median of 3) and the check that every acknowledged quiz submission is
stored exactly once; last, the same figures as a Markdown table for the README.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

from _load import Meter, Window, measure, perf_counts_instructions  # noqa: E402
from _pages import HEALTHZ, PAGES, Page  # noqa: E402
from _seed import add_progress, prepare_database, warm_render_cache, write_courses  # noqa: E402
from _server import COURSE, SERVE_CONFIG, Browser, Gunicorn, app_env  # noqa: E402
from _soak import Tally, check_stored  # noqa: E402

MAX_RSS_MB, MAX_COLD_START = 120, 1.0
PROCESSES, THREADS = 2, 4  # load: 8 connections


def cold_start(env: dict, work: Path, path: str, cookies: dict, runs: int = 3) -> float:
    header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    times = []
    for _ in range(runs):
        server = Gunicorn(env, work, workers=2, config=SERVE_CONFIG)
        try:
            server.start(wait=False)
            times.append(server.wait_ready(path, 60, header))
        finally:
            server.stop()
    return statistics.median(times)


def run_rounds(server: Gunicorn, officers: list[str], lessons: list[str], *, rounds: int, seconds: float,
               count: int) -> dict[Page, list[tuple[Window, Window]]]:
    """``rounds`` x every page: a /healthz window, then the page's; returns the pairs per page."""
    meter = Meter(server, perf_counts_instructions())
    conns = PROCESSES * THREADS
    seats = {"officer": [_signed_in(server, name) for name in officers[:conns]],
             "coordinator": [_signed_in(server, "coordinator")] * conns, None: [None] * conns}
    fresh = officers[conns:]  # quiz submissions: a different officer every time, never reused
    per_round = len(fresh) // rounds // conns
    pairs: dict[Page, list[tuple[Window, Window]]] = {page: [] for page in PAGES}
    for r in range(rounds):
        for page in PAGES:
            if page.who == "fresh officer":
                pool = fresh[r * per_round * conns:(r + 1) * per_round * conns]
                chosen, n = [pool[i * per_round:(i + 1) * per_round] for i in range(conns)], per_round
            else:
                chosen, n = seats[page.who], count
            base = measure(HEALTHZ, server, meter, seats[None], processes=PROCESSES, count=count,
                           seconds=seconds / 2, lessons=lessons)
            window = measure(page, server, meter, chosen, processes=PROCESSES, count=n, seconds=seconds,
                             lessons=lessons)
            pairs[page].append((base, window))
            for w in (base, window):
                if w.bad or w.errors or w.restarted:
                    print(f"  round {r + 1} {w.page.name}: {w.bad} unexpected statuses, errors {w.errors[:3]}"
                          + (", a worker restarted" if w.restarted else ""))
        print(f"  round {r + 1} of {rounds} done")
    return pairs


def _signed_in(server: Gunicorn, username: str) -> dict:
    browser = Browser(server.port)
    assert browser.login(username).status == 302, f"{username} could not sign in"
    browser.close()
    return browser.cookies


def summarise(page: Page, pairs: list[tuple[Window, Window]]) -> dict:
    ratios = [base.cpu_ms / w.cpu_ms for base, w in pairs]
    counted = [(base.instructions_per_request, w.instructions_per_request) for base, w in pairs]
    instr = [b / p for b, p in counted if b and p]
    windows = [w for _, w in pairs]
    cpu_ms = statistics.median(w.cpu_ms for w in windows)
    ratio = statistics.median(ratios)
    if page.min_ratio is not None:
        target, met = f"at least {page.min_ratio:.0%}", ratio >= page.min_ratio
    elif page.max_cpu_ms is not None:
        target, met = f"at most {page.max_cpu_ms:g} ms CPU", cpu_ms <= page.max_cpu_ms
    else:
        target, met = "", True
    latencies = Window(page, latencies=[x for w in windows for x in w.latencies])
    return {"page": page, "ratio": ratio, "low": min(ratios), "high": max(ratios),
            "instr": (statistics.median(instr), min(instr), max(instr)) if instr else None,
            "cpu_ms": cpu_ms, "healthz_cpu_ms": statistics.median(b.cpu_ms for b, _ in pairs),
            "rps": statistics.median(w.rps for w in windows), "p50": latencies.percentile(0.5),
            "p99": latencies.percentile(0.99), "target": target, "met": met,
            "failed": any(w.bad or w.errors or w.restarted for pair in pairs for w in pair)}


def print_results(rows: list[dict], rounds: int, rss: list[float], cold: float, stored: dict) -> bool:
    print(f"\n{'page':<17}{'CPU ms/req':>11}{'ratio':>7}{'min-max':>11}{'instr. ratio':>20}{'req/s':>7}"
          f"{'p50 ms':>8}{'p99 ms':>8}  target")
    for row in rows:
        instr = "n/a" if row["instr"] is None else "{:.0%} ({:.0%}-{:.0%})".format(*row["instr"])
        verdict = f"{row['target']}: {'met' if row['met'] else 'MISSED'}" if row["target"] else ""
        print(f"{row['page'].name:<17}{row['cpu_ms']:>11.2f}{row['ratio']:>7.0%}"
              f"{row['low']:>6.0%}-{row['high']:.0%}{instr:>20}{row['rps']:>7.0f}{row['p50']:>8.1f}"
              f"{row['p99']:>8.1f}  {verdict}")
    healthz = statistics.median(row["healthz_cpu_ms"] for row in rows)
    rss_ok, cold_ok = bool(rss) and max(rss) <= MAX_RSS_MB, cold < MAX_COLD_START
    stored_ok = not stored["missing_submissions"] and not stored["stored_twice"]
    print(f"/healthz: {healthz:.2f} ms CPU per request (median of every /healthz window)")
    print(f"quiz submissions acknowledged {stored['acknowledged_submissions']:,}, missing in the database "
          f"{stored['missing_submissions']}, stored twice {stored['stored_twice']}")
    print("RSS per worker: " + ", ".join(f"{m:.0f} MB" for m in rss)
          + f" (target at most {MAX_RSS_MB} MB): " + ("met" if rss_ok else "MISSED"))
    print(f"cold start to the first lesson (warm render cache, median of 3): {cold:.2f} s "
          f"(target under {MAX_COLD_START} s): " + ("met" if cold_ok else "MISSED"))

    print(f"\nFor the README ({rounds} rounds; ratio = CPU per /healthz request / CPU per page request):\n")
    print("| page | CPU ms per request | ratio to /healthz, median (min-max) | instructions ratio"
          " | req/s | p50 ms | p99 ms | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    print(f"| /healthz | {healthz:.2f} | 100% | | | | | |")
    for row in rows:
        instr = "n/a" if row["instr"] is None else "{:.0%} ({:.0%}-{:.0%})".format(*row["instr"])
        verdict = f"{row['target']}: {'met' if row['met'] else '**missed**'}" if row["target"] else ""
        print(f"| {row['page'].name} | {row['cpu_ms']:.2f} | {row['ratio']:.0%} ({row['low']:.0%}-{row['high']:.0%})"
              f" | {instr} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {verdict} |")
    print(f"\nRSS per worker {' and '.join(f'{m:.0f}' for m in rss)} MB (at most {MAX_RSS_MB} MB: "
          f"{'met' if rss_ok else '**missed**'}); cold start to the first lesson with a warm render cache "
          f"{cold:.2f} s (under {MAX_COLD_START} s: {'met' if cold_ok else '**missed**'}); "
          f"{stored['acknowledged_submissions']:,} acknowledged submissions, "
          f"{stored['missing_submissions']} missing, {stored['stored_twice']} stored twice.")
    return all(row["met"] and not row["failed"] for row in rows) and rss_ok and cold_ok and stored_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer members, lessons and shorter windows")
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every page (at least 5 for README figures)")
    parser.add_argument("--seconds", type=float, default=None, help="length of a page's window")
    args = parser.parse_args()
    members = args.members or (800 if args.quick else 3000)
    lessons_extra = 200 if args.quick else 1000
    seconds = args.seconds or (1.5 if args.quick else 3.0)
    count = 5000  # per connection and window, at most: the window's time ends it first

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
        env["UNION_RENDER_CACHE_DIR"] = str(work / "render-cache")
        server = Gunicorn(env, work, workers=2, config=SERVE_CONFIG).start()
        pairs = run_rounds(server, seeded.officers, seeded.lessons, rounds=args.rounds, seconds=seconds,
                           count=count)
        rss = server.rss_mb()
        tally = Tally()
        tally.submissions.update(t for pairs_ in pairs.values() for _, w in pairs_ for t in w.tokens)
        stored = check_stored(url, tally)
        officer = Browser(server.port)
        officer.login(seeded.officers[0])
        server.stop()
        server = None
        cold = cold_start(env, work, f"/courses/{COURSE}/{seeded.lessons[0]}", officer.cookies)
        rows = [summarise(page, pairs[page]) for page in PAGES]
        return 0 if print_results(rows, args.rounds, rss, cold, stored) else 1
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
