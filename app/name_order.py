"""Ordering people and places the way a Vietnamese reader looks them up.

A Vietnamese list of people is ordered by given name, the last word of the full name
("Nguyễn Thị Lan" is found under Lan), then by the rest (family name, then middle names),
and letters follow the Vietnamese alphabet: A Ă Â B C D Đ E Ê ... O Ô Ơ ... U Ư, with the
tones in their order (a à ả ã á ạ). Byte order or ``lower()`` in SQL gets all of that
wrong, and differently on SQLite and PostgreSQL, so lists are sorted here, in Python, with
ICU's Vietnamese collation: one rule for every page, export and database.
"""
from __future__ import annotations

import threading
import unicodedata

import icu

_local = threading.local()  # an ICU collator is not meant to be shared between threads


def _collator() -> icu.Collator:
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = _local.collator = icu.Collator.createInstance(icu.Locale("vi"))
    return collator


def _clean(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def collation_key(text: str | None) -> bytes:
    """Vietnamese sort key of a text as written (a unit's name, a course title)."""
    return _collator().getSortKey(_clean(text))


def person_name_key(full_name: str | None) -> tuple[bytes, bytes, bytes]:
    """Sort key of a person's full name: the given name (last word), then the words before it
    in their order, then the name as typed (so different spellings never tie at random)."""
    name = _clean(full_name)
    rest, _, given = name.rpartition(" ")
    return collation_key(given), collation_key(rest), (full_name or "").encode()


def sorted_by_name(items, name=lambda item: item, *, reverse: bool = False) -> list:
    """``items`` ordered by person name (``name`` reads the full name of one item)."""
    return sorted(items, key=lambda item: person_name_key(name(item)), reverse=reverse)
