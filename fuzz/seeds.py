"""Seed inputs for each target: the project's own fixtures, the shared corpus beside the
repository when it is there (read in place, never copied into the repository), and a few
files made here for the formats the repository keeps no sample of (CSV, XLSX, GIFT)."""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from .contract import MAX_INPUT_BYTES

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = (ROOT.parent / "shared" / "corpus").resolve()
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
OWN_FOLDERS = ("tests", "quizzes", "courses")

ROSTER_HEADERS = ["Họ và tên", "Tên đăng nhập", "Email", "Điện thoại", "Mã đơn vị", "Chức vụ"]
NUMBER_HEADERS = ["Địa chỉ nhóm", "Tháng", "Thành viên cuối tháng", "Bài viết", "Bình luận",
                  "Cảm xúc", "Bài của thành viên"]
SHEETS = {
    "roster": [ROSTER_HEADERS, ["Phạm Thị Lan", "lan", "lan@example.org", "0912345678", "BT",
                                "Ủy viên"]],
    "numbers": [NUMBER_HEADERS, ["https://www.facebook.com/groups/phunubatri", "2025-11", "760",
                                 "100", "40", "150", "12"],
                ["facebook.com/groups/phunubatri", "12/2025", "770", "ba mươi", "", "", ""]],
}


def _csv(rows: list[list[str]], delimiter: str) -> bytes:
    return "\ufeff".encode() + "\r\n".join(delimiter.join(r) for r in rows).encode() + b"\r\n"


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def made_seeds(suffixes: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """Sample spreadsheets, and every Markdown quiz of the repository written as GIFT."""
    if ".csv" in suffixes:
        for name, rows in SHEETS.items():
            yield f"{name}-comma.csv", _csv(rows, ",")
            yield f"{name}-semicolon.csv", _csv(rows, ";")
            yield f"{name}.xlsx", _xlsx(rows)
    if ".gift" in suffixes:
        from app.content.gift import write_gift
        from app.content.quizzes import load_markdown_quiz

        for file in sorted((ROOT / "quizzes").glob("*.md")):
            quiz = load_markdown_quiz(file.read_bytes(), file.name, file.stem)
            if quiz.questions:
                yield f"{file.stem}.gift", write_gift(quiz).encode()


def file_seeds(target: str, suffixes: tuple[str, ...], say=print) -> Iterator[Path]:
    """Files of the repository and the shared corpus with one of ``suffixes``, and the kept
    regression inputs of ``target``; none larger than the input bound."""
    folders = [ROOT / name for name in OWN_FOLDERS]
    if SHARED_CORPUS.is_dir():
        folders.append(SHARED_CORPUS)
    else:
        say(f"  (no shared corpus at {SHARED_CORPUS}: seeding from the repository only)")
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if (path.is_file() and path.suffix in suffixes and REGRESSIONS not in path.parents
                    and path.stat().st_size <= MAX_INPUT_BYTES):
                yield path
    kept = REGRESSIONS / target
    if kept.is_dir():
        yield from sorted(p for p in kept.iterdir() if p.is_file() and p.name.startswith("crash-"))


def write_seeds(target: str, suffixes: tuple[str, ...], into: Path, say=print) -> int:
    """Copy every seed of ``target`` into the working corpus ``into``; returns how many."""
    into.mkdir(parents=True, exist_ok=True)
    count = 0
    for index, path in enumerate(file_seeds(target, suffixes, say)):
        (into / f"seed-{index:04d}-{path.name}").write_bytes(path.read_bytes())
        count += 1
    for name, data in made_seeds(suffixes):
        (into / f"made-{name}").write_bytes(data)
        count += 1
    return count
