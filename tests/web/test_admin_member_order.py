"""The admin member list is in Vietnamese name order, like every other list of people: by
given name, then family and middle names, with Vietnamese collation, across its pages."""
from __future__ import annotations

import re

from app.admin import members as listing

#: Full names and where each belongs: under An, Ánh, Bích, Dung, Đào, Lan (Đ after D, tones in order).
NAMES = ["Nguyễn Thị Lan", "Trần Thị An", "Lê Thị Ánh", "Đặng Thị Bích", "Bùi Thị Đào", "Phạm Thị Dung"]
EXPECTED = ["Trần Thị An", "Lê Thị Ánh", "Đặng Thị Bích", "Phạm Thị Dung", "Bùi Thị Đào", "Nguyễn Thị Lan"]


def _listed(html: str) -> list[str]:
    return [name for name in re.findall(r'<td><a href="/admin/members/\d+">([^<]+)</a></td>', html) if name in NAMES]


def test_members_are_listed_by_given_name_in_vietnamese_order(client, make_member, login):
    for number, name in enumerate(NAMES):
        make_member(f"m{number}", full_name=name)
    make_member("boss", role="admin", full_name="Zz Admin")
    login("boss")
    assert _listed(client.get("/admin/members/").get_data(as_text=True)) == EXPECTED


def test_each_member_is_on_exactly_one_page_in_order(client, make_member, login, monkeypatch):
    for number, name in enumerate(NAMES):
        make_member(f"m{number}", full_name=name)
    make_member("boss", role="admin", full_name="Zz Admin")
    login("boss")
    monkeypatch.setattr(listing, "PAGE_SIZE", 4)
    first = client.get("/admin/members/").get_data(as_text=True)
    second = client.get("/admin/members/?page=2").get_data(as_text=True)
    assert _listed(first) + _listed(second) == EXPECTED
    assert "7 members" in first and "Zz Admin" in second  # the count is of every page, Z last
    searched = client.get("/admin/members/?q=th%E1%BB%8B").get_data(as_text=True)  # "thị"
    assert _listed(searched) == EXPECTED[:4]
