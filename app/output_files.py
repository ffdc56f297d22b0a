"""Files that commands write for an operator (a backup, a converted quiz): a new file appears
whole or not at all, and never in place of a file that was there."""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def whole_new_file(target: Path) -> Iterator[Path]:
    """Yield a path beside ``target`` to write to; when the block ends without an error, that
    file becomes ``target`` in one step. On any error (a full disk, Ctrl+C) it is removed and
    ``target`` never existed. Raises FileExistsError if ``target`` exists, before or after the
    block (a hard link never replaces a file); FileNotFoundError if its folder is missing."""
    if target.exists():
        raise FileExistsError(str(target))
    if not target.parent.is_dir():
        raise FileNotFoundError(str(target.parent))
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        yield partial
        try:
            os.link(partial, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if target.exists():
                raise FileExistsError(str(target)) from None
            os.replace(partial, target)
    finally:
        for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal"),
                         Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
