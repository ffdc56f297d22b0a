"""Health measures are pure functions with published formulas; blanks never count as zero."""
from __future__ import annotations

from datetime import date

import pytest

from app.groups.health import (
    Band,
    MonthNumbers,
    Thresholds,
    admin_posts_per_week,
    comments_per_post,
    current_band,
    growth,
    history,
    interaction,
    is_stale,
    member_share,
    month_health,
)

OCT, NOV, DEC = date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1)


def test_ba_tri_pilot_month_is_watch_low_interaction():
    # "Phụ nữ Ba Tri": 760 members, 301 posts, 312 comments, 446 reactions over about
    # a hundred days; one month of it is about a third.
    month = MonthNumbers(NOV, members=760, posts=100, comments=104, reactions=149, member_posts=30)
    previous = MonthNumbers(OCT, members=700)
    health = month_health(month, previous)
    assert health.interaction == pytest.approx((100 + 104 + 149) / 760)
    assert health.comments_per_post == pytest.approx(1.04)
    assert health.growth == pytest.approx(60 / 700)
    assert health.member_share == pytest.approx(0.30)
    assert health.admin_posts_per_week == pytest.approx(70 / 30 * 7)
    assert health.bands["interaction"] is Band.WATCH
    assert health.bands["growth"] is Band.HEALTHY
    assert health.band is Band.WATCH


def test_a_group_that_shrank_needs_help():
    health = month_health(MonthNumbers(NOV, members=95), MonthNumbers(OCT, members=100))
    assert health.growth == pytest.approx(-0.05)
    assert health.band is Band.NEEDS_HELP


def test_blank_numbers_are_not_zero():
    small = MonthNumbers(NOV, members=12)  # Facebook showed this group nothing else
    assert interaction(small) is None and comments_per_post(small) is None
    assert member_share(small) is None and admin_posts_per_week(small) is None
    assert month_health(small, None).band is None


def test_no_division_by_zero():
    empty = MonthNumbers(NOV, members=0, posts=0, comments=0, reactions=0, member_posts=0)
    assert interaction(empty) is None and comments_per_post(empty) is None
    assert member_share(empty) is None
    assert admin_posts_per_week(empty) == 0
    assert growth(MonthNumbers(NOV, members=5), MonthNumbers(OCT, members=0)) is None


def test_growth_needs_the_month_just_before():
    assert growth(MonthNumbers(DEC, members=120), MonthNumbers(OCT, members=100)) is None
    months = [MonthNumbers(OCT, members=100), MonthNumbers(DEC, members=120)]
    assert [h.growth for h in history(months)] == [None, None]


def test_more_member_posts_than_posts_is_not_a_share():
    odd = MonthNumbers(NOV, posts=10, member_posts=12)
    assert member_share(odd) is None and admin_posts_per_week(odd) is None


def test_band_boundaries_are_inclusive_for_healthy_exclusive_for_needs_help():
    t = Thresholds(interaction_healthy=1.0, interaction_needs_help=0.3)
    at_healthy = MonthNumbers(NOV, members=100, posts=50, comments=30, reactions=20)
    at_help = MonthNumbers(NOV, members=100, posts=10, comments=10, reactions=10)
    below_help = MonthNumbers(NOV, members=100, posts=10, comments=10, reactions=9)
    assert month_health(at_healthy, None, t).bands["interaction"] is Band.HEALTHY
    assert month_health(at_help, None, t).bands["interaction"] is Band.WATCH
    assert month_health(below_help, None, t).bands["interaction"] is Band.NEEDS_HELP


def test_thresholds_set_by_an_admin_change_the_band():
    month = MonthNumbers(NOV, members=100, posts=20, comments=20, reactions=20)
    assert month_health(month, None).bands["interaction"] is Band.WATCH
    strict = Thresholds(interaction_healthy=2.0, interaction_needs_help=0.7)
    assert month_health(month, None, strict).bands["interaction"] is Band.NEEDS_HELP


def test_history_is_ordered_and_growth_uses_the_previous_month():
    months = [MonthNumbers(NOV, members=110), MonthNumbers(OCT, members=100)]
    assert [(h.month, h.growth) for h in history(months)] == [(OCT, None), (NOV, pytest.approx(0.1))]


@pytest.mark.parametrize("latest, today, stale", [
    (OCT, date(2025, 12, 15), False),   # October's numbers in December: on time
    (OCT, date(2026, 1, 2), True),      # two full months without numbers
    (date(2025, 9, 1), date(2025, 12, 1), True),
])
def test_groups_without_numbers_for_two_months_are_flagged(latest, today, stale):
    assert is_stale([MonthNumbers(latest, members=10)], today) is stale


def test_no_numbers_at_all_is_stale_and_has_no_band():
    assert is_stale([], DEC)
    assert current_band([], DEC) is None


def test_current_band_is_the_latest_months():
    months = [MonthNumbers(OCT, members=100), MonthNumbers(NOV, members=90)]
    assert current_band(months, DEC) is Band.NEEDS_HELP
