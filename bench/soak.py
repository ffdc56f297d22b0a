"""Soak and faults: 50 simulated officers against real gunicorn, on SQLite and on PostgreSQL.

    .venv/bin/python bench/soak.py                        # SQLite; PostgreSQL too with DATABASE_URL
    .venv/bin/python bench/soak.py --officers 50 --seconds 60
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/soak.py

For each database: officers sign in and, for a bounded time, open and submit the quiz and
mark lessons done. Checked: no 5xx; every acknowledged submission stored exactly once;
every acknowledged "done" stored. On SQLite it then kills gunicorn (SIGKILL, master and
workers) in the middle of a second load, restarts it and checks `PRAGMA integrity_check`
and the acknowledged writes again; and takes `flask backup` during load and serves it.
Exits 1 on any failure. Everything runs on 127.0.0.1 in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

from _seed import prepare_database  # noqa: E402
from _server import Browser, Gunicorn, PgSchema, app_env  # noqa: E402
from _soak import Crowd, check_stored, integrity  # noqa: E402


def _verdict(name: str, tally, report: dict, extra: str = "") -> bool:
    ok = (not tally.server_errors and not tally.unexpected and report["missing_submissions"] == 0
          and report["stored_twice"] == 0 and report["missing_lessons"] == 0
          and report["acknowledged_submissions"] > 0)
    print(f"{name:<22} requests {tally.requests:>7,}  5xx {len(tally.server_errors):>3}  other {len(tally.unexpected):>3}"
          f"  submissions {report['acknowledged_submissions']:>6,} (missing {report['missing_submissions']},"
          f" twice {report['stored_twice']})  lessons {report['acknowledged_lessons']:>6,}"
          f" (missing {report['missing_lessons']}) {extra} {'ok' if ok else 'FAILED'}")
    for problem in (tally.server_errors + tally.unexpected)[:5]:
        print("    ", problem)
    return ok


def soak(url: str, work: Path, officers: int, seconds: float, name: str) -> bool:
    seeded = prepare_database(url, work, members=officers)
    server = Gunicorn(app_env(url, work), work, workers=2).start()
    try:
        tally = Crowd(server.port, seeded, officers, seconds).start().join(seconds + 120)
    finally:
        server.stop()
    return _verdict(name, tally, check_stored(url, tally))


def sigkill(work: Path, officers: int, seconds: float) -> bool:
    path = work / "kill.sqlite3"
    url = f"sqlite:///{path}"
    seeded = prepare_database(url, work, members=officers)
    env = app_env(url, work)
    server = Gunicorn(env, work, workers=2).start()
    crowd = Crowd(server.port, seeded, officers, seconds + 60).start()
    time.sleep(seconds)
    server.kill()
    crowd.stop()
    tally = crowd.join(120)
    check = integrity(path)
    restarted = Gunicorn(env, work, workers=2).start()
    try:
        healthy = Browser(restarted.port).get("/healthz").status == 200
    finally:
        restarted.stop()
    report = check_stored(url, tally)
    tally.unexpected.clear()  # requests cut by the kill itself are expected to fail
    return _verdict("sqlite SIGKILL+restart", tally, report,
                    f"integrity {check}, healthz after restart {'200' if healthy else 'FAILED'}") \
        and check == "ok" and healthy


def backup(work: Path, officers: int, seconds: float) -> bool:
    path = work / "live.sqlite3"
    url = f"sqlite:///{path}"
    seeded = prepare_database(url, work, members=officers)
    server = Gunicorn(app_env(url, work), work, workers=2).start()
    copy = work / "backup.sqlite3"
    try:
        crowd = Crowd(server.port, seeded, officers, seconds).start()
        time.sleep(seconds / 2)
        env = app_env(url, work)
        out = subprocess_backup(env, copy)
        tally = crowd.join(seconds + 120)
    finally:
        server.stop()
    restored_dir = work / "restored"
    restored_dir.mkdir()
    restored = Gunicorn(app_env(f"sqlite:///{copy}", restored_dir), restored_dir, workers=2).start()
    try:
        b = Browser(restored.port)
        served = b.get("/healthz").status == 200 and b.login(seeded.officers[0]).status == 302 \
            and b.get("/me").status == 200
    finally:
        restored.stop()
    ok = _verdict("sqlite backup in load", tally, check_stored(url, tally),
                  f"backup: {out.strip()[:60]}..., integrity {integrity(copy)}, served {'ok' if served else 'FAILED'}")
    return ok and served and integrity(copy) == "ok"


def subprocess_backup(env: dict, copy: Path) -> str:
    """`flask backup` when registered in app/cli.py; else the same command through Python."""
    import subprocess

    from _server import ROOT, VENV_BIN

    code = ("import sys; from app import create_app; from app.backup import backup_command; "
            "app = create_app(); r = app.test_cli_runner().invoke(backup_command, [sys.argv[1]]); "
            "print(r.output); sys.exit(r.exit_code)")
    done = subprocess.run([str(VENV_BIN / "python"), "-c", code, str(copy)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"backup failed: {done.stdout}{done.stderr}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--officers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30, help="load time per run (bounded)")
    args = parser.parse_args()
    seconds = min(args.seconds, 600)
    work = Path(tempfile.mkdtemp(prefix="union-soak-"))
    results = []
    try:
        started = time.perf_counter()
        (work / "sqlite").mkdir()
        results.append(soak(f"sqlite:///{work / 'sqlite' / 'soak.sqlite3'}", work / "sqlite", args.officers,
                            seconds, "sqlite soak"))
        base = os.environ.get("DATABASE_URL", "")
        if base.startswith(("postgresql://", "postgres://")):
            schema = PgSchema(base, "soak")
            try:
                (work / "pg").mkdir()
                results.append(soak(schema.url, work / "pg", args.officers, seconds, "postgresql soak"))
            finally:
                schema.drop()
        else:
            print("postgresql soak        skipped: DATABASE_URL is not a PostgreSQL URL")
        (work / "kill").mkdir()
        results.append(sigkill(work / "kill", args.officers, min(seconds, 10)))
        (work / "backup").mkdir()
        results.append(backup(work / "backup", args.officers, min(seconds, 10)))
        print(f"soak finished in {time.perf_counter() - started:.0f} s: "
              + ("all ok" if all(results) else "FAILED"))
        return 0 if all(results) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
