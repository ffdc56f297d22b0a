"""Throttling counters kept in the main database when there is no Redis (or it is down)."""
from __future__ import annotations

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class ThrottleCounter(Base):
    """One counter of sign-in failures (or certificate lookups) in a fixed time window.

    Every worker and every app server on this database counts in the same row, and the row is
    changed only by single atomic statements (see ``app.throttle.counters``), so parallel
    requests cannot read the same count. Rows whose window has ended are swept now and then.
    """

    __tablename__ = "sign_in_throttle"
    __table_args__ = (Index("ix_sign_in_throttle_window_ends", "window_ends"),)

    #: What is counted, e.g. ``<prefix>:account:lan`` or ``<prefix>:address:203.0.113.7``.
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    hits: Mapped[int] = mapped_column(default=0)
    #: When the window closes, in whole seconds since 1970 (UTC): one number compares the
    #: same way on SQLite and PostgreSQL inside the upsert.
    window_ends: Mapped[int] = mapped_column(BigInteger)
