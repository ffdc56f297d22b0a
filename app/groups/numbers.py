"""Writing a month's numbers: entering, correcting (the replaced values are kept), confirming
and returning. Each write adds to the caller's transaction; the view or command commits once.

Numbers saved by a coordinator or an admin of the group's unit count as confirmed by her at
once (she is the one who confirms); numbers saved by a group's admin wait for confirmation.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit import Action, record
from ..models import FacebookGroup, Member, MonthlyNumbers, MonthlyNumbersHistory
from ..models.groups import NUMBER_FIELDS
from ..models.types import utcnow
from .health import MonthNumbers


def as_month_numbers(row: MonthlyNumbers) -> MonthNumbers:
    return MonthNumbers(row.month, **row.values())


def months_of(session: Session, group_id: int, *, counted_only: bool = False) -> list[MonthlyNumbers]:
    """The group's months, oldest first; ``counted_only`` leaves out months sent back for
    correction, which the health measures do not count."""
    query = select(MonthlyNumbers).where(MonthlyNumbers.group_id == group_id).order_by(MonthlyNumbers.month)
    if counted_only:
        query = query.where(MonthlyNumbers.status != "returned")
    return list(session.scalars(query))


def month_before(session: Session, group_id: int, month: date) -> MonthNumbers | None:
    """The numbers of the month just before ``month``, if there are any."""
    row = find_month(session, group_id, previous_month(month))
    return as_month_numbers(row) if row is not None else None


def previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def find_month(session: Session, group_id: int, month: date) -> MonthlyNumbers | None:
    return session.scalar(select(MonthlyNumbers).where(MonthlyNumbers.group_id == group_id,
                                                       MonthlyNumbers.month == month))


def save_month(session: Session, group: FacebookGroup, month: date, values: dict[str, int | None],
               actor: Member | None, *, confirmed: bool, source: str = "form") -> MonthlyNumbers:
    """Enter the month, or correct it (the values it held go to its history first)."""
    row = find_month(session, group.id, month)
    now = utcnow()
    if row is None:
        row = MonthlyNumbers(group_id=group.id, month=month)
        session.add(row)
    else:
        before = row.values()
        session.add(MonthlyNumbersHistory(numbers=row, status=row.status, entered_by_id=row.entered_by_id,
                                          entered_at=row.entered_at, replaced_by_id=actor.id if actor else None,
                                          replaced_at=now, **before))
        changed = {name: [before[name], values.get(name)] for name in NUMBER_FIELDS
                   if before[name] != values.get(name)}
        record(session, actor, Action.GROUP_NUMBERS_CORRECT, people=0, group=group.id, group_name=group.name,
               month=month.isoformat(), changed=changed, source=source)
    for name in NUMBER_FIELDS:
        setattr(row, name, values.get(name))
    row.entered_by_id, row.entered_at, row.return_note = (actor.id if actor else None), now, None
    if confirmed:
        row.status, row.confirmed_by_id, row.confirmed_at = "confirmed", actor.id if actor else None, now
    else:
        row.status, row.confirmed_by_id, row.confirmed_at = "entered", None, None
    return row


def confirm_month(session: Session, row: MonthlyNumbers, actor: Member) -> None:
    row.status, row.confirmed_by_id, row.confirmed_at, row.return_note = "confirmed", actor.id, utcnow(), None
    record(session, actor, Action.GROUP_NUMBERS_CONFIRM, people=0, group=row.group_id,
           group_name=row.group.name, month=row.month.isoformat())


def return_month(session: Session, row: MonthlyNumbers, actor: Member, note: str) -> None:
    """Send the month back to the group's admins with a note saying what to check."""
    row.status, row.confirmed_by_id, row.confirmed_at, row.return_note = "returned", None, None, note
    record(session, actor, Action.GROUP_NUMBERS_RETURN, people=0, group=row.group_id,
           group_name=row.group.name, month=row.month.isoformat(), note=note)
