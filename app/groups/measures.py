"""How a measure and a band are written: one way for the pages, the exports and the command line,
so the three can be compared digit for digit."""
from __future__ import annotations

from app.lazy_text import lazy_gettext as _l

from .health import Band

MEASURE_LABELS = {
    "growth": _l("Growth"),
    "interaction": _l("Interaction per member"),
    "comments_per_post": _l("Comments per post"),
    "member_share": _l("Share of posts by members"),
    "admin_posts_per_week": _l("Admins' posts per week"),
}
#: The formulas in the page's words (``health.FORMULAS`` holds them for the README and tests).
FORMULA_TEXT = {
    "growth": _l("(members at the end of the month − members at the end of the month before) ÷ members "
                 "at the end of the month before"),
    "interaction": _l("(posts + comments + reactions) ÷ members at the end of the month"),
    "comments_per_post": _l("comments ÷ posts"),
    "member_share": _l("posts written by members ÷ all posts"),
    "admin_posts_per_week": _l("(posts − posts written by members) ÷ days in the month × 7"),
}
PERCENT_MEASURES = ("growth", "member_share")
BAND_LABELS = {Band.NEEDS_HELP: _l("Needs help"), Band.WATCH: _l("Watch"), Band.HEALTHY: _l("Healthy")}
#: A shape for each band, so the band never rests on colour alone.
BAND_ICONS = {Band.NEEDS_HELP: "▲", Band.WATCH: "■", Band.HEALTHY: "●"}
NO_BAND = _l("No band yet")
STALE = _l("No numbers for two months or more")
STATUS_LABELS = {"entered": _l("Waiting for confirmation"), "confirmed": _l("Confirmed"),
                 "returned": _l("Sent back for correction")}


def format_measure(name: str, value: float | None) -> str:
    """``8.6%`` for growth and shares, ``0.46`` for ratios, ``16.3`` for posts a week, "" for none."""
    if value is None:
        return ""
    if name in PERCENT_MEASURES:
        return f"{value * 100:.1f}%"
    if name == "admin_posts_per_week":
        return f"{value:.1f}"
    return f"{value:.2f}"


def band_text(band: Band | None, stale: bool = False) -> str:
    if stale:
        return str(STALE)
    return str(BAND_LABELS[band]) if band is not None else str(NO_BAND)


class _Texts:
    """What the templates call ``group_texts``."""

    bands = BAND_LABELS
    icons = BAND_ICONS
    no_band = NO_BAND
    stale = STALE
    measures = MEASURE_LABELS
    formulas = FORMULA_TEXT
    statuses = STATUS_LABELS


GROUP_TEXTS = _Texts()
