"""Every CSV download with personal data names who exported it and when, on its first line
(the union's time and UTC), then an empty line, then the table's header row."""
from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest

from app.privacy.stamp import export_line
from tests.privacy.conftest import agree_as
from tests.reports.conftest import ZONE, people, units  # noqa: F401  (fixtures)
from tests.reports.conftest import app_config as reports_app_config  # noqa: F401

STAMP = re.compile(r"Exported by (?P<who>.+) on (?P<local>\d{4}-\d\d-\d\d \d\d:\d\d) \((?P<zone>[\w/]+)\), "
                   r"(?P<utc>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")


@pytest.fixture
def app_config(reports_app_config):  # noqa: F811
    return reports_app_config


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _assert_stamped(rows: list[list[str]], who: str, header_start: str) -> None:
    """Who and when in one cell, both clocks the same moment and just now; an empty row; the header."""
    assert len(rows[0]) == 1, rows[0]
    found = STAMP.fullmatch(rows[0][0])
    assert found, rows[0][0]
    assert found["who"] == who and found["zone"] == ZONE
    utc = datetime.strptime(found["utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - utc) < timedelta(minutes=5)
    local = datetime.strptime(found["local"], "%Y-%m-%d %H:%M")
    assert local == (utc + timedelta(hours=7)).replace(second=0, tzinfo=None)  # Asia/Ho_Chi_Minh: UTC+7
    assert rows[1] == []
    assert rows[2][0] == header_start


def test_the_line_gives_the_unions_time_and_utc(app):
    class Exporter:
        full_name, username = "Nguyễn Thị Hà", "ha"

    with app.test_request_context():
        line = export_line(Exporter(), datetime(2026, 3, 2, 19, 5, 30, tzinfo=UTC))
    assert line == f"Exported by Nguyễn Thị Hà (ha) on 2026-03-03 02:05 ({ZONE}), 2026-03-02T19:05:30Z"


@pytest.mark.parametrize("url, header_start", [
    ("/reports/export/csv?by=member&unit=BT-BATRI-ANTHUY", "Name"),
    ("/reports/export/csv?by=district", "Unit"),
    ("/reports/members/{lan}/export/csv", "Course"),
    ("/reports/units/BT-BATRI/roster/export/csv", "Name"),
    ("/admin/audit/export.csv", "When"),
    ("/admin/privacy/requests.csv", "Request"),
])
def test_each_csv_download_opens_with_who_and_when(client, login, people, url, header_start):  # noqa: F811
    login("ha")
    agree_as(client)
    response = client.get(url.format(lan=people["lan"].id))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    _assert_stamped(_rows(response.data), "Nguyễn Thị Thanh Hà (ha)", header_start)


def test_her_own_data_download_opens_the_same_way(client, login, people):  # noqa: F811
    login("lan")
    agree_as(client)
    rows = _rows(client.get("/me/data.csv").data)
    _assert_stamped(rows, "Phạm Thị Lan (lan)", "section")


def test_the_command_line_prints_the_table_alone(runner, people):  # noqa: F811
    result = runner.invoke(args=["report", "completion", "--by", "member", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.lstrip("\ufeff").startswith("Name,Username,")
