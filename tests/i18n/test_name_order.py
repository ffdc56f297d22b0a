"""Vietnamese order of names: given name first, then the rest, in the Vietnamese alphabet."""
from __future__ import annotations

import random

from app.name_order import collation_key, person_name_key, sorted_by_name


def test_letters_follow_the_vietnamese_alphabet():
    words = ["Đào", "Dung", "Ân", "Ăn", "An", "Bình", "Ơn", "Ôn", "On", "Ưng", "Uyên"]
    expected = ["An", "Ăn", "Ân", "Bình", "Dung", "Đào", "On", "Ôn", "Ơn", "Uyên", "Ưng"]
    assert sorted(words, key=collation_key) == expected
    # byte order, which SQL falls back on, gets this wrong: Đ after every Latin letter
    assert sorted(words) != expected


def test_tones_come_in_their_order():
    tones = ["Lạn", "Lán", "Lãn", "Lản", "Làn", "Lan"]
    assert sorted(tones, key=collation_key) == ["Lan", "Làn", "Lản", "Lãn", "Lán", "Lạn"]


def test_people_are_ordered_by_given_name_then_family_and_middle_names():
    people = ["Nguyễn Thị Lan", "Trần Thị Ánh", "Đỗ Thị Lan", "Võ Thị Đào", "Lê Văn Dũng",
              "Dương Thị Lan", "Phạm Hồng Ân"]
    shuffled = random.Random(7).sample(people, len(people))
    assert sorted_by_name(shuffled) == [
        "Trần Thị Ánh", "Phạm Hồng Ân", "Lê Văn Dũng", "Võ Thị Đào",
        "Dương Thị Lan", "Đỗ Thị Lan", "Nguyễn Thị Lan"]


def test_decomposed_accents_and_extra_spaces_sort_as_written_normally():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị   Ánh ")
    assert person_name_key(decomposed)[:2] == person_name_key("Nguyễn Thị Ánh")[:2]


def test_a_single_word_and_an_empty_name_do_not_fail():
    assert sorted_by_name(["Lan", "", None, "Ánh"]) [-2:] == ["Ánh", "Lan"]
    assert sorted_by_name(["b", "a"], reverse=True) == ["b", "a"]
