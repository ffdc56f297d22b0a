"""Where the shared GIFT corpus lives, relative to this repository (never copied in).

A user's clone has no ``../shared``; tests that need the corpus are then skipped with a
reason instead of failing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "gift").resolve()
MISSING = f"GIFT corpus not found at {CORPUS} (it sits beside the repository, not in it)"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=MISSING)


def corpus_files() -> list:
    """Every corpus file (not the Markdown notes) as a pytest param named by its path."""
    if not CORPUS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING), id="no-corpus")]
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")
    return [pytest.param(p, id=p.relative_to(CORPUS).as_posix()) for p in files]


def corpus_bytes(relative: str) -> bytes:
    """A corpus file's bytes; use in tests marked ``needs_corpus``."""
    return (CORPUS / relative).read_bytes()
