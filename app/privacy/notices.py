"""The privacy notice: one Markdown file per version and language in the ``privacy/`` folder,
named ``<version>.<language>.md`` with front matter (version, date, title).

The union edits these files; a new version is a new date, and the old files stay so what a
member agreed to can always be read again. The text is rendered by the one Markdown renderer,
so it is sanitized like every lesson.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from markupsafe import Markup

from ..content_html import markdown_html

#: The language a notice falls back to when the reader's is missing.
FALLBACK_LANGUAGE = "vi"
log = logging.getLogger(__name__)
FILE_NAME = re.compile(r"^(?P<version>\d{4}-\d{2}-\d{2})\.(?P<language>[a-z]{2})\.md$")


class NoticeError(ValueError):
    """A notice file that cannot be used, with the file and the reason."""


@dataclass(frozen=True)
class Notice:
    version: str
    language: str
    date: date
    title: str
    body: str

    @property
    def html(self) -> Markup:
        return markdown_html(self.body)


def _read(path: Path) -> Notice:
    match = FILE_NAME.match(path.name)
    assert match is not None  # only files so named are read
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise NoticeError(f"{path.name}: front matter (version, date, title) is missing")
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head) or {}
    version = str(meta.get("version", ""))
    if version != match["version"]:
        raise NoticeError(f"{path.name}: version {version!r} differs from the file name")
    day = meta.get("date")
    if not isinstance(day, date):
        raise NoticeError(f"{path.name}: date must be a day such as 2026-01-01")
    return Notice(version=version, language=match["language"], date=day,
                  title=str(meta.get("title") or version), body=body)


@lru_cache(maxsize=8)
def _all(folder: str, _stamp: tuple) -> tuple[dict[tuple[str, str], Notice], tuple[str, ...]]:
    notices, problems = {}, []
    for path in sorted(Path(folder).glob("*.md")):
        if not FILE_NAME.match(path.name):
            continue
        try:
            found = _read(path)
        except (NoticeError, yaml.YAMLError, UnicodeDecodeError) as error:
            problems.append(str(error) if isinstance(error, NoticeError) else f"{path.name}: {error}")
            log.warning("privacy notice not used: %s", problems[-1])
            continue
        notices[(found.version, found.language)] = found
    return notices, tuple(problems)


def _read_folder(folder: str):
    paths = sorted(Path(folder).glob("*.md"))
    return _all(folder, tuple((p.name, p.stat().st_mtime_ns) for p in paths))


def all_notices(folder: str) -> dict[tuple[str, str], Notice]:
    """Every usable notice by (version, language); read again when a file changes. A broken
    file is left out (and logged), so a typo never closes the site behind the consent gate."""
    return _read_folder(folder)[0]


def problems(folder: str) -> tuple[str, ...]:
    """Why files of the folder are not used, one ``file: reason`` each."""
    return _read_folder(folder)[1]


def versions(folder: str) -> list[str]:
    """The versions, newest first."""
    return sorted({version for version, _ in all_notices(folder)}, reverse=True)


def latest_version(folder: str) -> str | None:
    found = versions(folder)
    return found[0] if found else None


def notice(folder: str, version: str, language: str) -> Notice | None:
    """``version`` in ``language``, else in Vietnamese, else in any language it exists in."""
    notices = all_notices(folder)
    for wanted in (language, FALLBACK_LANGUAGE):
        if (version, wanted) in notices:
            return notices[(version, wanted)]
    return next((n for (v, _), n in sorted(notices.items()) if v == version), None)
