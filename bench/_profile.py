"""Profile one page in-process with pyinstrument: `python bench/_profile.py PAGE [N]`.

PAGE is /me, lesson, quiz, submit or reports. Builds the benchmark's data in /tmp/union-profile
once (kept for the next run) and prints pyinstrument's text report for N requests. Set
PROFILE_USER to profile another officer, PROFILE_INTERVAL for the sampling interval, and add
--all to show library frames.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

from _seed import add_progress, prepare_database, warm_render_cache, write_courses  # noqa: E402
from _server import COURSE, PASSWORD, QUIZ, app_env, fill_quiz  # noqa: E402


def main() -> None:
    page, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50
    work = Path("/tmp/union-profile")
    db = work / "p.sqlite3"
    if not db.exists():
        work.mkdir(exist_ok=True)
        courses = write_courses(work, 1000)
        seeded = prepare_database(f"sqlite:///{db}", work, members=3000, courses=courses)
        add_progress(f"sqlite:///{db}", seeded.officers, seeded.lessons)
        warm_render_cache(f"sqlite:///{db}", courses, work / "render-cache")
    from pyinstrument import Profiler

    from app import create_app

    env = app_env(f"sqlite:///{db}", work, courses=work / "courses")
    application = create_app({"DATABASE_URL": env["DATABASE_URL"], "COURSES_DIR": str(work / "courses"),
                              "RENDER_CACHE_DIR": str(work / "render-cache"), "WTF_CSRF_ENABLED": False,
                              "PASSWORD_HASH_METHOD": "scrypt:1024:8:1", "RATELIMIT_ENABLED": False})
    client = application.test_client()
    user = "coordinator" if page == "reports" else os.environ.get("PROFILE_USER", "load00007")
    client.post("/login", data={"username": user, "password": PASSWORD})
    path = {"/me": "/me", "lesson": f"/courses/{COURSE}/group-rules", "quiz": f"/quizzes/{QUIZ}",
            "reports": "/reports/"}.get(page)
    client.get(path or f"/quizzes/{QUIZ}")
    profiler = Profiler(interval=float(os.environ.get("PROFILE_INTERVAL", "0.0005")))
    if page == "submit":
        # As in the benchmark: each submission a different officer's first attempt; only the
        # POST is profiled.
        papers = []
        for name in _officers_without_attempts(application, n):
            officer = application.test_client()
            officer.post("/login", data={"username": name, "password": PASSWORD})
            papers.append((officer, fill_quiz(officer.get(f"/quizzes/{QUIZ}").get_data(as_text=True))))
        profiler.start()
        for officer, form in papers:
            assert officer.post(f"/quizzes/{QUIZ}", data=dict(form)).status_code == 303
    else:
        profiler.start()
        for _ in range(n):
            assert client.get(path).status_code == 200
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all="--all" in sys.argv))


def _officers_without_attempts(application, n: int) -> list[str]:
    from sqlalchemy import text

    from app.extensions import db

    with application.app_context():
        names = db.session.execute(text(
            "SELECT username FROM member WHERE username LIKE 'load%' AND id NOT IN"
            " (SELECT member_id FROM quiz_attempt) ORDER BY username LIMIT :n"), {"n": n}).scalars().all()
    if len(names) < n:
        raise SystemExit(f"only {len(names)} officers without an attempt left: rm -r /tmp/union-profile")
    return list(names)


if __name__ == "__main__":
    main()
