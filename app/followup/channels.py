"""Ways to reach a member: each channel turns a member and a message into actions.

The platform sends nothing itself. Today's one channel, ``PhoneChannel``, prepares links
that open the coordinator's own phone apps (call, SMS with the message filled in, a Zalo
chat with the member's number), and every member gets "copy the message" besides; the
coordinator sends from her own phone, so there is no gateway, account or cost.

Where a sender would plug in: an official Zalo Official Account (or an SMS gateway) would be
one more class with the same ``prepare(member, message)``, returning an ``Action`` of kind
``"send"`` whose ``href`` is a page of this site with a form that sends through the account
(and records what was sent, for the follow-up log). Add it to ``CHANNELS``; the worklist, its
print view and the notices (see ``app.notices``) take their actions from ``actions_for`` and
need no change. Nothing of that exists yet: no account, no token, no sending code.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from .phones import phone_number


class Reachable(Protocol):
    """What a channel reads of a member."""

    phone: str | None


@dataclass(frozen=True)
class Action:
    """One thing the coordinator can do: ``kind`` says which (``call``, ``sms``, ``zalo``,
    ``copy``); ``href`` is the link to open (None for ``copy``, whose ``text`` is shown)."""

    kind: str
    href: str | None = None
    text: str = ""


class Channel(Protocol):
    def prepare(self, member: Reachable, message: str) -> list[Action]:
        """The actions that reach ``member`` with ``message`` (none when she cannot be
        reached this way)."""
        ...


class PhoneChannel:
    """Her number, for the coordinator's phone: ``tel:``, ``sms:`` with the message, and
    ``https://zalo.me/<number>`` (Zalo finds an account by its phone number)."""

    def prepare(self, member: Reachable, message: str) -> list[Action]:
        number = phone_number(member.phone)
        if number is None:
            return []
        return [
            Action("call", f"tel:{number.international}"),
            # ``?body=`` is what Android and current iPhones read; spaces as %20, never "+".
            Action("sms", f"sms:{number.international}?body={quote(message, safe='')}"),
            Action("zalo", f"https://zalo.me/{number.local}"),
        ]


class CopyChannel:
    """The message itself, to copy into any app (a read-only box: select and copy)."""

    def prepare(self, member: Reachable, message: str) -> list[Action]:
        return [Action("copy", None, message)]


CHANNELS: Sequence[Channel] = (PhoneChannel(), CopyChannel())


def actions_for(member: Reachable, message: str, channels: Sequence[Channel] = CHANNELS) -> list[Action]:
    """Every channel's actions for ``member``, in the channels' order."""
    return [action for channel in channels for action in channel.prepare(member, message)]
