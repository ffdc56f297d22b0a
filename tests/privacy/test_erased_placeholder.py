"""An erased member's placeholder is stored the same in every language and shown in the
reader's: on the member list, the audit trail, the reports and in the downloads."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Member
from app.privacy.erasure import ERASED_NAME
from tests.privacy.conftest import agree_as
from tests.reports.conftest import app_config as reports_app_config  # noqa: F401
from tests.reports.conftest import people, units  # noqa: F401  (fixtures)

PAGES = ["/admin/members/", "/admin/audit/", "/reports/?by=member&unit=BT-BATRI-ANTHUY"]
DOWNLOADS = ["/reports/export/csv?by=member&unit=BT-BATRI-ANTHUY",
             "/reports/export/xlsx?by=member&unit=BT-BATRI-ANTHUY", "/admin/audit/export.csv"]


@pytest.fixture
def app_config(reports_app_config):  # noqa: F811
    return reports_app_config


@pytest.fixture
def erased_lan(runner, people, db):  # noqa: F811
    assert runner.invoke(args=["privacy", "erase", "lan", "--yes"]).exit_code == 0
    with db() as session:
        assert session.get(Member, people["lan"].id).full_name == ERASED_NAME == "(erased)"
    return people["lan"]


def test_the_placeholders_start_as_the_page_filter_expects():
    from app.privacy.erasure import ERASED_TEXT

    assert ERASED_NAME.startswith("(") and ERASED_TEXT.startswith("(")  # shown() looks for "(" first


def _admin_reads(client, login, db, people, language: str) -> None:  # noqa: F811
    with db() as session:
        session.get(Member, people["ha"].id).language = language
        session.commit()
    login("ha")
    agree_as(client)


def _xlsx_text(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    if response.mimetype.endswith("sheet"):
        return _xlsx_text(response.data)
    return response.get_data(as_text=True)


def test_every_display_asks_for_the_placeholder_in_the_readers_language(client, login, db, people, erased_lan,  # noqa: F811
                                                                         monkeypatch):
    """Whatever the catalogue holds: each page and download routes the placeholder through gettext."""
    from app.privacy import placeholders

    monkeypatch.setattr(placeholders, "_", lambda text: f"[{text.strip('()').upper()}]")
    _admin_reads(client, login, db, people, "en")
    for url in PAGES + DOWNLOADS:
        text = _text(client.get(url))
        assert "[ERASED]" in text, url
        assert ERASED_NAME not in text, url


def test_an_english_reader_sees_the_english_placeholder(client, login, db, people, erased_lan):  # noqa: F811
    _admin_reads(client, login, db, people, "en")
    for url in PAGES + DOWNLOADS:
        assert ERASED_NAME in _text(client.get(url)), url


def test_a_vietnamese_reader_sees_it_in_vietnamese_and_the_stored_value_stays(client, login, db, people,  # noqa: F811
                                                                              erased_lan):
    _admin_reads(client, login, db, people, "vi")
    for url in PAGES + DOWNLOADS:
        text = _text(client.get(url))
        assert "(đã xóa)" in text and ERASED_NAME not in text, url
    with db() as session:
        assert session.get(Member, erased_lan.id).full_name == ERASED_NAME
        labels = session.scalars(select(AuditEntry.target_label).where(AuditEntry.target_member_id == erased_lan.id))
        assert all(ERASED_NAME in label for label in labels)
