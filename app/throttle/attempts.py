"""The throttling rules: which counters a guess is charged to, and when it is refused.

* A password sign-in from a browser with her device cookie is charged to that browser only
  (``LOGIN_LIMIT_PER_DEVICE``); failures from anywhere else never lock it out.
* From any other browser it is charged to the account (``LOGIN_LIMIT_PER_ACCOUNT``) and to
  the address (``LOGIN_LIMIT_PER_ADDRESS``). The address counts failures that no success
  of the same account from that address has since answered: a training hall behind one
  address, where every officer mistypes once or twice and then gets in, keeps its count near
  zero, while one client guessing across many accounts climbs to the limit.
* Sign-in codes and the change-password check have their own per-account counters.
* Each guess is counted *before* the password is checked and taken back if it was right, so
  parallel guesses cannot all pass a check made before any of them was counted.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from functools import lru_cache

from flask import current_app, request

from .counters import Counters
from .device import device_of, remember_device
from .limits import Limit


@lru_cache(maxsize=64)
def _parse(text: str) -> Limit:
    return Limit.parse(text)


def limit(name: str) -> Limit:
    """The limit set in the configuration under ``name``."""
    return _parse(str(current_app.config[name]))


def counters() -> Counters:
    return current_app.extensions["throttle"]


def _key(kind: str, *parts: str) -> str:
    """A counter's key; odd or long input (control characters, 200 letters) is hashed."""
    safe = []
    for part in parts:
        if len(part) > 80 or not part.isprintable() or "|" in part:
            part = "h-" + hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        safe.append(part)
    return f"{current_app.config['RATELIMIT_KEY_PREFIX']}:{kind}:{'|'.join(safe)}"


@dataclass
class Attempt:
    """A guess the throttle has counted. ``wait_seconds`` > 0 means it was refused."""

    wait_seconds: int = 0
    charged: list[str] = field(default_factory=list)
    username: str | None = None
    redeem: tuple[str, str] | None = None  # (address+account counter, address counter)

    @property
    def refused(self) -> bool:
        return self.wait_seconds > 0

    @property
    def wait_minutes(self) -> int:
        return max(1, math.ceil(self.wait_seconds / 60))

    def succeeded(self, *, remember: bool = True) -> None:
        """The guess was right: take back what it was charged, forgive this account's earlier
        failures from this address, and (for sign-ins) trust this browser from now on."""
        if self.charged or self.redeem:
            store = counters()
            for key in self.charged:
                store.give_back(key)
            if self.redeem:
                pair, address = self.redeem
                earlier = store.take_all(pair)
                if earlier:
                    store.give_back(address, earlier)
        if remember and self.username:
            remember_device(self.username)


def _charge(buckets: list[tuple[str, Limit | None, int]]) -> tuple[int, list[str]]:
    """Count one hit in each bucket ``(key, limit, window)`` in order. At the first bucket past
    its limit, take back the hits already made and return (seconds to wait, []); else return
    (0, every key counted)."""
    store = counters()
    made: list[str] = []
    for key, bucket_limit, seconds in buckets:
        hits, seconds_left = store.hit(key, seconds)
        if bucket_limit is not None and hits > bucket_limit.count:
            for earlier in made:
                store.give_back(earlier)
            return seconds_left, []
        made.append(key)
    return 0, made


def _disabled() -> bool:
    return not current_app.config["RATELIMIT_ENABLED"]


def _address() -> str:
    return request.remote_addr or "unknown"


def _address_keys(username: str) -> tuple[str, str]:
    """The counter of this address and account together, and the counter of the address."""
    return _key("address-account", _address(), username), _key("address", _address())


def _untrusted(kind: str, account_limit: str, username: str) -> Attempt:
    """Charge the account and the address (and note the pair, to forgive it on success)."""
    per_account, per_address = limit(account_limit), limit("LOGIN_LIMIT_PER_ADDRESS")
    pair, address = _address_keys(username)
    wait, made = _charge([(_key(kind, username), per_account, per_account.seconds),
                          (address, per_address, per_address.seconds),
                          (pair, None, per_address.seconds)])
    if wait:
        return Attempt(wait_seconds=wait)
    return Attempt(charged=made[:1], username=username, redeem=(pair, address))


def password_sign_in(username: str) -> Attempt:
    """Count a password sign-in for ``username`` from this browser and address."""
    if _disabled():
        return Attempt(username=username)
    device = device_of(username)
    if device is not None:
        per_device = limit("LOGIN_LIMIT_PER_DEVICE")
        wait, made = _charge([(_key("device", device), per_device, per_device.seconds)])
        if not wait:
            return Attempt(charged=made, username=username, redeem=_address_keys(username))
        # This browser has used up its own allowance: from now on it counts as any other.
    return _untrusted("account", "LOGIN_LIMIT_PER_ACCOUNT", username)


def code_sign_in(username: str) -> Attempt:
    """Count a sign-in code typed for ``username``."""
    if _disabled():
        return Attempt(username=username)
    return _untrusted("code-account", "SIGN_IN_CODE_LIMIT_PER_ACCOUNT", username)


def current_password_check(member_id: int) -> Attempt:
    """Count a check of the current password on the change-password page of ``member_id``."""
    if _disabled():
        return Attempt()
    check = limit("PASSWORD_CHECK_LIMIT")
    wait, made = _charge([(_key("password-check", str(member_id)), check, check.seconds)])
    return Attempt(wait_seconds=wait, charged=made)


def certificate_lookup() -> int:
    """Count a public certificate check from this address; the seconds to wait, or 0."""
    if _disabled():
        return 0
    lookups = limit("CERTIFICATE_LOOKUP_LIMIT")
    wait, _made = _charge([(_key("certificate", _address()), lookups, lookups.seconds)])
    return wait
