"""A response cut half-way by a killed server is "not acknowledged", never a crashed thread."""
from __future__ import annotations

import socket
import threading

from _server import Seeded  # noqa: E402
from _soak import Crowd  # noqa: E402


def _server_that_cuts_every_response(ready: threading.Event, port_box: list) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(10)
    port_box.append(listener.getsockname()[1])
    ready.set()
    try:
        conn, _ = listener.accept()
        conn.recv(65536)
        # Promise 1,000 bytes, send 20, then vanish: http.client raises IncompleteRead.
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<html>only the start")
        conn.close()
    finally:
        listener.close()


def test_response_cut_mid_body_counts_as_broken_connection_not_a_thread_crash():
    ready, port_box = threading.Event(), []
    server = threading.Thread(target=_server_that_cuts_every_response, args=(ready, port_box))
    server.start()
    ready.wait(5)
    seeded = Seeded(url="sqlite://", officers=["officer-1"], coordinator="c", lessons=["l"])
    tally = Crowd(port_box[0], seeded, officers=1, seconds=5).start().join(timeout=20)
    server.join(5)
    assert tally.broken_connections == 1
    assert tally.submissions == set() and tally.lessons_done == set()
    assert tally.server_errors == [] and tally.unexpected == []
