"""The numbers of a month as Group Insights names them: label, where to find each one in the
Facebook app, and the column headers an import accepts (English and Vietnamese).

Facebook renames its menus often and shows small groups fewer numbers, so the hints name the
menus as they are usually called, and say "may be called" where the wording varies.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.lazy_text import lazy_gettext as _l

#: Where Group Insights is, said once and shown above the form.
INSIGHTS_PATH = _l("In the Facebook app open the group, tap Admin tools (in Vietnamese: Công cụ quản trị), "
                   "then Insights (the button may be called Thông tin chi tiết or Số liệu chi tiết). "
                   "Choose the last 28 days, or the month, at the top.")


@dataclass(frozen=True)
class NumberField:
    name: str
    label: object
    hint: object
    #: Accepted import headers, compared after folding case, accents and spaces.
    headers: tuple[str, ...]


FIELDS: tuple[NumberField, ...] = (
    NumberField("members", _l("Members at the end of the month"),
                _l("Insights › Growth (Tăng trưởng): \"Total members\" (may be called Tổng số thành viên). "
                   "Or the number under the group's name."),
                ("members", "total members", "members at month end", "thanh vien", "tong so thanh vien",
                 "thanh vien cuoi thang")),
    NumberField("new_members", _l("New members"),
                _l("Insights › Growth: \"New members\" or \"Members joined\" (may be called Thành viên mới)."),
                ("new members", "members joined", "thanh vien moi")),
    NumberField("left_members", _l("Members who left"),
                _l("Insights › Growth, if it is shown (may be called Thành viên đã rời nhóm). Leave blank if not."),
                ("members who left", "left", "left members", "thanh vien roi nhom", "da roi nhom")),
    NumberField("posts", _l("Posts"),
                _l("Insights › Engagement (may be called Tương tác): \"Posts\" (Bài viết)."),
                ("posts", "bai viet", "so bai viet")),
    NumberField("comments", _l("Comments"),
                _l("Insights › Engagement: \"Comments\" (Bình luận)."),
                ("comments", "binh luan", "so binh luan")),
    NumberField("reactions", _l("Reactions"),
                _l("Insights › Engagement: \"Reactions\" (may be called Cảm xúc or Lượt bày tỏ cảm xúc)."),
                ("reactions", "cam xuc", "luot bay to cam xuc")),
    NumberField("active_members", _l("Active members"),
                _l("Insights › Engagement: \"Active members\" (may be called Thành viên hoạt động "
                   "or Thành viên tích cực). Small groups may not be shown it."),
                ("active members", "thanh vien hoat dong", "thanh vien tich cuc")),
    NumberField("viewers", _l("Viewers or reach"),
                _l("Insights › Engagement or the group's Overview, where shown: \"Viewers\", \"Post views\" "
                   "or \"Reach\" (may be called Người xem or Lượt tiếp cận)."),
                ("viewers", "reach", "post views", "nguoi xem", "luot tiep can", "luot xem")),
    NumberField("pending_requests", _l("Pending member requests"),
                _l("Admin tools › Member requests (may be called Yêu cầu làm thành viên): the number waiting."),
                ("pending requests", "member requests", "yeu cau lam thanh vien", "yeu cau cho duyet")),
    NumberField("member_posts", _l("Posts written by members (not admins)"),
                _l("Count the month's posts not written by an admin or moderator. Insights may show "
                   "\"Top contributors\" (may be called Người đóng góp hàng đầu). Cannot be more than Posts."),
                ("member posts", "posts by members", "bai viet cua thanh vien", "bai cua thanh vien")),
)

#: Headers of the group and the month in an import file.
GROUP_HEADERS = ("group", "group address", "address", "facebook address", "nhom", "dia chi nhom", "dia chi")
MONTH_HEADERS = ("month", "thang")


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: "Thành viên  mới" and "thanh vien moi" match."""
    text = str(text).replace("Đ", "D").replace("đ", "d").lower()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return " ".join(text.replace("_", " ").split())


def column_for(header: str) -> str | None:
    """The field (or "group", "month") an import header names; None when it names none."""
    folded = fold(header)
    if folded in GROUP_HEADERS:
        return "group"
    if folded in MONTH_HEADERS:
        return "month"
    for f in FIELDS:
        if folded in f.headers or folded == f.name.replace("_", " "):
            return f.name
    return None
