"""Every operator command, through the CLI runner."""
from __future__ import annotations

from conftest import TEST_PASSWORD
from sqlalchemy import func, select

from app.models import Member, Unit


def test_init_is_safe_to_run_twice(runner):
    first = runner.invoke(args=["init"])
    second = runner.invoke(args=["init"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "up to date" in second.output


def test_init_creates_the_schema_on_an_empty_database(app_config, tmp_path, monkeypatch):
    from app import create_app

    if not app_config["DATABASE_URL"].startswith("sqlite"):
        return  # PostgreSQL's schema is migrated once for the run by the fixtures
    app_config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    monkeypatch.setenv("UNION_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(app_config)
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert "upgraded from empty" in result.output
    assert app.test_client().get("/healthz").get_json() == {"status": "ok"}


def test_seed_demo_loads_units_members_and_demo_accounts(runner, db, app, login):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for role in ("admin", "coordinator", "trainer", "officer"):
        assert role in result.output
    with db() as session:
        districts = session.scalars(select(Unit).where(Unit.kind == "district")).all()
        assert {d.name for d in districts} >= {"Huyện Ba Tri (cũ)", "Huyện Mỏ Cày Bắc (cũ)",
                                               "Thành phố Bến Tre (cũ)"}
        count = session.scalar(select(func.count()).select_from(Member))
        assert 70 <= count <= 100
        per_unit = {}
        for member in session.scalars(select(Member)):
            per_unit[member.unit_id] = per_unit.get(member.unit_id, 0) + 1
        assert max(per_unit.values()) >= 2 * min(per_unit.values())  # uneven on purpose
        from app.models import Assignment, LessonProgress

        assert session.scalars(select(Assignment)).one().course_slug == "running-facebook-groups"
        readers = session.scalars(select(LessonProgress.member_id).distinct()).all()
        assert 10 <= len(readers) < count  # some have read, some have not
        from app.models import Certificate

        certificates = session.scalars(select(Certificate)).all()
        assert certificates  # a few have finished
        assert all(c.unit_name for c in certificates)  # the issuing unit's name, copied when issued
        merged = [c for c in certificates if c.unit.code == "29110" and c.unit_name != c.unit.name]
        assert {c.unit_name for c in merged} <= {"Xã An Thủy (cũ)", "Thị trấn Ba Tri (cũ)"}
    from app.demo import DEMO_PASSWORD

    for username in ("admin", "coordinator", "trainer", "officer"):
        client = app.test_client()
        assert login(username, DEMO_PASSWORD, client_=client).status_code == 302
    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "already has members" in again.output


def test_seed_demo_twice_adds_no_duplicates(runner, db):
    from app.models import Assignment, LessonProgress

    def counts():
        with db() as session:
            return [session.scalar(select(func.count()).select_from(model))
                    for model in (Member, Unit, Assignment, LessonProgress)]

    runner.invoke(args=["seed-demo"])
    before = counts()
    runner.invoke(args=["seed-demo"])
    assert counts() == before


def test_users_create_reads_the_password_from_stdin(runner, province, login):
    result = runner.invoke(args=["users", "create", "lan", "--role", "trainer", "--unit", "bt",
                                 "--name", "Nguyễn Thị Lan"], input=TEST_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert TEST_PASSWORD not in result.output
    assert login("lan").status_code == 302


def test_users_create_refuses_bad_input(runner, province, make_member):
    make_member("lan")
    duplicate = runner.invoke(args=["users", "create", "lan", "--unit", "BT"], input=TEST_PASSWORD + "\n")
    assert duplicate.exit_code != 0 and "already taken" in duplicate.output
    unknown = runner.invoke(args=["users", "create", "mai", "--unit", "NOPE"], input=TEST_PASSWORD + "\n")
    assert unknown.exit_code != 0 and "Unknown unit code 'NOPE'" in unknown.output
    weak = runner.invoke(args=["users", "create", "mai", "--unit", "BT"], input="123456\n")
    assert weak.exit_code != 0 and "Password refused" in weak.output


def test_users_create_with_a_code(runner, province):
    result = runner.invoke(args=["users", "create", "mai", "--unit", "BT", "--code"])
    assert result.exit_code == 0 and "One-time sign-in code:" in result.output


def test_users_reset_and_deactivate(runner, make_member):
    make_member("lan")
    assert "One-time sign-in code for lan" in runner.invoke(args=["users", "reset", "lan"]).output
    assert runner.invoke(args=["users", "deactivate", "lan"]).exit_code == 0
    reset = runner.invoke(args=["users", "reset", "lan"])
    assert reset.exit_code != 0 and "switched off" in reset.output
    missing = runner.invoke(args=["users", "reset", "nobody"])
    assert missing.exit_code != 0 and "No member with username 'nobody'" in missing.output


def test_every_command_has_help(runner):
    for args in (["init"], ["seed-demo"], ["users", "create"], ["users", "reset"], ["users", "deactivate"]):
        result = runner.invoke(args=[*args, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
