"""The catalogue as the web app sees it: loaded when the app is built, the same in every worker.

Where the content comes from:

* Once `flask content publish` has run, the published revision (see
  ``content.publication``). Each worker loads it at start and compares the revision marker
  before each request, so after the next publish all workers switch on their next request,
  and edits to courses/ are served by none of them until then.
* Before any publish, courses/ and quizzes/ themselves, read once at start; only a
  restart (e.g. gunicorn's HUP) reads them again.
* In development (``CONTENT_AUTO_RELOAD``) courses/ and quizzes/, with a changed file seen
  on the next request, checked at most once a second.

Every load also renders every page once (``render_checks.check_rendering``), which warms
the render cache and hides what cannot be rendered, before any learner asks for it. Loads go
through ``loaded_catalogues``: files already read and checked in this process, unchanged to
the byte, give the catalogue read then instead of being read again.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from pathlib import Path

from flask import Flask, current_app, g

from .content import publication


class LoadedCatalogues:
    """Catalogues this process has read and checked, by the files they were read from.

    A checked catalogue is immutable and follows from the files under its two folders alone,
    so it is kept under a key of both folders' absolute paths, the hash of every file's
    relative path and bytes (``publication.content_revision``) and the renderer's version.
    What invalidates an entry: any file added, removed or changed (a new key; the old entry
    is never read again), a new renderer version, and age: past ``max_entries`` the least
    recently used entry is dropped. Hits: a worker that reads unchanged files again (a file
    touched in development, a publish back to a revision it served before) and every app
    built in the same process on the same content (the tests build one per test).
    """

    def __init__(self, max_entries: int = 2) -> None:
        self.max_entries = max_entries
        self.loads = 0  # real reads (misses), for the tests
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, courses_dir: Path, quizzes_dir: Path):
        """The checked catalogue of these folders: from memory when their files are unchanged."""
        from .content import load_catalogue
        from .content.render import RENDERER_VERSION
        from .content.render_checks import check_rendering

        key = (str(Path(courses_dir).resolve()), str(Path(quizzes_dir).resolve()),
               publication.content_revision(courses_dir, quizzes_dir), RENDERER_VERSION)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        checked = check_rendering(load_catalogue(courses_dir, quizzes_dir))
        with self._lock:
            self.loads += 1
            self._entries[key] = checked
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return checked


#: The one owner of loaded catalogues in this process (every CatalogueStore reads through it).
loaded_catalogues = LoadedCatalogues()


class CatalogueStore:
    """Holds one immutable catalogue; swaps it atomically when its source changes."""

    def __init__(self, courses_dir: Path, quizzes_dir: Path, cache_dir: Path | None, auto_reload: bool,
                 published_dir: Path | None = None):
        self.courses_dir, self.quizzes_dir = courses_dir, quizzes_dir
        self.cache_dir = cache_dir
        self.auto_reload = auto_reload
        self.published_dir = published_dir
        self.revision: str | None = None  # the published revision served, None: the working folders
        self._lock = threading.Lock()
        self._catalogue = None
        self._fingerprint: object = None
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

    def _source(self) -> tuple[object, Path, Path, str | None]:
        """(what to compare to see a change, courses folder, quizzes folder, revision)."""
        if self.auto_reload:
            return self._scan(), self.courses_dir, self.quizzes_dir, None
        if self.published_dir is None:
            return None, self.courses_dir, self.quizzes_dir, None
        stamp = publication.stamp(self.published_dir)
        revision = publication.current(self.published_dir) if stamp else None
        if revision is None:
            return stamp, self.courses_dir, self.quizzes_dir, None
        return stamp, revision.courses_dir, revision.quizzes_dir, revision.id

    def _load(self, courses_dir: Path, quizzes_dir: Path):
        from .content.render import configure_disk_cache

        configure_disk_cache(self.cache_dir)
        return loaded_catalogues.load(courses_dir, quizzes_dir)

    def load(self) -> None:
        """Load now (at app start) from wherever the content comes from."""
        with self._lock:
            self._reload()

    def _reload(self) -> None:
        fingerprint, courses_dir, quizzes_dir, revision = self._source()
        self._catalogue = self._load(courses_dir, quizzes_dir)
        self._fingerprint, self.revision = fingerprint, revision

    def _changed(self) -> bool:
        if self.auto_reload:
            now = time.monotonic()
            if now - self._checked_at <= 1.0:
                return False
            self._checked_at = now
            return self._scan() != self._fingerprint
        if self.published_dir is None:
            return False
        return publication.stamp(self.published_dir) != self._fingerprint

    def get(self):
        """The current catalogue, re-read first when its source changed."""
        if self._catalogue is not None and not self.auto_reload and self.published_dir is None:
            return self._catalogue
        with self._lock:
            if self._catalogue is None or self._changed():
                self._reload()
            return self._catalogue


def published_dir(app: Flask) -> Path:
    """Where `flask content publish` puts revisions (``CONTENT_PUBLISHED_DIR``)."""
    folder = app.config.get("CONTENT_PUBLISHED_DIR")
    return Path(folder) if folder else Path(app.instance_path) / "published-content"


def init_content(app: Flask) -> None:
    cache = app.config.get("RENDER_CACHE_DIR")
    cache_dir = Path(cache) if cache else Path(app.instance_path) / "render-cache"
    store = CatalogueStore(
        Path(app.config["COURSES_DIR"]), Path(app.config["QUIZZES_DIR"]),
        cache_dir if cache != "" else None, bool(app.config["CONTENT_AUTO_RELOAD"]),
        published_dir(app),
    )
    app.extensions["catalogue"] = store
    store.load()


def catalogue():
    """The catalogue for the current app; one request sees one catalogue from start to end."""
    if "catalogue" not in g:
        g.catalogue = current_app.extensions["catalogue"].get()
    return g.catalogue
