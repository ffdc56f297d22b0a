"""Collect the real lessons and GIFT files that ``SOURCES.md`` lists, from the commits it
names, into this folder (``lessons/``, ``gift/``, ``licences/``), byte for byte.

    python tests/content/real_material/collect.py

They are other people's files: the repository lists them but does not carry them, and
``tests/content/test_real_material.py`` skips, saying so, until they are collected. Needs a
connection to raw.githubusercontent.com; a file that cannot be fetched is named and the
others are still written.
"""
from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


def sources(text: str) -> list[tuple[str, str, str, str]]:
    """(stored as, repository, commit, path there) for every row of the tables; a commit
    written "same" is the one of the row above."""
    rows, commit = [], ""
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`"):
            continue
        stored, repo, commit_cell, path = (cell.strip("`") for cell in cells[:4])
        repo = repo.split()[0]
        commit = commit if commit_cell == "same" else commit_cell.strip("`")
        rows.append((stored, repo, commit, path))
    return rows


def main() -> int:
    failed = 0
    for stored, repo, commit, path in sources((HERE / "SOURCES.md").read_text(encoding="utf-8")):
        target = HERE / stored
        if not re.fullmatch(r"[0-9a-f]{40}", commit):
            print(f"SOURCES.md: {stored}: no commit to fetch from", file=sys.stderr)
            failed += 1
            continue
        url = RAW.format(repo=repo, commit=commit, path=path)
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - fixed https host
                data = response.read()
        except OSError as error:
            print(f"{stored}: could not fetch {url}: {error}", file=sys.stderr)
            failed += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{stored} <- {repo}@{commit[:10]}:{path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
