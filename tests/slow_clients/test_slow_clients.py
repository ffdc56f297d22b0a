"""Officers on weak connections do not hold the server.

The single-server set-up that the README recommends and `make serve` runs (serve.conf.py:
gthread workers, 2 x 16 threads, no proxy in front) is started as it is. Then many
connections on 127.0.0.1 behave like phones on a weak signal: some send their request a byte
at a time, some ask for pages and read nothing of the answers. While every one of them is
still open and unfinished, another officer signs in and reads her pages; then the slow ones
finish and are answered in full. With sync workers (one request per worker) the first two
slow phones would hold both workers and the officer would wait for them.
"""
from __future__ import annotations

import socket
import threading

import pytest
from _seed import prepare_database
from _server import COURSE, SERVE_CONFIG, Browser, Gunicorn, app_env

SLOW_SENDERS = 10  # together fewer than the set-up's 32 threads, far more than its 2 workers
SLOW_READERS = 10
PIPELINED = 40  # pages a slow reader asks for at once: far more than the socket buffers hold


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("slow-clients")
    seeded = prepare_database(f"sqlite:///{work / 'slow.sqlite3'}", work, members=2)
    started = Gunicorn(app_env(seeded.url, work), work, workers=None, config=SERVE_CONFIG)
    try:
        yield started.start(), seeded
    finally:
        started.stop()


def _connect(port: int, receive_buffer: int | None = None) -> socket.socket:
    sock = socket.socket()
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)  # before connect: the window
    sock.settimeout(120)
    sock.connect(("127.0.0.1", port))
    return sock


def _read_responses(sock: socket.socket, expected: int) -> list[int]:
    """Read until ``expected`` responses have come (each has Content-Length); their statuses."""
    data, statuses = b"", []
    while len(statuses) < expected:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return statuses
            data += chunk
        head, data = data.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        statuses.append(int(lines[0].split()[1]))
        length = next(int(v) for k, _, v in (line.partition(b":") for line in lines[1:])
                      if k.strip().lower() == b"content-length")
        while len(data) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return statuses
            data += chunk
        data = data[length:]
    return statuses


class SlowSender(threading.Thread):
    """Sends a request a byte at a time until told to finish it, then reads the answer."""

    def __init__(self, port: int, finish: threading.Event):
        super().__init__(daemon=True)
        self.port, self.finish = port, finish
        self.started_sending = threading.Event()
        self.statuses: list[int] = []

    def run(self) -> None:
        with _connect(self.port) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Weak-Signal: ")
            self.started_sending.set()
            sent = 0
            while not self.finish.wait(0.05) and sent < 4000:  # within gunicorn's header size limit
                sock.sendall(b"a")
                sent += 1
            sock.sendall(b"\r\nConnection: close\r\n\r\n")
            self.statuses = _read_responses(sock, 1)


class SlowReader(threading.Thread):
    """Asks for many pages on one connection and reads nothing until told to, then all of it."""

    def __init__(self, port: int, finish: threading.Event):
        super().__init__(daemon=True)
        self.port, self.finish = port, finish
        self.started_sending = threading.Event()
        self.statuses: list[int] = []

    def run(self) -> None:
        with _connect(self.port, receive_buffer=4096) as sock:
            sock.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" * PIPELINED)
            self.started_sending.set()
            self.finish.wait(300)
            self.statuses = _read_responses(sock, PIPELINED)


def test_slow_phones_do_not_hold_up_other_officers(server):
    gunicorn, seeded = server
    finish = threading.Event()
    slow = [SlowSender(gunicorn.port, finish) for _ in range(SLOW_SENDERS)]
    slow += [SlowReader(gunicorn.port, finish) for _ in range(SLOW_READERS)]
    try:
        for phone in slow:
            phone.start()
        for phone in slow:
            assert phone.started_sending.wait(120)
        # Every slow phone is connected and mid-request. Another officer is served meanwhile.
        officer = Browser(gunicorn.port, timeout=120)
        try:
            assert officer.login(seeded.officers[0]).status == 302
            for path in ("/me", f"/courses/{COURSE}/", f"/courses/{COURSE}/{seeded.lessons[0]}", "/healthz"):
                assert officer.get(path).status == 200, path
        finally:
            officer.close()
        assert all(phone.is_alive() for phone in slow), "a slow phone was dropped or finished early"
    finally:
        finish.set()
        for phone in slow:
            phone.join(180)
    # The slow phones were served too, once they sent and read.
    assert [phone.statuses for phone in slow[:SLOW_SENDERS]] == [[200]] * SLOW_SENDERS
    assert [phone.statuses for phone in slow[SLOW_SENDERS:]] == [[200] * PIPELINED] * SLOW_READERS
