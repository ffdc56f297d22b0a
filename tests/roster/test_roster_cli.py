"""`flask users import FILE`: the same checks as the page, all or nothing, codes for new members."""
from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from app.models import SignInCode

from .conftest import GOOD_ROWS, member_count, members_by_username, roster_csv, roster_xlsx


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_creates_members_and_prints_their_codes(runner, units, db, tmp_path):
    result = runner.invoke(args=["users", "import", write(tmp_path, "roster.xlsx", roster_xlsx(GOOD_ROWS))])
    assert result.exit_code == 0, result.output
    assert "Imported: 3 new, 0 updated, 0 already up to date." in result.output
    assert "lan.nguyen" in result.output and result.output.count("-") >= 3
    assert set(members_by_username(db)) == {"lan.nguyen", "mai.tran", "thu.le"}
    with db() as session:
        assert session.scalar(select(func.count()).select_from(SignInCode)) == 3


def test_dry_run_saves_nothing(runner, units, db, tmp_path):
    result = runner.invoke(args=["users", "import", "--dry-run", write(tmp_path, "r.csv", roster_csv(GOOD_ROWS))])
    assert result.exit_code == 0, result.output
    assert "Dry run: 3 new, 0 to update, 0 already up to date. Nothing was saved." in result.output
    assert member_count(db) == 0


def test_problems_are_listed_by_row_and_column_and_nothing_is_imported(runner, units, db, tmp_path):
    rows = GOOD_ROWS + [["x.y", "", "BT-NOWHERE", "", "", "", ""]]
    result = runner.invoke(args=["users", "import", write(tmp_path, "r.csv", roster_csv(rows))])
    assert result.exit_code == 1
    assert "r.csv: row 5, column B (full_name): The name is missing." in result.output
    assert "r.csv: row 5, column C (unit_code): Unknown unit code “BT-NOWHERE”." in result.output
    assert "2 problem(s) found; nothing was imported." in result.output
    assert member_count(db) == 0


def test_running_it_twice_updates_and_writes_codes_to_a_file(runner, units, db, tmp_path):
    codes = tmp_path / "codes.csv"
    first = runner.invoke(args=["users", "import", "--codes", str(codes),
                                write(tmp_path, "r.csv", roster_csv(GOOD_ROWS))])
    assert first.exit_code == 0, first.output
    rows = list(csv.DictReader(io.StringIO(codes.read_bytes().decode("utf-8-sig"))))
    assert {row["username"] for row in rows} == {"lan.nguyen", "mai.tran", "thu.le"}
    assert all(len(row["sign_in_code"]) == 11 for row in rows)
    changed = [row[:] for row in GOOD_ROWS]
    changed[2][1] = "Lê Thị Thu Hà"
    second = runner.invoke(args=["users", "import", write(tmp_path, "r2.csv", roster_csv(changed))])
    assert "Imported: 0 new, 1 updated, 2 already up to date." in second.output
    assert members_by_username(db)["thu.le"].full_name == "Lê Thị Thu Hà"
    assert member_count(db) == 3


def test_limits_apply_on_the_command_line_too(runner, app, units, tmp_path):
    app.config["ROSTER_MAX_ROWS"] = 2
    result = runner.invoke(args=["users", "import", write(tmp_path, "r.csv", roster_csv(GOOD_ROWS))])
    assert result.exit_code == 1 and "more than 2 rows" in result.output
    app.config["MAX_CONTENT_LENGTH"] = 100
    result = runner.invoke(args=["users", "import", write(tmp_path, "r.csv", roster_csv(GOOD_ROWS))])
    assert result.exit_code == 1 and "MAX_CONTENT_LENGTH" in result.output


def test_large_files_show_a_progress_bar(runner, units, db, tmp_path):
    rows = [[f"member{i:04d}", f"Member {i}", "BT-BATRI-ANTHUY", "", "", "", ""] for i in range(600)]
    result = runner.invoke(args=["users", "import", "--codes", str(tmp_path / "c.csv"),
                                 write(tmp_path, "big.csv", roster_csv(rows))])
    assert result.exit_code == 0, result.output
    assert "Checking" in result.output and "Importing" in result.output
    assert member_count(db) == 600
    small = runner.invoke(args=["users", "import", "--dry-run", write(tmp_path, "s.csv", roster_csv(GOOD_ROWS))])
    assert "Checking" not in small.output
