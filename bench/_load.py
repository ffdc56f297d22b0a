"""The benchmark's load generator, and what each request costs the server.

Load: ``processes`` x ``threads`` connections (one keep-alive connection each, its own
signed-in officer), all prepared first (sign-in, first visits, fresh quiz attempts), then
started together for at most ``seconds`` or ``count`` requests each. Our own rather than wrk or
locust: every connection signs in through the form with its CSRF token, a submission needs a
fresh attempt opened by another request, and every acknowledged submission is checked in the
database afterwards; wrk would need all of that in Lua, and locust's own CPU would compete
with the server on a 2-core machine. Each load process is forked before the measured window.

Cost (``Meter``): the CPU time (user + system) of the gunicorn workers, read from
/proc/<pid>/stat just before the connections start and after the last answer, divided by the
requests served; and, where the machine counts them, the workers' instructions (``perf stat``
attached to the worker pids for the same window). Unlike requests per second, neither depends
much on what else the machine runs.
"""
from __future__ import annotations

import multiprocessing as mp
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

from _pages import Page, requests_for
from _server import Gunicorn


@dataclass
class Window:
    """One measured window of one page."""

    page: Page
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    bad: int = 0  # answers other than the expected status
    errors: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)  # acknowledged quiz attempts
    cpu_seconds: float = 0.0
    instructions: float | None = None
    restarted: bool = False  # a worker changed during the window: its cost is unknown

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_seconds / self.requests if self.requests else float("nan")

    @property
    def instructions_per_request(self) -> float | None:
        return self.instructions / self.requests if self.instructions and self.requests else None

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def perf_counts_instructions() -> bool:
    """Whether ``perf stat`` can count instructions here (many virtual machines cannot)."""
    if shutil.which("perf") is None:
        return False
    done = subprocess.run(["perf", "stat", "-x", ",", "-e", "instructions", "--", "true"],
                          capture_output=True, text=True)
    return done.returncode == 0 and "<not" not in done.stderr and "instructions" in done.stderr


class Meter:
    """The workers' CPU seconds (and instructions) between ``start`` and ``stop``."""

    def __init__(self, server: Gunicorn, instructions: bool):
        self.server, self.instructions = server, instructions

    def start(self) -> None:
        self.before = self.server.cpu_seconds()
        self.perf = None
        if self.instructions:
            pids = ",".join(str(p) for p in self.before)
            self.perf = subprocess.Popen(["perf", "stat", "-x", ",", "-e", "instructions", "-p", pids],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def stop(self, window: Window) -> None:
        after = self.server.cpu_seconds()
        window.restarted = set(after) != set(self.before)
        window.cpu_seconds = sum(after[p] - self.before[p] for p in after if p in self.before)
        if self.perf is not None:
            self.perf.send_signal(signal.SIGINT)
            _, err = self.perf.communicate(timeout=30)
            counts = [line.split(",")[0] for line in err.splitlines() if ",instructions" in line]
            window.instructions = float(counts[0]) if counts and counts[0].isdigit() else None


def _connection(page, port, seat, count, lessons, seconds, prepared, go, out):
    try:
        jobs = requests_for(page, port, seat, count, lessons)
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        out.append(("error", repr(exc)))
        prepared.set()
        return
    prepared.set()
    go.wait()
    start = time.perf_counter()
    stop_at = start + seconds
    latencies, bad, tokens = [], 0, []
    for browser, (method, path, form, expected) in jobs:
        if time.perf_counter() > stop_at:
            break
        t0 = time.perf_counter()
        r = browser.request(method, path, form)
        latencies.append(time.perf_counter() - t0)
        if r.status != expected:
            bad += 1
        elif method == "POST":
            tokens.append(dict(form)["token"])
    out.append(("ok", start, time.perf_counter(), latencies, bad, tokens))


def _process(page, port, seats, count, lessons, seconds, ready, go, results):
    """One load process: a thread per connection; all prepare first, then start together."""
    out: list = []
    local_go = threading.Event()
    prepared = [threading.Event() for _ in seats]
    threads = [threading.Thread(target=_connection, args=(page, port, seat, count, lessons, seconds,
                                                          done, local_go, out))
               for seat, done in zip(seats, prepared)]
    for t in threads:
        t.start()
    for done in prepared:
        done.wait(600)
    ready.put(1)
    go.wait(600)
    local_go.set()
    for t in threads:
        t.join(seconds + 120)
    results.put(out)


def measure(page: Page, server: Gunicorn, meter: Meter, seats: list, *, processes: int,
            count: int, seconds: float, lessons: list[str]) -> Window:
    """Drive ``page`` with ``len(seats)`` connections (``seats[i]``: who connection i is, see
    ``requests_for``), spread over ``processes`` load processes."""
    ctx = mp.get_context("fork")
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    per = len(seats) // processes
    procs = [ctx.Process(target=_process, args=(page, server.port, seats[p * per:(p + 1) * per], count,
                                                lessons, seconds, ready, go, results))
             for p in range(processes)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=600)
    window = Window(page)
    meter.start()
    go.set()
    outs = []
    for _ in procs:
        outs.extend(results.get(timeout=seconds + 600))
    meter.stop(window)
    for p in procs:
        p.join(30)
    window.errors = [o[1] for o in outs if o[0] == "error"]
    oks = [o for o in outs if o[0] == "ok"]
    window.latencies = [x for o in oks for x in o[3]]
    window.requests = len(window.latencies)
    window.seconds = max(o[2] for o in oks) - min(o[1] for o in oks) if oks else 0.0
    window.bad = sum(o[4] for o in oks)
    window.tokens = [t for o in oks for t in o[5]]
    return window
