"""Bulk work on a roster of tens of thousands of rows.

Reading, checking and writing a roster create hundreds of thousands of small dicts and
tuples, none of them in reference cycles. Python's cycle collector would run again and
again over all of them (about a fifth of a 100,000-row import); reference counting still
frees everything, so the collector is paused for the duration and then resumed.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import wraps


@contextmanager
def collector_paused():
    """Pause the cycle collector (process-wide) inside the block; nesting is fine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def bulk(function):
    """Decorate a function that churns through a whole roster."""

    @wraps(function)
    def wrapped(*args, **kwargs):
        with collector_paused():
            return function(*args, **kwargs)

    return wrapped
