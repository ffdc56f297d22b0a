"""Phone numbers as stored, and the links that open the coordinator's own phone apps."""
from __future__ import annotations

from urllib.parse import unquote

import pytest

from app.followup.channels import Action, CopyChannel, PhoneChannel, actions_for
from app.followup.phones import PhoneNumber, phone_number


@pytest.mark.parametrize("stored, international, local", [
    ("0912 345 678", "+84912345678", "0912345678"),
    ("0912.345.678", "+84912345678", "0912345678"),
    ("0912-345-678", "+84912345678", "0912345678"),
    ("+84 912 345 678", "+84912345678", "0912345678"),
    ("84912345678", "+84912345678", "0912345678"),
    ("+84 0912 345 678", "+84912345678", "0912345678"),  # the 0 typed after the country code
    ("0084 912 345 678", "+84912345678", "0912345678"),
    ("912345678", "+84912345678", "0912345678"),  # Excel dropped the leading 0
    ("028 3822 1234", "+842838221234", "02838221234"),  # a landline in Hồ Chí Minh City
    ("+66 81 234 5678", "+66812345678", "66812345678"),  # a Thai number stays Thai
])
def test_numbers_as_typed_become_both_forms(stored, international, local):
    assert phone_number(stored) == PhoneNumber(international, local)


@pytest.mark.parametrize("stored", [None, "", "   ", "12345", "0912 345 678 901 234"])
def test_nothing_callable_gives_no_number(stored):
    assert phone_number(stored) is None


class Person:
    def __init__(self, phone):
        self.phone = phone


def test_call_sms_with_the_message_and_zalo_with_the_local_number():
    message = "Hello Lan,\nplease finish “Basics” by 20/12/2026: https://learn.example.vn/courses/basics/ & thanks"
    call, sms, zalo, copy = actions_for(Person("0912 345 678"), message)
    assert call == Action("call", "tel:+84912345678")
    assert sms.href.startswith("sms:+84912345678?body=")
    body = sms.href.split("?body=", 1)[1]
    assert unquote(body) == message and " " not in body and "+" not in body and "&" not in body
    assert zalo == Action("zalo", "https://zalo.me/0912345678")
    assert copy == Action("copy", None, message)


def test_without_a_number_only_the_message_to_copy_is_left():
    assert actions_for(Person(None), "Hi") == [Action("copy", None, "Hi")]


def test_channels_share_one_interface_so_another_can_be_added():
    class Recorder:
        def prepare(self, member, message):
            return [Action("send", "/somewhere", message)]

    found = actions_for(Person("0912345678"), "Hi", channels=(PhoneChannel(), Recorder(), CopyChannel()))
    assert [a.kind for a in found] == ["call", "sms", "zalo", "send", "copy"]
