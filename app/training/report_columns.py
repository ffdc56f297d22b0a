"""Attendance columns of the completion report (page and downloads): invited, attended and
the attendance rate per row, for the report's courses. Shown only when some session of them
has started, so a report of online courses looks as it always did."""
from __future__ import annotations

from dataclasses import dataclass, replace

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from .queries import AttendanceCounts, attendance_for_report

NONE = AttendanceCounts()


@dataclass(frozen=True)
class ReportAttendance:
    by_row: dict
    total: AttendanceCounts

    def __bool__(self) -> bool:
        return self.total.invited > 0

    def of(self, row) -> AttendanceCounts:
        return self.by_row.get(row.key, NONE)


def report_attendance(session: Session, query) -> ReportAttendance:
    """Counts per row of the report and for its whole unit (a paged list's total, too)."""
    by_row = attendance_for_report(session, query)
    whole = replace(query, group_by="total", group_level_id=None, group_rank=0, limit=None, offset=0)
    return ReportAttendance(by_row, attendance_for_report(session, whole).get(0, NONE))


def with_attendance(table, report, attendance: ReportAttendance):
    """The report's table with three more columns (the last row being the total)."""
    if not attendance:
        return table
    heads = [*table.headers, _("Invited to sessions"), _("Attended sessions"), _("Attendance rate")]

    def cells(counts: AttendanceCounts) -> list:
        return [counts.invited, counts.attended, None if counts.rate is None else round(counts.rate, 1)]

    rows = [row + cells(attendance.of(source)) for row, source in zip(table.rows, report.rows, strict=False)]
    rows.append(table.rows[-1] + cells(attendance.total))
    return replace(table, headers=heads, rows=rows)
