"""Operator commands: `flask init`, `flask seed-demo`, `flask backup`, and the command groups."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from .extensions import db


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


@click.command("init")
@with_appcontext
def init_command():
    """Create the database schema, or upgrade it to the newest version. Safe to run twice."""
    from .schema import current_revision, upgrade_schema

    before = current_revision(db.engine)
    upgrade_schema(db.engine)
    after = current_revision(db.engine)
    if before == after:
        click.echo(f"Database is up to date (revision {after}).")
    else:
        click.echo(f"Database upgraded from {before or 'empty'} to revision {after}.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has members.")
def seed_demo_command(if_empty: bool):
    """Load the demo province of Ben Tre: units, about 60 members and one account per role."""
    from .demo import DEMO_PASSWORD, seed_demo
    from .models import Member

    if if_empty and db.session.scalar(select(func.count()).select_from(Member)):
        click.echo("Demo data not loaded: the database already has members.")
        return
    from .content_store import catalogue
    from .demo import seed_demo_learning
    from .progress.assignments import today_in

    accounts = seed_demo(db.session, password_method=current_app.config["PASSWORD_HASH_METHOD"])
    course = catalogue().course("running-facebook-groups")
    if course is not None and not course.is_broken:
        seed_demo_learning(db.session, course, catalogue().quizzes,
                           today=today_in(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    db.session.commit()
    click.echo("Demo data loaded. Demo sign-ins (password for all: %s):" % DEMO_PASSWORD)
    for username, role in accounts:
        click.echo(f"  {role:<12} {username}")
