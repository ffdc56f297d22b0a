"""The check-in rules on a fixed clock: the window's edges, the code's rotation, the refusals."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.training import checkin

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
END = START + timedelta(hours=3)
SECRET = "a-secret-key"
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(("now", "open_"), [
    (START - timedelta(minutes=30) - SECOND, False),
    (START - timedelta(minutes=30), True),
    (START, True),
    (END, True),
    (END + SECOND, False),
])
def test_window_opens_30_minutes_before_and_closes_at_the_end(now, open_):
    assert checkin.is_open(START, END, now) is open_
    assert checkin.check_in_window(START, END) == (START - timedelta(minutes=30), END)


def test_code_is_six_unambiguous_characters():
    for slot in range(200):
        code = checkin.code_for(SECRET, 7, slot)
        assert len(code) == 6
        assert set(code) <= set(checkin.ALPHABET)
    assert not set("0O1IL") & set(checkin.ALPHABET)


def test_code_depends_on_secret_session_and_slot():
    now = START
    code = checkin.current_code(SECRET, 7, now)
    assert checkin.current_code(SECRET, 7, now) == code
    assert checkin.current_code(SECRET, 8, now) != code
    assert checkin.current_code("another-key", 7, now) != code
    assert checkin.current_code(SECRET, 7, now + checkin.CODE_SLOT) != code


def test_code_is_accepted_in_its_slot_and_the_next_only():
    slot_start = datetime.fromtimestamp(checkin.time_slot(START) * checkin.CODE_SLOT.total_seconds(), UTC)
    code = checkin.current_code(SECRET, 7, slot_start)
    assert checkin.code_matches(SECRET, 7, code, slot_start)
    assert checkin.code_matches(SECRET, 7, code, slot_start + checkin.CODE_SLOT - SECOND)
    assert checkin.code_matches(SECRET, 7, code, slot_start + checkin.CODE_SLOT)  # the previous slot's code
    assert checkin.code_matches(SECRET, 7, code, slot_start + 2 * checkin.CODE_SLOT - SECOND)
    assert not checkin.code_matches(SECRET, 7, code, slot_start + 2 * checkin.CODE_SLOT)
    assert not checkin.code_matches(SECRET, 7, code, slot_start - SECOND)  # not before it is shown
    assert not checkin.code_matches(SECRET, 8, code, slot_start)


def test_typed_code_is_forgiving_about_case_and_spaces():
    code = checkin.current_code(SECRET, 7, START)
    assert checkin.code_matches(SECRET, 7, f" {code[:3].lower()} - {code[3:]} ", START)
    assert not checkin.code_matches(SECRET, 7, code[:5], START)
    assert not checkin.code_matches(SECRET, 7, "", START)
    assert not checkin.code_matches(SECRET, 7, None, START)


def test_seconds_to_next_code():
    slot_start = datetime.fromtimestamp(checkin.time_slot(START) * checkin.CODE_SLOT.total_seconds(), UTC)
    assert checkin.seconds_to_next_code(slot_start) == int(checkin.CODE_SLOT.total_seconds()) + 1
    assert checkin.seconds_to_next_code(slot_start + checkin.CODE_SLOT - SECOND) == 2


def _refusal(**changes):
    facts = dict(starts_at=START, ends_at=END, cancelled=False, now=START, code_ok=True, invited=True,
                 walk_ins_allowed=False, capacity=None, attending=0)
    return checkin.check_in_refusal(**{**facts, **changes})


def test_refusals_in_order():
    assert _refusal() is None
    assert _refusal(cancelled=True, code_ok=False) == checkin.CANCELLED
    assert _refusal(now=START - timedelta(minutes=31), code_ok=False) == checkin.NOT_OPEN_YET
    assert _refusal(now=END + SECOND) == checkin.CLOSED
    assert _refusal(code_ok=False) == checkin.WRONG_CODE
    assert _refusal(invited=False) == checkin.NOT_INVITED
    assert _refusal(invited=False, walk_ins_allowed=True) is None
    assert _refusal(invited=False, walk_ins_allowed=True, capacity=10, attending=10) == checkin.FULL
    assert _refusal(invited=True, capacity=10, attending=10) is None  # invited members always get in
