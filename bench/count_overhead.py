"""What keeping the report's counts costs the writes officers make, measured in one run.

    .venv/bin/python bench/count_overhead.py            # 5,000 members, 300 timed officers
    .venv/bin/python bench/count_overhead.py --quick

Builds the province of ``bench/reports.py`` (members, their progress, the kept counts), adds
fresh officers, and drives the app in process: each officer opens lessons for the first
time, marks them done and submits quiz attempts. Rounds alternate between the app as it is
and the app with ``count_tracking.tracking`` replaced by a block that does nothing (what the writes
cost before the counts were kept), so a machine that is busier in one round than the next
tilts neither; printed per write: CPU milliseconds per request in each mode and the ratio
(target: at most 1.10). That the counts stay right is for the tests (tests/reports).
"""
from __future__ import annotations

import argparse
import contextlib
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import reports as province  # noqa: E402

PASSWORD = "bench-password-1"


def _token(data: bytes, name: str = "csrf_token") -> str:
    found = re.search(rf'name="{name}" type="hidden" value="([^"]+)"'.encode(), data) or \
        re.search(rf'name="{name}" value="([^"]+)"'.encode(), data)
    return found.group(1).decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    members, officers, rounds = (1_000, 40, 2) if args.quick else (5_000, 300, args.rounds)
    province.size_units(members)
    with tempfile.TemporaryDirectory(prefix="bench-counts-") as tmp:
        workdir = Path(tmp)
        province.write_catalogue(workdir)
        db = province.Database(workdir, "writes")
        try:
            province.load_learning(db, members, random.Random(6))
            run(db, workdir, officers, rounds)
        finally:
            db.drop()


def run(db, workdir: Path, officers: int, rounds: int) -> None:
    from app.accounts.passwords import hash_password
    from app.extensions import db as database
    from app.models import Member
    from app.progress import count_tracking, counts

    app = province.make_app(db, workdir)
    with app.app_context():
        secret = hash_password(PASSWORD, "scrypt:1024:8:1")
        database.session.add_all([Member(username=f"w{i}", full_name=f"Lê Thị {i}", unit_id=12, role="officer",
                                         committee_role="chair", password_hash=secret) for i in range(officers)])
        database.session.commit()
        counts.bring_up_to_date(database.session)
        database.session.commit()
    tracking = count_tracking.tracking

    @contextlib.contextmanager
    def untracked(*_args, **_kwargs):
        yield

    samples: dict[tuple[str, str], list[float]] = {}
    per_round = officers // (rounds * 2)
    queue = list(range(officers))
    for number in range(rounds):
        for mode in ("kept counts", "no counts"):
            count_tracking.tracking = tracking if mode == "kept counts" else untracked
            for i in [queue.pop() for _ in range(per_round)]:
                for kind, seconds in officer_session(app, f"w{i}"):
                    samples.setdefault((kind, mode), []).append(seconds)
        print(f"round {number + 1} of {rounds} done", file=sys.stderr)
    count_tracking.tracking = tracking
    print(f"CPU ms per request (median over {per_round * rounds} officers per mode), in process:")
    for kind in ("first opening of a lesson", "lesson marked done", "quiz submission"):
        kept, bare = (statistics.median(samples[(kind, mode)]) * 1000 for mode in ("kept counts", "no counts"))
        print(f"  {kind:26s} kept counts {kept:6.2f}   without {bare:6.2f}   ratio {kept / bare:.3f}"
              "  (target <= 1.10)")


def officer_session(app, username: str):
    """Sign in, open and finish four lessons, then two quiz attempts: (kind, CPU seconds)."""
    client = app.test_client()
    page = client.get("/login")
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": _token(page.data)})
    course = "facebook-basics"
    for n in range(1, 5):
        started = time.process_time()
        lesson = client.get(f"/courses/{course}/lesson-{n}")
        yield "first opening of a lesson", time.process_time() - started
        assert lesson.status_code == 200
        started = time.process_time()
        done = client.post(f"/courses/{course}/lesson-{n}/done", data={"csrf_token": _token(lesson.data)})
        yield "lesson marked done", time.process_time() - started
        assert done.status_code in (302, 303)
    for _attempt in range(2):
        paper = client.get(f"/quizzes/{course}-q1?course={course}")
        choice = re.search(rb'name="(q-[^"]+)" value="([^"]+)"', paper.data)
        data = {"csrf_token": _token(paper.data), "token": _token(paper.data, "token"),
                choice.group(1).decode(): choice.group(2).decode()}
        started = time.process_time()
        sent = client.post(f"/quizzes/{course}-q1?course={course}", data=data)
        yield "quiz submission", time.process_time() - started
        assert sent.status_code == 303, sent.status_code


if __name__ == "__main__":
    main()
