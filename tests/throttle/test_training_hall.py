"""The training hall against real gunicorn workers (2 of them), on SQLite, and on PostgreSQL +
Redis when TEST_DATABASE_URL and REDIS_URL are set, with the shipped limits.

300 officers behind one address (127.0.0.1) sign in at once, each after up to two typos, and
none is refused; one client guessing across many accounts from there is stopped; counts are
shared by the workers and hold under 30 parallel guesses. Every sign-in ends as one outcome:
"in", "refused" (429), "not acknowledged" (connection cut or timed out) or what went wrong,
so no thread can crash the test or hide a failure.
"""
from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from _seed import prepare_database
from _server import Browser, Gunicorn, PgSchema, app_env, flask, free_port

from app.config import Defaults
from app.throttle.limits import Limit

HALL = 300
SPARE = 40  # accounts for the other tests of the module
#: The shipped limits: the servers run with the defaults.
PER_ACCOUNT = Limit.parse(Defaults.LOGIN_LIMIT_PER_ACCOUNT).count
PER_ADDRESS = Limit.parse(Defaults.LOGIN_LIMIT_PER_ADDRESS).count

CONFIGS = [pytest.param(("sqlite", None), id="sqlite")]
if os.environ.get("REDIS_URL"):
    CONFIGS.append(pytest.param(("sqlite", os.environ["REDIS_URL"]), id="sqlite+redis"))
    if os.environ.get("TEST_DATABASE_URL"):
        CONFIGS.append(pytest.param(("postgresql", os.environ["REDIS_URL"]), id="postgresql+redis"))


