"""Who downloaded a file and when, written into the file itself (its first line)."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from flask_babel import gettext as _

from ..audit import label
from ..reports.exports import neutralise

BOM = "\ufeff".encode("utf-8")


def stamped(body: bytes, line: str) -> bytes:
    """``body`` (a CSV, perhaps with a byte order mark) with ``line`` as its first row,
    quoted as CSV and formula-neutralised like every other cell."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([neutralise(line)])
    rest = body[len(BOM):] if body.startswith(BOM) else body
    return BOM + out.getvalue().encode("utf-8") + rest


def exported_by(member) -> list[tuple[str, str]]:
    """The "About" lines of a spreadsheet naming who exported it and when (UTC)."""
    return [(_("Exported by"), label(member)),
            (_("Exported at (UTC)"), datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"))]
