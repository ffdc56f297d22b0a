"""Consent to the privacy notice: what counts as agreed, and recording a decision.

Only a ``given`` decision about the *current* version counts: silence, a decision about an
older version, a decline or a withdrawal all leave her outside everything but the notice,
her own data and sign-out (see :mod:`app.privacy.gate`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..audit import Action, record
from ..models import Consent, Member
from ..models.privacy import ConsentMethod, Decision
from .queries import latest_consent


@dataclass(frozen=True)
class ConsentState:
    """Her standing towards the current notice, as the member pages show it."""

    current_version: str | None
    latest: Consent | None

    @property
    def agreed(self) -> bool:
        return (self.latest is not None and self.latest.decision == Decision.GIVEN.value
                and self.latest.notice_version == self.current_version)

    @property
    def outdated(self) -> bool:
        """She decided about an older version and has not seen the new one."""
        return self.latest is not None and self.latest.notice_version != self.current_version


def consent_state(session: Session, member_id: int, current_version: str | None) -> ConsentState:
    return ConsentState(current_version, latest_consent(session, member_id))


def decide(session: Session, member: Member, version: str, decision: Decision, *,
           recorded_by: Member | None, method: ConsentMethod = ConsentMethod.ONLINE,
           slip_reference: str | None = None) -> Consent:
    """Add her decision (the caller commits); on paper the slip's reference is required."""
    if method is ConsentMethod.PAPER and not (slip_reference or "").strip():
        raise ValueError("a consent on paper needs the slip's reference")
    consent = Consent(member_id=member.id, notice_version=version, decision=decision.value,
                      method=method.value, slip_reference=(slip_reference or "").strip() or None,
                      recorded_by_id=recorded_by.id if recorded_by is not None else None)
    session.add(consent)
    slip: dict[str, Any] = {"slip": consent.slip_reference} if consent.slip_reference else {}
    record(session, recorded_by, Action.PRIVACY_CONSENT, member, version=version, decision=decision.value,
           method=method.value, **slip)
    return consent
