"""Operator commands: `flask init`, `flask seed-demo`, `flask backup`, and the command groups."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from .extensions import db
from .i18n import union_today


def register_commands(app: Flask) -> None:
    from .accounts.cli import users

    app.cli.add_command(init_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(users)
    from .backup import backup_command
    from .content_cli import content, quizzes
    from .reports.cli import report
    from .roster import cli as _roster_cli  # noqa: F401  (adds `flask users import`)

    app.cli.add_command(content)
    app.cli.add_command(quizzes)
    app.cli.add_command(report)
    app.cli.add_command(backup_command)
    from .units.cli import units

    app.cli.add_command(units)


@click.command("init")
@with_appcontext
def init_command():
    """Create the database schema, or upgrade it to the newest version. Safe to run twice."""
    from .db import make_engine, sqlite_file
    from .schema import current_revision, upgrade_schema

    path = sqlite_file(current_app.config["SQLALCHEMY_URL"])
    if path is not None and not path.exists() and Path(f"{path}-wal").exists():
        raise click.ClickException(
            f"{path} is missing, but its write-ahead log {path}-wal is there and may hold the last "
            "changes. Restore the database file, or move the -wal and -shm files away, then run "
            "flask init again.")
    # The one command that may create the database file; the app itself only opens it.
    engine = make_engine(current_app.config["SQLALCHEMY_URL"], create=True)
    try:
        before = current_revision(engine)
        upgrade_schema(engine)
        after = current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"Database is up to date (revision {after}).")
    else:
        click.echo(f"Database upgraded from {before or 'empty'} to revision {after}.")
    from .progress.counts import bring_up_to_date

    _stored, counted = bring_up_to_date(db.session)  # the report's kept counts, for the content served
    db.session.commit()
    if counted:
        click.echo(f"Counted for the reports: {', '.join(counted)}.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has members.")
def seed_demo_command(if_empty: bool):
    """Load the demo: Vĩnh Long province from the official list, about 70 members, one account per role."""
    from .demo import DEMO_PASSWORD, seed_demo
    from .models import Member

    if if_empty and db.session.scalar(select(func.count()).select_from(Member)):
        click.echo("Demo data not loaded: the database already has members.")
        return
    from .content_store import catalogue
    from .demo import seed_demo_groups, seed_demo_learning, seed_demo_merge

    accounts = seed_demo(db.session, password_method=current_app.config["PASSWORD_HASH_METHOD"])
    course = catalogue().course("running-facebook-groups")
    if course is not None and not course.is_broken:
        seed_demo_learning(db.session, course, catalogue().quizzes,
                           today=union_today())
    seed_demo_groups(db.session, today=union_today())
    seed_demo_merge(db.session)
    from .training.demo import seed_sessions

    seed_sessions(db.session, today=union_today())
    db.session.commit()
    click.echo(f"Demo data loaded. Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for username, role in accounts:
        click.echo(f"  {role:<12} {username}")
