"""Published content: a frozen copy of courses/ and quizzes/ that every worker serves.

Workers that read the working folders each serve what was on disk when they happened to
load (a worker restarted after an edit serves the new course, its neighbour the old one).
Publishing copies both folders into ``<folder>/<revision>/`` and then names that revision
in ``<folder>/CURRENT``, written atomically; workers load only the revision CURRENT names
and compare CURRENT's stat (one system call) before each request, so all of them switch
on their next request, and a worker started later loads the same revision.

The revision is a hash of every file's path and bytes: publishing unchanged content is a
no-op, and the same revision always has the same name on every server.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

CURRENT = "CURRENT"
KEEP = 3  # revisions kept on disk: the current one and two to go back to


@dataclass(frozen=True)
class Revision:
    """One published copy: its id and its two folders."""

    id: str
    courses_dir: Path
    quizzes_dir: Path


def content_revision(courses_dir: Path, quizzes_dir: Path) -> str:
    """A short hash of every file (relative path and bytes) under both folders."""
    digest = hashlib.sha256()
    for label, folder in (("courses", courses_dir), ("quizzes", quizzes_dir)):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def publish(courses_dir: Path, quizzes_dir: Path, folder: Path) -> tuple[Revision, bool]:
    """Copy the content into ``folder`` and make it current; returns it and whether it changed."""
    revision_id = content_revision(courses_dir, quizzes_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / revision_id
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".staging-"))
        try:
            # Symlinks stay symlinks: one leading out of a course is refused when served,
            # exactly as in the working folder, instead of being copied in as a file.
            for name, source in (("courses", courses_dir), ("quizzes", quizzes_dir)):
                if source.is_dir():
                    shutil.copytree(source, staging / name, symlinks=True)
                else:
                    (staging / name).mkdir()
            os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    changed = current_id(folder) != revision_id
    if changed:
        _write_atomically(folder / CURRENT, revision_id + "\n")
    else:
        target.touch()  # counts as the newest when old revisions are pruned
    _prune(folder, keep=revision_id)
    return _revision(folder, revision_id), changed


def current_id(folder: Path) -> str | None:
    try:
        text = (folder / CURRENT).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text and (folder / text).is_dir() and "/" not in text and not text.startswith(".") else None


def current(folder: Path) -> Revision | None:
    """The revision CURRENT names, or None when nothing was published here."""
    revision_id = current_id(folder)
    return _revision(folder, revision_id) if revision_id else None


def stamp(folder: Path) -> tuple[int, int, int] | None:
    """What changes when CURRENT is replaced: compared before each request, so cheap."""
    try:
        st = os.stat(folder / CURRENT)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _revision(folder: Path, revision_id: str) -> Revision:
    return Revision(revision_id, folder / revision_id / "courses", folder / revision_id / "quizzes")


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".current-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune(folder: Path, keep: str) -> None:
    revisions = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime, reverse=True)
    for old in revisions[KEEP:]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
