"""The roster's columns: names (English or the Vietnamese headers the union already uses),
what each one holds, and how a cell's text becomes a value.

This table is the single source for the upload page's documentation, the downloadable
template and the checks, so the three cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from app.lazy_text import lazy_gettext as _l

from ..demo import ascii_fold


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    help: object  # a lazy string
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("username", True, _l("Sign-in name: 3 to 64 lowercase letters, digits, dots, dashes or "
                                "underscores. Importing the file again updates the member with this name."),
           "nguyen.thi.lan", ("ten dang nhap", "tai khoan", "login")),
    Column("full_name", True, _l("Full name, as it should appear on certificates (at most 120 characters)."),
           "Nguyễn Thị Lan", ("ho va ten", "ho ten", "name", "ten")),
    Column("unit_code", True, _l("Code of her unit (commune, ward, branch or group), as on the units page; "
                                   "a former code of a merged unit still works."),
           "29110", ("ma don vi", "don vi", "unit")),
    Column("committee_role", False, _l("chair, vice_chair, standing_member, committee_member, branch_head, "
                                       "branch_deputy, group_head or none (Vietnamese titles work too). "
                                       "Empty: committee_member."),
           "chair", ("chuc vu", "role in committee")),
    Column("phone", False, _l("9 to 12 digits; spaces, dots and dashes are allowed. Format the column as "
                              "text in Excel, or a lost leading 0 is put back for 9-digit numbers."),
           "0912 345 678", ("so dien thoai", "dien thoai", "sdt", "phone number")),
    Column("external_id", False, _l("The union's own member number, if you have one. When present, "
                                    "re-imports find the member by it, so a username can change."),
           "HV-000123", ("ma hoi vien", "ma so", "id")),
    Column("platform_role", False, _l("officer, trainer or coordinator. Empty: officer. Administrators "
                                      "are not imported."),
           "officer", ("vai tro", "role")),
    Column("language", False, _l("vi, en or th; empty follows her phone's language."), "vi",
           ("ngon ngu",)),
)
REQUIRED = tuple(column.key for column in COLUMNS if column.required)

IMPORTABLE_ROLES = ("officer", "trainer", "coordinator")
LANGUAGES = ("vi", "en", "th")

#: Committee role codes and the titles Vietnamese rosters use, as :func:`folded` writes them.
COMMITTEE_ALIASES = {
    "chair": "chair", "chu tich": "chair",
    "vice chair": "vice_chair", "pho chu tich": "vice_chair",
    "standing member": "standing_member",
    "uy vien ban thuong vu": "standing_member", "uy vien thuong vu": "standing_member",
    "thuong vu": "standing_member",
    "committee member": "committee_member",
    "uy vien ban chap hanh": "committee_member", "uy vien": "committee_member",
    "chap hanh": "committee_member",
    "branch head": "branch_head", "chi hoi truong": "branch_head",
    "branch deputy": "branch_deputy", "chi hoi pho": "branch_deputy",
    "group head": "group_head", "to truong": "group_head", "to truong to hoi": "group_head",
    "none": "none", "khong": "none",
}


def folded(text: str) -> str:
    """``Chức vụ`` -> ``chuc vu``: no accents, lower case, single spaces, no underscores."""
    text = ascii_fold(str(text)).lower().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


_HEADERS = {folded(name): column.key for column in COLUMNS for name in (column.key, *column.aliases)}


def column_for_header(header: str) -> str | None:
    """The column key a header names, or None for a column the import does not use."""
    return _HEADERS.get(folded(header))


@lru_cache(maxsize=512)  # a roster repeats a handful of titles thousands of times
def committee_role(value: str) -> str | None:
    """The committee role code for a cell, or None when it names no known role."""
    return COMMITTEE_ALIASES.get(folded(value))


def phone_digits(value: object) -> str:
    """A phone cell as text; a number that Excel stripped of its leading 0 gets it back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return "0" + text if len(text) == 9 else text
    return str(value)
