"""The catalogue as the web app sees it: loaded once per process, re-read in development.

Production reads ``courses/`` and ``quizzes/`` at start; a graceful gunicorn reload (SIGHUP)
picks up new content. In development (``CONTENT_AUTO_RELOAD``) a changed file is seen on the
next request, checked at most once a second.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask, current_app


class CatalogueStore:
    """Holds one immutable catalogue; swaps it atomically when the files change."""

    def __init__(self, courses_dir: Path, quizzes_dir: Path, cache_dir: Path | None, auto_reload: bool):
        self.courses_dir, self.quizzes_dir = courses_dir, quizzes_dir
        self.cache_dir = cache_dir
        self.auto_reload = auto_reload
        self._lock = threading.Lock()
        self._catalogue = None
        self._fingerprint = None
        self._checked_at = 0.0

    def _scan(self) -> tuple:
        stats = []
        for folder in (self.courses_dir, self.quizzes_dir):
            if folder.is_dir():
                for path in folder.rglob("*"):
                    if path.is_file():
                        st = path.stat()
                        stats.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(sorted(stats))

    def _load(self):
        from .content import load_catalogue
        from .content.render import configure_disk_cache

        configure_disk_cache(self.cache_dir)
        return load_catalogue(self.courses_dir, self.quizzes_dir)

    def get(self):
        """The current catalogue, re-read first when auto-reload sees a changed file."""
        if self._catalogue is not None and not self.auto_reload:
            return self._catalogue
        with self._lock:
            now = time.monotonic()
            if self._catalogue is None or (self.auto_reload and now - self._checked_at > 1.0):
                self._checked_at = now
                fingerprint = self._scan() if self.auto_reload else None
                if self._catalogue is None or fingerprint != self._fingerprint:
                    self._catalogue = self._load()
                    self._fingerprint = fingerprint
            return self._catalogue


def init_content(app: Flask) -> None:
    cache = app.config.get("RENDER_CACHE_DIR")
    cache_dir = Path(cache) if cache else Path(app.instance_path) / "render-cache"
    app.extensions["catalogue"] = CatalogueStore(
        Path(app.config["COURSES_DIR"]), Path(app.config["QUIZZES_DIR"]),
        cache_dir if cache != "" else None, bool(app.config["CONTENT_AUTO_RELOAD"]),
    )


def catalogue():
    """The catalogue for the current app."""
    return current_app.extensions["catalogue"].get()
