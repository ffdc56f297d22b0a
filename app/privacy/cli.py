"""`flask privacy erase USERNAME` and `flask privacy sweep [--dry-run]`."""
from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..extensions import db
from ..models import Member
from .erasure import AlreadyErased, erase
from .retention import apply_sweep, plan_sweep

privacy = AppGroup("privacy", help="Personal data: erase a member, apply the retention settings.")


@privacy.command("erase")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for scripts).")
def erase_command(username: str, yes: bool):
    """Remove for good the personal data of USERNAME; anonymous counts and certificates stay."""
    member = db.session.scalars(select(Member).where(Member.username == username.strip().lower())).first()
    if member is None:
        raise click.ClickException(f"No member has the username {username!r}.")
    if not yes:
        click.confirm(f"Erase the personal data of {member.full_name} ({member.username})? This cannot be undone.",
                      abort=True)
    try:
        report = erase(db.session, member, actor=None, reason="operator")
    except AlreadyErased:
        raise click.ClickException(f"The data of {username!r} was erased before.") from None
    db.session.commit()
    click.echo(f"Erased member #{report.member_id}: {report.attempts_blanked} attempts' answers removed, "
               f"{report.audit_entries_cleaned} audit entries de-identified.")


@privacy.command("sweep")
@click.option("--dry-run", is_flag=True, help="Say what would be removed, and remove nothing.")
def sweep_command(dry_run: bool):
    """Apply the retention settings: de-identify members switched off too long ago, and blank
    the answers of old quiz attempts (their scores stay)."""
    config = current_app.config
    plan = plan_sweep(db.session, now=datetime.now(UTC),
                      keep_switched_off_days=int(config["PRIVACY_KEEP_SWITCHED_OFF_DAYS"]),
                      keep_answers_days=int(config["PRIVACY_KEEP_ANSWERS_DAYS"]))
    verb = "Would de-identify" if dry_run else "De-identified"
    click.echo(f"{verb} {len(plan.members)} switched-off members "
               f"(off for more than {config['PRIVACY_KEEP_SWITCHED_OFF_DAYS']} days).")
    for member in plan.members:
        click.echo(f"  member #{member.id}")
    click.echo(f"{'Would blank' if dry_run else 'Blanked'} the answers of {len(plan.attempts)} quiz attempts "
               f"(older than {config['PRIVACY_KEEP_ANSWERS_DAYS']} days; scores kept).")
    if dry_run:
        db.session.rollback()
        return
    apply_sweep(db.session, plan)
    db.session.commit()
