"""`flask users ...`: create, reset and switch off accounts without a browser.

The operator at the command line holds the database itself, so the member policy lets her
do everything (``actor`` None); what she does still goes into the audit trail.
"""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..audit import Action, record
from ..extensions import db
from ..field_rules import FULL_NAME_MAX, USERNAME_RE, control_character_in, phone_is_valid
from ..models import CommitteeRole, Member, Unit
from .codes import issue_code
from .passwords import hash_password, password_problem

users = AppGroup("users", help="Manage member accounts.")

ROLES = ["officer", "trainer", "coordinator", "admin"]
COMMITTEE = [role.value for role in CommitteeRole]


def _member(username: str) -> Member:
    member = db.session.scalars(select(Member).where(Member.username == username.strip().lower())).first()
    if member is None:
        raise click.ClickException(f"No member with username '{username}'.")
    return member


def _read_password(username: str) -> str:
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    problem = password_problem(password, username=username)
    if problem:
        raise click.ClickException(f"Password refused: {problem}")
    return password


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="officer", show_default=True,
              help="Platform role.")
@click.option("--unit", "unit_code", required=True, help="Code of the member's unit, e.g. BT-BATRI.")
@click.option("--name", "full_name", help="Full name (defaults to the username).")
@click.option("--committee-role", type=click.Choice(COMMITTEE), default="committee_member",
              show_default=True)
@click.option("--phone", help="Phone number (optional).")
@click.option("--code", "with_code", is_flag=True,
              help="Print a one-time sign-in code instead of asking for a password.")
def create_user(username, role, unit_code, full_name, committee_role, phone, with_code):
    """Create an account. The password is read from a prompt or standard input, never an argument."""
    for option, value in (("The username", username), ("--name", full_name), ("--phone", phone)):
        if value and control_character_in(value) is not None:
            raise click.ClickException(f"{option} contains an invisible control character (such as NUL) "
                                       "that cannot be saved. Type it again instead of pasting it.")
    username = username.strip().lower()
    full_name = (full_name or "").strip()
    if len(full_name) > FULL_NAME_MAX:
        raise click.ClickException(f"The name is longer than {FULL_NAME_MAX} characters.")
    if not USERNAME_RE.match(username):
        raise click.ClickException(
            "Username must be 3 to 64 lowercase letters, digits, dots, dashes or underscores.")
    if db.session.scalars(select(Member).where(Member.username == username)).first():
        raise click.ClickException(f"Username '{username}' is already taken.")
    unit = db.session.scalars(select(Unit).where(Unit.code == unit_code.strip().upper())).first()
    if unit is None:
        raise click.ClickException(f"Unknown unit code '{unit_code}'. See the units page for codes.")
    if phone and not phone_is_valid(phone):
        raise click.ClickException(f"Phone number '{phone}' is not valid: use 9 to 12 digits.")
    member = Member(username=username, full_name=full_name or username, role=role, unit=unit,
                    committee_role=committee_role, phone=phone)
    if not with_code:
        member.password_hash = hash_password(_read_password(username),
                                             current_app.config["PASSWORD_HASH_METHOD"])
    db.session.add(member)
    db.session.flush()
    hours = current_app.config["SIGN_IN_CODE_HOURS"]
    code = issue_code(db.session, member, hours=hours) if with_code else None
    record(db.session, None, Action.MEMBER_CREATE, member, role=role, unit=unit.code)
    if code:
        record(db.session, None, Action.SIGN_IN_CODE, member, hours=hours)
    db.session.commit()
    click.echo(f"Created {role} '{username}' in {unit.name} ({unit.code}).")
    if code:
        click.echo(f"One-time sign-in code: {code}")


@users.command("reset")
@click.argument("username")
def reset_user(username):
    """Print a one-time sign-in code with which the member sets a new password."""
    member = _member(username)
    if not member.active:
        raise click.ClickException(f"'{member.username}' is switched off; switch the account on first.")
    hours = current_app.config["SIGN_IN_CODE_HOURS"]
    code = issue_code(db.session, member, hours=hours)
    record(db.session, None, Action.SIGN_IN_CODE, member, hours=hours)
    db.session.commit()
    click.echo(f"One-time sign-in code for {member.username}: {code} (valid {hours} hours, once).")


@users.command("deactivate")
@click.argument("username")
def deactivate_user(username):
    """Switch an account off and end all its sessions."""
    member = _member(username)
    if member.active:
        member.active = False
        member.end_sessions()
        record(db.session, None, Action.SWITCH_OFF, member)
    db.session.commit()
    click.echo(f"'{member.username}' is switched off and signed out everywhere.")
