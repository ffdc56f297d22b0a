"""The union's day is Vietnam's, not the server's: in the evening of a UTC server it is
already tomorrow there, and exports, due-date checks and reorganisations take that day."""
from __future__ import annotations

from datetime import UTC, date, datetime

from app.i18n import union_today


def test_the_union_day_turns_at_midnight_in_vietnam(app):
    with app.app_context():
        assert union_today(datetime(2026, 12, 1, 16, 59, tzinfo=UTC)) == date(2026, 12, 1)
        assert union_today(datetime(2026, 12, 1, 17, 0, tzinfo=UTC)) == date(2026, 12, 2)


def test_a_report_download_is_named_after_the_union_day(client, login, make_member, monkeypatch):
    from app.progress import assignments

    monkeypatch.setattr(assignments, "today_in", lambda _zone, _now=None: date(2031, 2, 3))
    make_member("boss", role="admin")
    login("boss")
    response = client.get("/reports/export/csv")
    assert response.status_code == 200
    assert "2031-02-03" in response.headers["Content-Disposition"]
