"""What every fuzz target promises, checked the same way by the fuzzer and by the tests.

A reader of outside input may return its result or report problems that name a line or a
row; it may not raise anything else, and it may not take more than ``BUDGET_SECONDS`` of CPU on
an input of at most ``MAX_INPUT_BYTES``. Memory is bounded by the fuzzer (``RSS_LIMIT_MB``).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

MAX_INPUT_BYTES = 64 * 1024
BUDGET_SECONDS = 2.0
RSS_LIMIT_MB = 2048


class ContractBroken(AssertionError):
    """A reader broke its contract: a problem without a line, a slow input, unsafe output."""


def within_budget(check: Callable[..., None]) -> Callable[..., None]:
    """``check`` on inputs (its last argument) cut to the size bound, failing when one takes
    longer than allowed.

    The time is the process's CPU time, not the clock's: an input is slow because of the work
    it causes, and on a busy machine (or under ``nice``) the clock would blame inputs for the
    other processes' load."""

    def timed(*args) -> None:
        *rest, data = args
        data = data[:MAX_INPUT_BYTES]
        started = time.process_time()
        check(*rest, data)
        seconds = time.process_time() - started
        if seconds > BUDGET_SECONDS:
            raise ContractBroken(f"{len(data)} bytes took {seconds:.2f} s of CPU; the budget is "
                                 f"{BUDGET_SECONDS} s")

    timed.__doc__ = check.__doc__
    timed.__name__ = check.__name__
    return timed


def problems_have_lines(problems: Iterable, last: int, what: str = "line") -> None:
    """Every reported problem points at a line (or row) of the input, 1 to ``last``, or at 0,
    which means the whole file."""
    for problem in problems:
        where = getattr(problem, what)
        if not isinstance(where, int) or not 0 <= where <= last:
            raise ContractBroken(f"a problem whose {what} is not in the input (1-{last}): "
                                 f"{problem!r}")
        if not str(getattr(problem, "message", "")).strip():
            raise ContractBroken(f"a problem without a message: {problem!r}")
