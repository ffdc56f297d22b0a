"""`flask users create` holds a new account to the rules the member form holds it to."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.field_rules import FULL_NAME_MAX, phone_is_valid
from app.models import Member


def _members(db) -> int:
    with db() as session:
        return session.scalar(select(func.count()).select_from(Member))


@pytest.mark.parametrize("extra, message", [
    (["--name", "Nguyễn Thị\x00 Lan"], "--name contains an invisible control character"),
    (["--phone", "0912345678\n"], "--phone contains an invisible control character"),
    (["--name", "Lan" * FULL_NAME_MAX], f"longer than {FULL_NAME_MAX} characters"),
    (["--phone", "0912"], "is not valid"),
])
def test_users_create_refuses_what_the_member_form_refuses(runner, province, db, extra, message):
    result = runner.invoke(args=["users", "create", "lan", "--unit", "BT", "--code", *extra])
    assert result.exit_code != 0 and message in result.output
    assert _members(db) == 0


def test_users_create_keeps_a_name_as_the_form_does(runner, province, db):
    result = runner.invoke(args=["users", "create", "lan", "--unit", "BT", "--code",
                                 "--name", "  Nguyễn Thị Lan ", "--phone", "0912 345 678"])
    assert result.exit_code == 0, result.output
    with db() as session:
        member = session.scalars(select(Member)).one()
        assert (member.full_name, member.phone) == ("Nguyễn Thị Lan", "0912 345 678")


def test_one_phone_rule_for_every_way_in():
    assert phone_is_valid("0912 345 678") and phone_is_valid("+84 912.345.678")
    assert not phone_is_valid("0912") and not phone_is_valid("0912345678901234") and not phone_is_valid("09a2345678")
