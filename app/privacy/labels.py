"""Words for the tables and columns shown on her data page (the downloads keep the raw names)."""
from __future__ import annotations

from app.lazy_text import lazy_gettext as _l

TABLE_LABELS = {
    "lesson_progress": _l("Lessons"),
    "quiz_attempt": _l("Quiz attempts, with your answers"),
    "course_completion": _l("Completed courses"),
    "certificate": _l("Certificates"),
    "assignment": _l("Courses you assigned"),
    "sign_in_code": _l("Sign-in codes issued to you (the codes themselves are not kept)"),
    "audit_entry": _l("Recorded actions about you"),
    "consent": _l("Your answers to the privacy notice"),
    "privacy_request": _l("Your requests"),
    "member_erasure": _l("Erasure"),
    "group_role": _l("Your roles in the union's Facebook groups"),
    "group_training_assignment": _l("Training assigned to you as a group admin"),
    "group_month": _l("Group numbers you entered or confirmed"),
    "group_month_history": _l("Earlier group numbers you entered"),
    "group_health_setting": _l("Group health settings you changed"),
    "facebook_group": _l("Facebook groups"),
    "attendance": _l("Training sessions you attended"),
    "training_session": _l("Training sessions you scheduled or teach"),
}

FIELD_LABELS = {
    "id": _l("Number"), "full_name": _l("Full name"), "username": _l("Username"), "phone": _l("Phone"),
    "external_id": _l("Roster number"), "unit_id": _l("Unit"), "committee_role": _l("Committee role"),
    "role": _l("Platform role"), "language": _l("Language"), "active": _l("Account on"),
    "created_at": _l("Created"), "last_seen_at": _l("Last signed in"), "course_slug": _l("Course"),
    "lesson_slug": _l("Lesson"), "started_at": _l("Started"), "completed_at": _l("Completed"),
    "quiz_id": _l("Quiz"), "number": _l("Attempt"), "submitted_at": _l("Submitted"), "percent": _l("Score"),
    "passed": _l("Passed"), "responses_json": _l("Your answers"), "result_json": _l("Result"),
    "content_hash": _l("Version of the text"), "code": _l("Code"), "course_title": _l("Course"),
    "issued_at": _l("Issued"), "revoked_at": _l("Revoked"), "revoked_reason": _l("Reason"),
    "at": _l("When"), "action": _l("Action"), "actor_label": _l("Done by"), "target_label": _l("About"),
    "people": _l("People"), "detail": _l("Detail"), "notice_version": _l("Notice version"),
    "decision": _l("Decision"), "method": _l("How"), "slip_reference": _l("Slip reference"),
    "kind": _l("Kind"), "channel": _l("How it came"), "details": _l("Details"), "received_on": _l("Received on"),
    "acknowledged_at": _l("Acknowledged"), "done_at": _l("Done"), "outcome": _l("Outcome"),
    "expires_at": _l("Expires"), "used_at": _l("Used"), "due_date": _l("Due"),
    "session_id": _l("Session"), "walk_in": _l("Not invited (walk-in)"), "recorded_at": _l("Recorded"),
    "starts_at": _l("Starts"), "ends_at": _l("Ends"), "place": _l("Place"),
}
#: Columns that only link rows together; the page leaves them out (the downloads keep them).
LINK_COLUMNS = frozenset({"member_id", "target_member_id", "actor_id", "request_id", "recorded_by_id",
                          "entered_by_id", "handled_by_id", "issued_by_id", "created_by_id"})