def _port() -> int:
    """A free port, from TEST_PORTS ("5140-5159") when the machine reserves a range for tests."""
    span = os.environ.get("TEST_PORTS")
    if not span:
        return free_port()
    low, high = (int(p) for p in span.split("-"))
    for port in range(low, high + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {span}")


def _serving(server: Gunicorn, path: str = "/login", timeout: float = 60) -> Gunicorn:
    """Wait until ``path`` answers 200 (not /healthz: it is 503 while Redis is away); every
    probe's connection is closed, also when a loaded machine makes it time out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.proc.returncode}); see {server.log.name}")
        probe = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        try:
            probe.request("GET", path)
            if probe.getresponse().status == 200:
                return server
        except OSError:
            pass
        finally:
            probe.close()
        time.sleep(0.05)
    raise TimeoutError(f"no 200 from {path} within {timeout} s")


@dataclass
class Hall:
    server: Gunicorn
    url: str
    work: Path
    officers: list[str]  # the hall's 300
    spare: list[str]  # accounts for the other tests, one each


@pytest.fixture(scope="module", params=CONFIGS)
def hall(request, tmp_path_factory):
    database, redis = request.param
    work = tmp_path_factory.mktemp("hall")
    schema = PgSchema(os.environ["TEST_DATABASE_URL"], "hall") if database == "postgresql" else None
    server = None
    try:
        url = schema.url if schema else f"sqlite:///{work / 'hall.sqlite3'}"
        seeded = prepare_database(url, work, members=HALL + SPARE)
        server = Gunicorn(app_env(url, work, redis=redis), work, workers=2, port=_port())
        _serving(server.start(wait=False))  # stopped below even when it never gets ready
        assert len(server.worker_pids()) == 2
        yield Hall(server, url, work, seeded.officers[:HALL], seeded.officers[HALL:])
    finally:
        if server:
            server.stop()
        if schema:
            schema.drop()


def _outcome(status: int) -> str:
    return {302: "in", 429: "refused", 200: "wrong password"}.get(status, f"status {status}")


def _sign_in(port: int, username: str, typos: int = 0,
             cookies: dict | None = None) -> tuple[str, dict]:
    """One officer's phone: ``typos`` wrong passwords, then hers. Returns the last outcome
    (a refusal or a cut connection on a typo ends there) and the phone's cookies."""
    phone = Browser(port, cookies=dict(cookies or {}))
    try:
        for typo in range(typos):
            outcome = _outcome(phone.login(username, f"typo {typo} of {username}").status)
            if outcome != "wrong password":
                return outcome, phone.cookies
        return _outcome(phone.login(username).status), phone.cookies
    except (OSError, http.client.HTTPException) as exc:  # reset, refused, timed out, cut short
        return f"not acknowledged ({type(exc).__name__})", phone.cookies
    except Exception as exc:  # noqa: BLE001 - reported as an outcome, never lost in a thread
        return f"failed in the client ({exc!r})", phone.cookies
    finally:
        phone.close()


def _guess(port: int, username: str, start: threading.Barrier | None = None) -> str:
    """One wrong password from a new phone, sent when all of ``start``'s phones are ready."""
    phone = Browser(port)
    try:
        token = phone.csrf(phone.get("/login").body)
        if start:
            start.wait(30)
        return _outcome(phone.post("/login", {"username": username, "password": "a guess",
                                              "csrf_token": token}).status)
    except (OSError, http.client.HTTPException) as exc:
        return f"not acknowledged ({type(exc).__name__})"
    except Exception as exc:  # noqa: BLE001
        return f"failed in the client ({exc!r})"
    finally:
        phone.close()


def test_guesses_on_both_workers_count_in_one_place(hall):
    """Two guesses at a time, so both workers answer: together they allow the limit, once."""
    port, target, start = hall.server.port, hall.spare[0], threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        guesses = [outcome for _round in range(PER_ACCOUNT + 1)
                   for outcome in pool.map(lambda _: _guess(port, target, start), range(2))]
    assert Counter(guesses) == {"wrong password": PER_ACCOUNT, "refused": PER_ACCOUNT + 2}
    assert _sign_in(port, target)[0] == "refused"  # a new phone waits, even with her password


def test_thirty_parallel_guesses_get_no_more_than_the_limit(hall):
    port, target, start = hall.server.port, hall.spare[1], threading.Barrier(30)
    with ThreadPoolExecutor(30) as pool:
        outcomes = Counter(pool.map(lambda _: _guess(port, target, start), range(30)))
    assert set(outcomes) <= {"wrong password", "refused"}, outcomes
    assert outcomes["wrong password"] <= PER_ACCOUNT, outcomes


def test_with_redis_unreachable_sign_in_and_certificate_checks_work(hall):
    env = app_env(hall.url, hall.work, redis="redis://127.0.0.1:1/0")
    server = Gunicorn(env, hall.work, workers=2, port=_port()).start(wait=False)
    try:
        _serving(server)
        assert _sign_in(server.port, hall.spare[2], typos=1)[0] == "in"
        code = flask(env, "users", "reset", hall.spare[3]).stdout.split(": ")[1].split()[0]
        phone = Browser(server.port)
        page = phone.get("/login/code")
        answer = phone.post("/login/code", {
            "username": hall.spare[3], "code": code, "csrf_token": phone.csrf(page.body),
            "new_password": "her own passphrase", "confirm": "her own passphrase"})
        assert answer.status == 302
        assert phone.get("/certificates/" + "N" * 24).status == 404
    finally:
        server.stop()
    assert "Redis at 127.0.0.1:1/0 is unreachable" in Path(server.log.name).read_text()


def test_a_hall_of_300_signs_in_while_a_guesser_is_stopped(hall):
    port, officers = hall.server.port, hall.officers
    began = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda i: _sign_in(port, officers[i], typos=i % 3), range(HALL)))
    seconds = time.monotonic() - began
    assert Counter(outcome for outcome, _cookies in results) == {"in": HALL}
    assert seconds < 120, f"the hall took {seconds:.0f} s"

    # One client, same address, one guess per account across many accounts: stopped.
    guesses = [_guess(port, name) for name in officers[:PER_ADDRESS + 10]]
    first_refusal = guesses.index("refused")
    assert first_refusal <= PER_ADDRESS
    assert set(guesses[first_refusal:]) == {"refused"}
    # Meanwhile an officer on the phone she signed in with today still gets in ...
    device_cookie = {"union_device": results[-1][1]["union_device"]}
    assert _sign_in(port, officers[-1], cookies=device_cookie)[0] == "in"
    # ... and a phone new to this address waits with the guesser.
    assert _sign_in(port, hall.spare[4])[0] == "refused"
