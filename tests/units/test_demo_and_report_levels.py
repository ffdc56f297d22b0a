"""The demo has the real structure, and reports group by any level, by default the one below."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from app.demo import DEMO_PASSWORD
from app.models import FacebookGroup, Member, Unit, UnitChange


def test_the_demo_is_vinh_long_with_branches_and_one_recorded_merge(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with db() as session:
        province = session.scalars(select(Unit).where(Unit.code == "86")).one()
        communes = session.scalars(select(Unit).where(Unit.kind == "commune", Unit.active.is_(True))).all()
        assert province.name == "Tỉnh Vĩnh Long" and len(communes) == 124
        ba_tri = session.scalars(select(Unit).where(Unit.code == "29110")).one()
        assert ba_tri.parent.code == "BT-BATRI"  # a former district kept as a planning level
        at_branches = session.scalar(select(func.count()).select_from(Member).join(Unit)
                                     .where(Unit.kind == "branch"))
        assert at_branches >= 10
        officer = session.scalars(select(Member).where(Member.username == "officer")).one()
        coordinator = session.scalars(select(Member).where(Member.username == "coordinator")).one()
        assert officer.unit_id == ba_tri.id == coordinator.unit_id  # the officer came in with the merge
        merge = session.scalars(select(UnitChange).where(UnitChange.unit_id == ba_tri.id)).one()
        assert [u["code"] for u in json.loads(merge.detail)["former"]] == ["BT-BATRI-ANTHUY", "BT-BATRI-TT"]
        groups = session.scalars(select(FacebookGroup.unit_id)).all()
        assert ba_tri.id in groups  # the An Thủy pilot group followed its commune


def test_reports_default_to_the_level_below_the_viewer_and_offer_every_level(app, runner, client, login, db):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    login("coordinator", DEMO_PASSWORD)
    page = client.get("/reports/").get_data(as_text=True)
    assert "Completion by branch" in page and "Chi hội ấp An Thạnh" in page
    assert "Xã Bảo Thạnh" not in page  # another commune: outside her unit
    by_member = client.get("/reports/?by=member")
    assert by_member.status_code == 200 and "Phạm Thị Hồng Nhung" in by_member.get_data(as_text=True)
    assert client.get("/reports/?unit=29125").status_code == 404
    client = app.test_client()
    login("admin", DEMO_PASSWORD, client_=client)
    province = client.get("/reports/").get_data(as_text=True)
    assert "Completion by district" in province and "Huyện Ba Tri (cũ)" in province
    for level, shown in (("commune", "Xã Ba Tri"), ("branch", "Chi hội khu phố 1"), ("province", "Tỉnh Vĩnh Long")):
        body = client.get(f"/reports/?by={level}").get_data(as_text=True)
        assert shown in body, level


def test_a_report_link_with_a_merged_code_shows_the_new_unit_with_a_notice(runner, client, login):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    login("admin", DEMO_PASSWORD)
    page = client.get("/reports/?unit=BT-BATRI-ANTHUY&by=member").get_data(as_text=True)
    assert "Xã An Thủy (cũ) (BT-BATRI-ANTHUY) was merged into Xã Ba Tri (29110)" in page
    assert "Phạm Thị Hồng Nhung" in page


def test_the_cli_report_groups_by_a_level_named_in_vietnamese(runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    result = runner.invoke(args=["report", "completion", "--unit", "29110", "--by", "Chi hội"])
    assert result.exit_code == 0, result.output
    assert "Chi hội ấp An Thạnh" in result.output
    default = runner.invoke(args=["report", "completion", "--unit", "29110"])
    assert "Chi hội ấp An Bình" in default.output
    district = runner.invoke(args=["report", "completion", "--by", "district"])
    assert district.exit_code == 0 and "Huyện Ba Tri (cũ)" in district.output


def test_the_cli_report_takes_a_merged_code_with_a_notice(runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    result = runner.invoke(args=["report", "completion", "--unit", "BT-BATRI-ANTHUY", "--by", "member"])
    assert result.exit_code == 0, result.output
    assert "was merged into Xã Ba Tri (29110)" in result.output and "Phạm Thị Hồng Nhung" in result.output
