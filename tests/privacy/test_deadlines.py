"""Due dates of requests: working days around weekends, Tết and the union's own days off."""
from __future__ import annotations

from datetime import date

import pytest

from app.privacy.deadlines import WorkCalendar, acknowledge_due, carry_out_due, parse_days_off

PLAIN = WorkCalendar()


def test_acknowledgement_on_a_plain_week_is_two_working_days_later():
    assert acknowledge_due(date(2026, 3, 2), PLAIN) == date(2026, 3, 4)  # Monday -> Wednesday


def test_acknowledgement_skips_the_weekend():
    assert acknowledge_due(date(2026, 3, 5), PLAIN) == date(2026, 3, 9)  # Thursday -> Monday
    assert acknowledge_due(date(2026, 3, 7), PLAIN) == date(2026, 3, 10)  # Saturday -> Tuesday


def test_acknowledgement_skips_tet():
    # Tết 2026: 16-20 February (Monday to Friday), then a weekend.
    assert acknowledge_due(date(2026, 2, 13), PLAIN) == date(2026, 2, 24)
    assert not PLAIN.is_working_day(date(2026, 2, 17))


def test_acknowledgement_skips_reunification_and_labour_day():
    # 30 April (Thursday) and 1 May (Friday) 2026 are holidays.
    assert acknowledge_due(date(2026, 4, 29), PLAIN) == date(2026, 5, 5)


def test_the_unions_own_day_off_is_not_a_working_day():
    calendar = WorkCalendar(parse_days_off("2026-03-09, 2026-03-10"))
    assert acknowledge_due(date(2026, 3, 6), calendar) == date(2026, 3, 12)


def test_carrying_out_is_fifteen_days_later_on_a_working_day():
    assert carry_out_due(date(2026, 3, 2), PLAIN) == date(2026, 3, 17)


def test_carrying_out_that_ends_on_a_weekend_moves_to_monday():
    assert carry_out_due(date(2026, 3, 6), PLAIN) == date(2026, 3, 23)  # the 21st is a Saturday


def test_carrying_out_that_ends_in_tet_moves_after_it():
    assert carry_out_due(date(2026, 2, 1), PLAIN) == date(2026, 2, 23)  # the 16th is Tết's eve


def test_one_extension_adds_its_days():
    assert carry_out_due(date(2026, 3, 2), PLAIN, 15) == date(2026, 4, 1)


@pytest.mark.parametrize("days", [0, 16, -1])
def test_an_extension_over_fifteen_days_is_refused(days):
    with pytest.raises(ValueError):
        carry_out_due(date(2026, 3, 2), PLAIN, days)
