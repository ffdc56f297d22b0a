"""Fixtures for the content core: small course trees written into tmp_path."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from app.content import load_catalogue
from app.content.catalogue import Catalogue

from .course_trees import GOOD_COURSE, write_tree


@pytest.fixture
def courses_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "courses"
    folder.mkdir()
    return folder


@pytest.fixture
def load(courses_dir: Path) -> Callable[..., Catalogue]:
    """Write files into courses/ next to a known-good course and load the catalogue.

    ``quizzes`` lists the quiz ids that exist; quizzes come from a stub loader so these
    tests do not depend on the quiz file format.
    """

    def _load(files: dict[str, str | bytes], quizzes: Iterable[str] = (),
              with_good_course: bool = True) -> Catalogue:
        write_tree(courses_dir, {**(GOOD_COURSE if with_good_course else {}), **files})
        known = {quiz_id: object() for quiz_id in quizzes}
        return load_catalogue(courses_dir, courses_dir.parent / "quizzes",
                              quiz_loader=lambda _dir: (known, []))

    return _load
