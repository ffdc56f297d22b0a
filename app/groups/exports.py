"""The groups' numbers and bands as a table: the unit page's rows, the CSV/XLSX downloads and
``flask groups report`` all come from :func:`standing_table` (or :func:`months_table`), so
they agree. Text cells are neutralised against spreadsheet formulas by the writers."""
from __future__ import annotations

from flask_babel import gettext as _

from ..reports.exports import Table
from .fields import FIELDS
from .measures import MEASURE_LABELS, band_text, format_measure
from .summary import GroupSummary

MEASURES = tuple(MEASURE_LABELS)


def training_text(summary: GroupSummary) -> str:
    if not summary.admin_count:
        return _("No admin linked")
    return _("%(done)d of %(all)d admins trained", done=summary.trained_admins, all=summary.admin_count)


def standing_row(summary: GroupSummary) -> list:
    latest, numbers = summary.latest, summary.latest_numbers
    return [
        summary.group.name, summary.group.address, summary.group.unit.name,
        numbers.month.strftime("%Y-%m") if numbers else "",
        numbers.members if numbers else None,
        *(format_measure(m, getattr(latest, m) if latest else None) for m in MEASURES),
        band_text(summary.band, summary.stale), training_text(summary),
    ]


def standing_headers() -> list[str]:
    return [_("Group"), _("Address"), _("Unit"), _("Latest month"), _("Members"),
            *(str(MEASURE_LABELS[m]) for m in MEASURES), _("Band"), _("Admins' training")]


def standing_table(summaries: list[GroupSummary], about: list[tuple[str, str]]) -> Table:
    """One row per group, weakest first, as on the unit page."""
    return Table(standing_headers(), [standing_row(s) for s in summaries], about)


def months_table(summaries: list[GroupSummary], about: list[tuple[str, str]]) -> Table:
    """Every month of every group, with its numbers, measures and band."""
    headers = [_("Group"), _("Address"), _("Unit"), _("Month"), *(str(f.label) for f in FIELDS),
               *(str(MEASURE_LABELS[m]) for m in MEASURES), _("Band")]
    rows = []
    for s in summaries:
        for numbers, health in zip(s.months, s.health, strict=False):
            rows.append([s.group.name, s.group.address, s.group.unit.name, numbers.month.strftime("%Y-%m"),
                         *(getattr(numbers, f.name) for f in FIELDS),
                         *(format_measure(m, getattr(health, m)) for m in MEASURES), band_text(health.band)])
    return Table(headers, rows, about)
