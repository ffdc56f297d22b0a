"""Roster files officers upload (CSV in any delimiter, with or without BOM, and XLSX).

Contract: the file becomes a header and numbered rows, or a ``RosterFileError`` whose
message says what to do; rows are numbered upwards from 2, as a spreadsheet numbers them.
"""
from __future__ import annotations

from app.roster.reading import RosterFileError, read_roster

from .contract import ContractBroken, within_budget

SEED_SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 2000


@within_budget
def check(data: bytes) -> None:
    """Read ``data`` as an uploaded roster."""
    try:
        roster = read_roster(data, max_rows=MAX_ROWS)
    except RosterFileError as exc:
        if not str(exc.message).strip():
            raise ContractBroken("a roster refused without a message") from exc
        return
    numbers = [number for number, _ in roster.rows]
    if numbers != sorted(set(numbers)) or (numbers and numbers[0] < 2):
        raise ContractBroken(f"rows numbered {numbers[:10]}...")
    if len(numbers) > MAX_ROWS:
        raise ContractBroken(f"{len(numbers)} rows read; the limit was {MAX_ROWS}")
