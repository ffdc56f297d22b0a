"""Finding the roster's members already known: a scan of the table or an IN (...) list, the
same members either way."""
from __future__ import annotations

from sqlalchemy import func, select

from app.models import Member
from app.roster.checking import lookup


def test_a_scan_and_an_in_list_find_the_same_members(db, make_member):
    for name in ("lan", "mai", "thu", "hoa"):
        make_member(name)
    wanted = ["mai", "hoa", "nobody"]
    with db() as session:
        size = session.scalar(select(func.max(Member.id)))
        columns = [Member.id, Member.username]
        by_list = lookup(session, columns, Member.username, wanted, table_rows=size)  # more rows than names
        by_scan = lookup(session, columns, Member.username, wanted, table_rows=len(wanted))
        assert sorted(r.username for r in by_list) == sorted(r.username for r in by_scan) == ["hoa", "mai"]
        assert lookup(session, columns, Member.username, [], table_rows=size) == []
