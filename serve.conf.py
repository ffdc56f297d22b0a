"""gunicorn settings for one server that officers reach directly, without a proxy in front.

    gunicorn --config serve.conf.py wsgi:app        (what `make serve` runs)

Officers' phones on weak connections send their requests and read the answers slowly. A
sync worker is held whole by one such phone for as long as it takes; a gthread worker gives
each connection one of its threads, so a slow phone holds a thread and the worker goes on
serving others (tests/slow_clients proves it). Python runs one thread of a process at a time,
so the threads are for waiting, not for more CPU: one worker per core, and enough threads for
the slow connections expected at once (2 x 16 = 32 here; an idle kept-alive connection waits
in the worker's poller, without a thread). Past that, or on the open internet, put a buffering
proxy (nginx) in front: see the README, Production.
"""
worker_class = "gthread"
workers = 2
threads = 16
keepalive = 20  # seconds an idle phone keeps its connection (waiting costs no thread)
timeout = 30
bind = "127.0.0.1:5000"
