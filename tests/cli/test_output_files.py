"""A file a command writes appears whole or not at all, and never in place of another."""
from __future__ import annotations

import pytest

from app.output_files import whole_new_file


def test_the_file_appears_only_when_the_block_ends(tmp_path):
    target = tmp_path / "quiz.md"
    with whole_new_file(target) as partial:
        partial.write_text("## Q\n", encoding="utf-8")
        assert not target.exists() and partial.parent == tmp_path
    assert target.read_text(encoding="utf-8") == "## Q\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quiz.md"]


def test_an_error_in_the_block_leaves_nothing(tmp_path):
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(KeyboardInterrupt), whole_new_file(target) as partial:
        partial.write_bytes(b"half")
        (tmp_path / f"{partial.name}-journal").write_bytes(b"j")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appeared_meanwhile_is_kept(tmp_path):
    target = tmp_path / "quiz.md"
    with pytest.raises(FileExistsError), whole_new_file(target) as partial:
        partial.write_text("mine", encoding="utf-8")
        target.write_text("someone else's", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["quiz.md"]


def test_an_existing_file_or_a_missing_folder_is_refused_before_anything_is_written(tmp_path):
    existing = tmp_path / "kept.md"
    existing.write_text("kept", encoding="utf-8")
    with pytest.raises(FileExistsError), whole_new_file(existing):
        pytest.fail("the block must not run")
    with pytest.raises(FileNotFoundError), whole_new_file(tmp_path / "missing" / "x.md"):
        pytest.fail("the block must not run")
    assert [p.name for p in tmp_path.iterdir()] == ["kept.md"]
