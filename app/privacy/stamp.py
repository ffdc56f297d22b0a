"""Who downloaded a file and when, written into the file itself.

Every CSV download with personal data starts with the same two lines: one cell saying who
exported it and when (in the union's time zone, then in UTC as ISO 8601), and an empty line;
the table with its header row follows. A spreadsheet shows the sentence above the table, and
the empty line keeps it out of the table's range (Excel's sort and filter see the header as
the table's first row). A program skips the first two lines (``skiprows=2`` in pandas, two
``next(reader)`` with Python's csv module). Spreadsheets (XLSX) name who and when on their
"About" sheet instead.
"""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from ..audit import label
from ..reports.exports import neutralise

BOM = "\ufeff".encode("utf-8")


def stamped(body: bytes, line: str) -> bytes:
    """``body`` (a CSV, perhaps with a byte order mark) preceded by ``line`` as a row of one
    cell, quoted as CSV and formula-neutralised like every other cell, and an empty row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(line)])
    writer.writerow([])
    rest = body[len(BOM):] if body.startswith(BOM) else body
    return BOM + out.getvalue().encode("utf-8") + rest


def export_line(member, now: datetime | None = None) -> str:
    """"Exported by Nguyễn Thị Hà (ha) on 2026-03-02 14:05 (Asia/Ho_Chi_Minh), 2026-03-02T07:05:00Z"."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    local = now.astimezone(ZoneInfo(zone))
    return _("Exported by %(who)s on %(when)s (%(zone)s), %(utc)s", who=label(member),
             when=local.strftime("%Y-%m-%d %H:%M"), zone=zone, utc=now.strftime("%Y-%m-%dT%H:%M:%SZ"))


def stamped_csv(body: bytes, member, now: datetime | None = None) -> bytes:
    """A CSV download of ``member``'s: who and when on the first line (see the module)."""
    return stamped(body, export_line(member, now))


def exported_by(member) -> list[tuple[str, str]]:
    """The "About" lines of a spreadsheet naming who exported it and when (UTC)."""
    return [(_("Exported by"), label(member)),
            (_("Exported at (UTC)"), datetime.now(UTC).strftime("%Y-%m-%d %H:%M"))]
